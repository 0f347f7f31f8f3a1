"""``GET /api/v1/stats/settlement/?from=&to=&jurisdiction=&type=``: settlement figures and rates as JSON.

Numerators, denominators and rates (percent strings rounded half-up to 0.1, ``null`` with ``display``
“无案件” when the denominator is 0), with their definitions, for the whole scope and per jurisdiction.
Needs ``casework.view_statistics``; counts only the jurisdictions the caller may see.
Dates are read inside the window of ``casework.inputs`` (2000 to a few years ahead); bad input → HTTP 400 in
the API's one error shape ``{"code": "invalid", "message": ..., "fields": {field: [message]}}``.
"""

from datetime import date

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.selectors.visibility import jurisdictions_for
from casework.statistics.periods import Period, PeriodError, parse_date
from casework.statistics.registry import all_series, get_series
from casework.statistics.report import build_report

PERMISSION = "casework.view_statistics"


def _jurisdiction_json(jurisdiction):
    return None if jurisdiction is None else {"code": jurisdiction.code, "name": jurisdiction.name}


class SettlementView(APIView):
    @extend_schema(
        summary="结案率统计（分子、分母、比率）",
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="起始日期 YYYY-MM-DD，默认当年1月1日"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="截止日期 YYYY-MM-DD（含），默认今天"),
            OpenApiParameter(
                "jurisdiction", str, description="管辖区域代码，如 433101；不填为全部可见区域合计"
            ),
            OpenApiParameter("type", str, description="案件类型（统计项目）代码，如 complaint；不填为全部"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied("您无权查看结案统计")
        params, today = request.query_params, timezone.localdate()
        errors: dict[str, list[str]] = {}
        bounds = {}
        for name, default in (("from", date(today.year, 1, 1)), ("to", today)):
            value = (params.get(name) or "").strip()
            try:
                bounds[name] = parse_date(value, name) if value else default
            except PeriodError as exc:
                errors[name] = [exc.message]
        period = None
        if not errors:
            try:
                period = Period.range(bounds["from"], bounds["to"])
            except PeriodError as exc:
                errors[exc.field] = [exc.message]
        series = all_series()
        code = (params.get("type") or "").strip()
        if code:
            try:
                series = [get_series(code)]
            except KeyError:
                known = "、".join(s.code for s in all_series())
                errors["type"] = [f"未知的案件类型“{code}”，可选：{known}"]
        jurisdiction = None
        jurisdiction_code = (params.get("jurisdiction") or "").strip()
        if jurisdiction_code:
            jurisdiction = jurisdictions_for(request.user).filter(code=jurisdiction_code).first()
            if jurisdiction is None:
                errors["jurisdiction"] = [f"没有代码为“{jurisdiction_code}”的管辖区域，或您无权查看它的统计"]
        if errors:
            raise serializers.ValidationError(errors)

        report = build_report(
            request.user,
            period,
            today=today,
            jurisdiction=jurisdiction,
            series=series,
            with_trend=False,
            links=False,
        )
        return Response(
            {
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "jurisdiction": _jurisdiction_json(jurisdiction),
                "scope": str(report.scope.label),
                "generated_at": report.generated_at.isoformat(),
                "series": [
                    {
                        "type": r.series.code,
                        "label": str(r.series.label),
                        **r.total.as_dict(),
                        "projection": r.projection.as_dict() if r.projection else None,
                        "jurisdictions": [
                            {
                                **_jurisdiction_json(row.jurisdiction),
                                "rank": row.rank,
                                **row.figures.as_dict(),
                            }
                            for row in r.rows
                        ],
                    }
                    for r in report.series
                ],
            }
        )
