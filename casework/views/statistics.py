"""Settlement statistics pages: dashboard, drill-down lists, monthly return (Excel) and report (PDF).

Thin: ``casework.statistics`` computes; these views parse the request, check the permission
``casework.view_statistics`` and present. Drill-down lists go through ``visible_to``.
"""

from datetime import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from casework.forms.statistics import StatisticsFilterForm
from casework.pdf import issuing_body_for, render_pdf
from casework.selectors.visibility import jurisdictions_for, visible_to
from casework.spreadsheets import xlsx_download
from casework.statistics import queries
from casework.statistics.exports import monthly_return
from casework.statistics.figures import FIGURES
from casework.statistics.periods import (
    Period,
    PeriodError,
    period_from_query,
    report_as_of,
    report_period,
)
from casework.statistics.registry import get_series
from casework.statistics.report import build_report, scope_for
from casework.statistics.targets import at_risk_margin
from casework.views.documents import pdf_response

PAGE_SIZE = 25
PERMISSION = "casework.view_statistics"


def _jurisdiction_param(request, field="jurisdiction"):
    code = (request.GET.get(field) or "").strip()
    if not code:
        return None
    jurisdiction = jurisdictions_for(request.user).filter(code=code).first()
    if jurisdiction is None:
        raise Http404("没有这个管辖区域，或您无权查看它的统计")
    return jurisdiction


def _unlink_unseen(user, report) -> None:
    """The projection names the cases to close first; a name links to its page only where the viewer may
    open it (an arbitrator sees the counts of every series, but not another unit's complaints). One query
    per case type named."""
    named: dict[type, list] = {}
    for sr in report.series:
        projection = sr.projection
        for case in (projection.action if projection else ()) or ():
            if case.model is not None:
                named.setdefault(case.model, []).append(case)
    for model, cases in named.items():
        seen = set(
            visible_to(user, model.objects.filter(pk__in=[c.pk for c in cases])).values_list("pk", flat=True)
        )
        for case in cases:
            if case.pk not in seen:
                case.link = ""


@login_required
@permission_required(PERMISSION, raise_exception=True)
def dashboard(request):
    today = timezone.localdate()
    jurisdictions = jurisdictions_for(request.user)
    form = StatisticsFilterForm(request.GET or None, jurisdictions=jurisdictions, today=today)
    period, jurisdiction = Period.year(today.year), None
    if form.is_bound:
        if form.is_valid():
            period, jurisdiction = form.cleaned_data["period_obj"], form.cleaned_data["jurisdiction"]
    # the year-end projection as last computed off the request path, with its time (projection_store)
    report = build_report(
        request.user, period, today=today, jurisdiction=jurisdiction, stored_projection=True
    )
    _unlink_unseen(request.user, report)
    last_day = min(period.end, today)
    month = Period.month(last_day.year, last_day.month)
    export_query = f"month={month.start:%Y-%m}" + (
        f"&jurisdiction={jurisdiction.code}" if jurisdiction else ""
    )
    return render(
        request,
        "casework/statistics/dashboard.html",
        {
            "form": form,
            "report": report,
            "period": period,
            "export_month": month,
            "margin": at_risk_margin(),
            "export_query": export_query,
            "api_query": "&".join(f"{k}={v}" for k, v in period.as_query().items())
            + (f"&jurisdiction={jurisdiction.code}" if jurisdiction else ""),
        },
    )


def _local_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


def drill_queryset(request, series, qs):
    """A drill-down's cases: those the user may see, with the closing deadline's due date, in the list's
    order (open ones by their next deadline)."""
    qs = visible_to(request.user, qs).select_related("jurisdiction")
    if series.deadline_rule:
        qs = qs.annotate(closing_due=queries.closing_due(series))
    return qs


def drill_page(request, series, qs):
    """One page of a drill-down list and its rows (a constant number of queries whatever the page holds)."""
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "case": case,
            "url": case.get_absolute_url() if hasattr(case, "get_absolute_url") else "",
            "accepted": _local_date(getattr(case, series.accepted_field)),
            "closed": _local_date(getattr(case, series.closed_field)),
            "closing_due": getattr(case, "closing_due", None),
        }
        for case in page
    ]
    return page, rows


@login_required
@permission_required(PERMISSION, raise_exception=True)
def case_list(request):
    """The cases behind one figure: ``?series=complaint&figure=pending_end&from=…&to=…&jurisdiction=…``."""
    today = timezone.localdate()
    try:
        series = get_series(request.GET.get("series", ""))
    except KeyError:
        raise Http404("没有这个统计项目") from None
    figure = request.GET.get("figure", "")
    if figure not in series.figure_codes():
        raise Http404("没有这个统计指标")
    try:
        period = period_from_query(request.GET, today=today)
    except PeriodError as exc:
        return render(request, "casework/statistics/cases.html", {"error": exc.message}, status=400)
    jurisdiction = _jurisdiction_param(request)
    scope = scope_for(request.user, jurisdiction)
    qs = queries.figure_queryset(series, figure, period, today=today, jurisdiction_ids=scope.ids)
    may_view = request.user.has_perm(series.view_permission)
    qs = drill_queryset(request, series, qs)
    if figure in ("closed", "closed_on_time", "closed_late", "succeeded", "final", "recovered", "workers"):
        qs = qs.order_by(F(series.closed_field).desc(), "-pk")
    else:
        qs = qs.order_by(F("next_due").asc(nulls_last=True), series.accepted_field, "pk")
    page, rows = drill_page(request, series, qs)
    query = request.GET.copy()
    query.pop("page", None)
    back = {**period.as_query(), "period": "range"}
    if jurisdiction:
        back["jurisdiction"] = jurisdiction.code
    cutoff = min(period.end, today)
    return render(
        request,
        "casework/statistics/cases.html",
        {
            "series": series,
            "figure": figure,
            "figure_label": FIGURES[figure].label,
            "figure_definition": str(FIGURES[figure].definition).format(
                start=period.start.isoformat(), end=period.end.isoformat(), cutoff=cutoff.isoformat()
            ),
            "period": period,
            "scope": scope,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "back_query": "&".join(f"{k}={v}" for k, v in back.items()),
            "may_view": may_view,
            "today": today,
        },
    )


def _monthly_reports(request):
    """The period's report and its year to date, as of ``as_of`` (default: the period's end, or today):
    the same ``as_of`` regenerates the same export later."""
    month = report_period(request.GET, today=timezone.localdate())
    as_of = report_as_of(request.GET, month, today=timezone.localdate())
    jurisdiction = _jurisdiction_param(request)
    scope = scope_for(request.user, jurisdiction)
    month_report = build_report(
        request.user, month, today=as_of, scope=scope, with_trend=False, with_projection=False, links=False
    )
    ytd_report = build_report(request.user, month.year_to_date(), today=as_of, scope=scope, links=False)
    return month, month_report, ytd_report


def _bad_month(exc: PeriodError) -> HttpResponse:
    return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")


@login_required
@permission_required(PERMISSION, raise_exception=True)
def monthly_return_xlsx(request):
    """``/stats/return.xlsx?period=month&month=2026-10[&jurisdiction=433101][&as_of=2026-10-31]`` (or
    ``period=quarter&quarter=2026-Q1``, ``period=year&year=2026``): the statistical return of the period;
    unknown or contradictory parameters → 400 with the reason."""
    try:
        month, month_report, ytd_report = _monthly_reports(request)
    except PeriodError as exc:
        return _bad_month(exc)
    workbook = monthly_return(month, month_report, ytd_report)
    return xlsx_download(workbook, f"统计报表{month.label}（截至{month_report.today.isoformat()}）.xlsx")


@login_required
@permission_required(PERMISSION, raise_exception=True)
def monthly_report_pdf(request):
    """``/stats/report.pdf?month=2026-10[&jurisdiction=433101]``: the monthly report with its charts."""
    try:
        month, month_report, ytd_report = _monthly_reports(request)
    except PeriodError as exc:
        return _bad_month(exc)
    ytd_by_code = {r.code: r for r in ytd_report.series}
    sections = [{"month": r, "ytd": ytd_by_code[r.code]} for r in month_report.series]
    pdf = render_pdf(
        "pdf/statistics/monthly_report.html",
        {
            "title": f"{month.label}劳动保障案件办理情况统计报告",
            "issuing_body": issuing_body_for(month_report.scope.selected),
            "month": month,
            "month_report": month_report,
            "ytd_report": ytd_report,
            "sections": sections,
        },
    )
    return pdf_response(pdf, f"统计报告{month.label}（截至{month_report.today.isoformat()}）.pdf")
