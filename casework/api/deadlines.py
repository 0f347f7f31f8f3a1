"""``GET /api/v1/deadlines/`` (compute one due date) and ``GET /api/v1/deadlines/rules/`` (the registry).

Inputs are read with ``casework.inputs`` (the start date inside its window, bounded integers); bad input →
HTTP 400 in the API's one error shape ``{"code": "invalid", "message": ..., "fields": {field: [message]}}``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.deadlines.compute import MAX_EXTENSIONS, MAX_PERIOD, DeadlineError, compute_due
from casework.deadlines.rules import RULES, all_rules
from casework.inputs import ANY, WindowDateSerializerField, bounded_integer
from casework.models import Jurisdiction


class DeadlineQuerySerializer(serializers.Serializer):
    rule = serializers.CharField(
        help_text="期限规则名称，如 arbitration.award（见 /api/v1/deadlines/rules/）",
        error_messages={"required": _("请指定期限规则（rule）。"), "blank": _("请指定期限规则（rule）。")},
    )
    start = WindowDateSerializerField(
        window=ANY,
        help_text="起算日期 YYYY-MM-DD（倒推规则为开庭日期）",
        error_messages={
            "required": _("请指定起算日期（start）。"),
            "invalid": _("日期格式应为 YYYY-MM-DD，例如 2026-10-09。"),
        },
    )
    jurisdiction = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="管辖区域代码，如 433101；不填按全国安排（不含地方节假日）",
    )
    extensions = bounded_integer(required=False, default=0, max_value=MAX_EXTENSIONS)
    paused_days = bounded_integer(required=False, default=0, max_value=MAX_PERIOD)
    period = bounded_integer(
        required=False, min_value=1, max_value=MAX_PERIOD, help_text="仅用于文书定期限的规则"
    )
    wage_arrears_in_employment = serializers.BooleanField(required=False, default=False)

    def validate_rule(self, value):
        if value not in RULES:
            raise serializers.ValidationError(_("未知的期限规则“%(name)s”。") % {"name": value})
        return value

    def validate_jurisdiction(self, value):
        if not value:
            return None
        jurisdiction = Jurisdiction.objects.filter(code=value).first()
        if jurisdiction is None:
            raise serializers.ValidationError(_("未知的管辖区域代码“%(code)s”。") % {"code": value})
        return jurisdiction


class DeadlineView(APIView):
    @extend_schema(
        summary="计算法定期限到期日",
        parameters=[DeadlineQuerySerializer],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        query = DeadlineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        jurisdiction = data.get("jurisdiction")
        try:
            result = compute_due(
                data["rule"],
                data["start"],
                jurisdiction=jurisdiction,
                extensions=data["extensions"],
                paused_days=data["paused_days"],
                period=data.get("period"),
                wage_arrears_in_employment=data["wage_arrears_in_employment"],
            )
        except DeadlineError as exc:
            raise serializers.ValidationError({exc.field: [exc.message]}) from None
        body = result.as_dict()
        body["jurisdiction"] = jurisdiction.code if jurisdiction else None
        body["jurisdiction_name"] = jurisdiction.name if jurisdiction else None
        return Response(body)


class DeadlineRulesView(APIView):
    @extend_schema(
        summary="法定期限规则列表",
        parameters=[
            OpenApiParameter("domain", str, description="inspection / arbitration / mediation / arrears")
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        rules = [rule.as_dict() for rule in all_rules()]
        domain = request.query_params.get("domain")
        if domain:
            rules = [r for r in rules if r["domain"] == domain]
        return Response({"count": len(rules), "results": rules})
