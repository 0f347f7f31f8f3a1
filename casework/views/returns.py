"""The official statistical returns (人社统MA1, MA2, labour inspection): the web view, in which every cell
links to the cases behind it, the Excel download, and the drill-down list of one cell.

``/stats/returns/<code>/?period=quarter&quarter=2026-Q1[&jurisdiction=433101]`` (month/quarter/year read
strictly by ``report_period``); ``…/<code>.xlsx?…``; ``…/<code>/cases/?column=3&…[&jurisdiction=…]``.
Unknown or contradictory parameters → 400 with the reason in Chinese.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.selectors.visibility import jurisdictions_for
from casework.spreadsheets import xlsx_download
from casework.statistics.periods import Period, PeriodError, report_period
from casework.statistics.registry import get_series
from casework.statistics.report import scope_for
from casework.statistics.return_layouts import RETURNS, get_return
from casework.statistics.return_workbook import return_workbook
from casework.statistics.returns import UNVERIFIED, cell_queryset, compute

from .statistics import PERMISSION, drill_page, drill_queryset

RETURN_PARAMETERS = {"period", "month", "quarter", "year", "jurisdiction"}
CELL_PARAMETERS = RETURN_PARAMETERS | {"column", "page"}


def _bad(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def period_query(period: Period) -> dict[str, str]:
    """The parameters that ask ``report_period`` for ``period`` again."""
    if period.kind == "month":
        return {"period": "month", "month": f"{period.start:%Y-%m}"}
    if period.kind == "quarter":
        return {"period": "quarter", "quarter": f"{period.start.year}-Q{(period.start.month - 1) // 3 + 1}"}
    return {"period": "year", "year": str(period.start.year)}


class BadRequest(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _read(request, code: str, allowed: set[str]):
    """The return, its period and the one jurisdiction asked for (or None); ``BadRequest`` otherwise."""
    try:
        spec = get_return(code)
    except KeyError:
        raise Http404(_("没有这张统计报表")) from None
    try:
        period = report_period(request.GET, today=timezone.localdate(), allowed=allowed)
    except PeriodError as exc:
        raise BadRequest(exc.message) from None
    jurisdiction = None
    wanted = (request.GET.get("jurisdiction") or "").strip()
    if wanted:
        jurisdiction = jurisdictions_for(request.user).filter(code=wanted).first()
        if jurisdiction is None:
            raise BadRequest(_("没有这个管辖区域，或您无权查看它的统计：%(code)s") % {"code": wanted})
    return spec, period, jurisdiction


def _table(request, spec, period, jurisdiction):
    scope = scope_for(request.user, jurisdiction)
    rows = sorted(scope.jurisdictions, key=lambda j: (j.sort_order, j.code))
    return scope, compute(spec, period, today=timezone.localdate(), jurisdictions=rows)


def _cell_url(spec, period, column, jurisdiction=None) -> str:
    params = {**period_query(period), "column": column.no}
    if jurisdiction is not None:
        params["jurisdiction"] = jurisdiction.code
    return f"{reverse('stats-return-cases', args=[spec.code])}?{urlencode(params)}"


def _period_links(period: Period, jurisdiction) -> list[dict]:
    """The month, quarter and year the period ends in: the return's 月报, 季报 and 年报."""
    end = period.end
    extra = {"jurisdiction": jurisdiction.code} if jurisdiction else {}
    periods = [
        Period.month(end.year, end.month),
        Period.quarter(end.year, (end.month - 1) // 3 + 1),
        Period.year(end.year),
    ]
    return [{"label": p.label, "query": urlencode({**period_query(p), **extra})} for p in periods]


@login_required
@permission_required(PERMISSION, raise_exception=True)
def return_page(request, code: str):
    try:
        spec, period, jurisdiction = _read(request, code, RETURN_PARAMETERS)
    except BadRequest as exc:
        return _bad(exc.message)
    scope, table = _table(request, spec, period, jurisdiction)
    rows = [
        {
            "name": row_jurisdiction.name,
            "cells": [
                {"value": cells[c.no], "url": _cell_url(spec, period, c, row_jurisdiction), "column": c}
                for c in spec.columns
            ],
        }
        for row_jurisdiction, cells in table.rows
    ]
    # The total row drills into the whole scope (one county when one was asked for).
    total = [
        {"value": table.total[c.no], "url": _cell_url(spec, period, c, jurisdiction), "column": c}
        for c in spec.columns
    ]
    query = urlencode(
        {**period_query(period), **({"jurisdiction": jurisdiction.code} if jurisdiction else {})}
    )
    return render(
        request,
        "casework/statistics/return.html",
        {
            "spec": spec,
            "returns": RETURNS.values(),
            "period": period,
            "scope": scope,
            "rows": rows,
            "total": total,
            "query": query,
            "period_links": _period_links(period, jurisdiction),
            "unverified": UNVERIFIED,
        },
    )


@login_required
@permission_required(PERMISSION, raise_exception=True)
def return_xlsx(request, code: str):
    try:
        spec, period, jurisdiction = _read(request, code, RETURN_PARAMETERS)
    except BadRequest as exc:
        return _bad(exc.message)
    scope, table = _table(request, spec, period, jurisdiction)
    workbook = return_workbook(table, scope_label=str(scope.label), selected=scope.selected)
    return xlsx_download(workbook, f"{spec.form_no}{spec.title}{period.label}.xlsx")


def _column(spec, request):
    text = (request.GET.get("column") or "").strip()
    try:
        return spec.column(int(text))
    except (ValueError, KeyError):
        numbers = "、".join(str(c.no) for c in spec.columns)
        raise BadRequest(_("栏目（column）应为本表的列号之一：%(numbers)s") % {"numbers": numbers}) from None


@login_required
@permission_required(PERMISSION, raise_exception=True)
def return_cases(request, code: str):
    """The cases behind one cell (a jurisdiction's, or without ``jurisdiction`` the total row's)."""
    try:
        spec, period, jurisdiction = _read(request, code, CELL_PARAMETERS)
        column = _column(spec, request)
    except BadRequest as exc:
        return render(request, "casework/statistics/cases.html", {"error": exc.message}, status=400)
    scope = scope_for(request.user, jurisdiction)
    series = get_series(column.series)
    today = timezone.localdate()
    qs = cell_queryset(column, period, today=today, jurisdiction_ids=scope.ids)
    qs = drill_queryset(request, series, qs).order_by("jurisdiction__sort_order", series.accepted_field, "pk")
    page, rows = drill_page(request, series, qs)
    query = request.GET.copy()
    query.pop("page", None)
    back = urlencode(
        {**period_query(period), **({"jurisdiction": jurisdiction.code} if jurisdiction else {})}
    )
    return render(
        request,
        "casework/statistics/cases.html",
        {
            "series": series,
            "figure_label": f"{spec.form_no} 第{column.no}栏 {column.label}",
            "figure_definition": str(column.definition),
            "period": period,
            "scope": scope,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "back_url": f"{reverse('stats-return', args=[spec.code])}?{back}",
            "back_label": _("返回%(title)s") % {"title": spec.title},
            "may_view": request.user.has_perm(series.view_permission),
            "today": today,
        },
    )
