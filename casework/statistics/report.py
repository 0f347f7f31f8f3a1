"""Everything the dashboard, the monthly report, the return and the API show, for one user and period.

A constant number of queries whatever the number of cases, months or jurisdictions: the user's
jurisdictions (1), then per series the year's cases grouped by jurisdiction and (month accepted, month
closed) (one query per caseload range, ``queries.caseload_arms``), which gives the monthly trend, the year-end
projection and — for a period of whole months of the year — the period's plain figures; the late closures
and overdue cases grouped by jurisdiction (2); and, for a period that is not whole months of its year, its
plain figures (one query per caseload range).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from casework.selectors.visibility import jurisdictions_for

from . import compiled, projection_store, queries
from .charts import trend_svg
from .figures import SeriesFigures, series_figures
from .periods import Period
from .projection import ASSUMPTION as PROJECTION_ASSUMPTION
from .projection import Projection, project
from .registry import CaseSeries, all_series
from .single_flight import cache_key, single_flight
from .trend import Trend, build_trend


@dataclass
class Scope:
    """Whose cases are counted: one jurisdiction, or every jurisdiction the user may see."""

    jurisdictions: list  # the rows of the ranking
    ids: list[int] | None  # SQL filter; None = no filter (the whole prefecture)
    selected: object = None  # the chosen Jurisdiction, or None for all
    label: str = ""


def scope_for(user, jurisdiction=None) -> Scope:
    visible = list(jurisdictions_for(user))
    if jurisdiction is not None:
        return Scope([jurisdiction], [jurisdiction.pk], jurisdiction, jurisdiction.name)
    if user.is_superuser or user.sees_all_jurisdictions:
        return Scope(visible, None, None, _("全州"))
    label = visible[0].name if len(visible) == 1 else _("本人管辖区域合计")
    return Scope(visible, [j.pk for j in visible], None, label)


def drill_url(series: CaseSeries, figure: str, period: Period, jurisdiction=None) -> str:
    params = {"series": series.code, "figure": figure, **period.as_query()}
    if jurisdiction is not None:
        params["jurisdiction"] = jurisdiction.code
    return f"{reverse('stats-cases')}?{urlencode(params)}"


class DrillLinks:
    """``drill_url`` for every figure of one series, period and jurisdiction, built from one ``reverse`` and
    the encoded query parts around the figure (the same strings, without a URL resolution per cell)."""

    def __init__(self, series: CaseSeries, period: Period, jurisdiction=None, *, base: str | None = None):
        tail = dict(period.as_query())
        if jurisdiction is not None:
            tail["jurisdiction"] = jurisdiction.code
        base = base if base is not None else reverse("stats-cases")
        self.head = f"{base}?{urlencode({'series': series.code})}&"
        self.tail = f"&{urlencode(tail)}"

    def __call__(self, figure: str) -> str:
        return f"{self.head}{_figure_query(figure)}{self.tail}"


@lru_cache(maxsize=64)
def _figure_query(figure: str) -> str:
    return urlencode({"figure": figure})  # a handful of codes, each encoded once per process


def _link(figures: SeriesFigures, jurisdiction, *, base: str | None = None) -> SeriesFigures:
    url = DrillLinks(figures.series, figures.period, jurisdiction, base=base)
    for figure in figures.figures:
        figure.url = url(figure.code)
    for rate in figures.rates:
        rate.numerator_url = url(rate.numerator_figure)
        rate.denominator_url = url(rate.denominator_figure)
    return figures


@dataclass
class JurisdictionRow:
    jurisdiction: object
    figures: SeriesFigures
    projection: Projection | None = None
    rank: int | None = None


@dataclass
class SeriesReport:
    series: CaseSeries
    total: SeriesFigures
    rows: list[JurisdictionRow]
    trend: Trend | None = None
    projection: Projection | None = None
    chart: SafeString | str = ""
    projection_computed_at: object = None  # when the stored projection was computed (the dashboard's)
    projection_of_earlier_day: bool = False  # the stored one is as of an earlier day (its refresh queued)
    projection_pending: bool = False  # a new scope's first projection is being computed (none to show yet)

    @property
    def code(self) -> str:
        return self.series.code


@dataclass
class Report:
    period: Period
    scope: Scope
    today: date
    series: list[SeriesReport] = field(default_factory=list)
    generated_at: object = None
    projection_assumption: str = str(PROJECTION_ASSUMPTION)

    def of(self, code: str) -> SeriesReport:
        """The report of one series, by its code."""
        return next(sr for sr in self.series if sr.series.code == code)

    @property
    def year(self) -> int:
        return self.period.end.year


def _rank(rows: list[JurisdictionRow], series: CaseSeries) -> list[JurisdictionRow]:
    """Best primary rate first; jurisdictions without cases last, in their usual order."""
    spec = series.primary_rate

    def key(item):
        index, row = item
        value = row.figures.rate(spec.code).rate if spec else None
        return (value is None, -(value or 0), index)

    ranked = [row for _index, row in sorted(enumerate(rows), key=key)]
    rank = 0
    for row in ranked:
        value = row.figures.primary.rate if row.figures.primary else None
        if value is not None:
            rank += 1
            row.rank = rank
    return ranked


def projection_version(series: CaseSeries) -> tuple:
    """What the projection reads, as one cheap version (three index lookups in one query): the last log entry
    (every change through the kernel writes one, deadlines included), the last deadline and the last case
    row of the series (cases and deadlines created directly)."""
    from django.db import connection

    from casework.models import Deadline, TransitionLog

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(id) FROM {TransitionLog._meta.db_table}),"
            f" (SELECT max(id) FROM {Deadline._meta.db_table}),"
            f" (SELECT max(id) FROM {series.model._meta.db_table})"
        )
        return tuple(cursor.fetchone())


def _project(series, spec, scope, rows, year: int, *, today: date, monthly, stored=None):
    """The year-end projection as of ``today`` (the actual rate when the year is over), for the scope and
    each row (``casework.statistics.projection``), as ``(total, stored)`` — ``stored``: None when computed
    here. Given ``stored`` (the scope's ``projection_store.Stored``, read by ``build_report``), the dashboard's
    projection as last computed off the request path, never computed here: ``total`` is None while a new
    scope's is being computed."""
    actual = year < today.year
    as_of = date(year, 12, 31) if actual else today
    so_far = Period.year(year) if actual else Period.range(date(year, 1, 1), as_of)
    row_ids = [row.jurisdiction.pk for row in rows]

    def compute():
        counts = queries.counts_by_jurisdiction(
            series, so_far, today=as_of, jurisdiction_ids=scope.ids, deadline_figures=False, monthly=monthly
        )
        for pk in row_ids:
            counts.setdefault(pk, {})
        return project(series, spec, as_of, counts, scope.ids, actual=actual)

    kept = None
    if actual:
        total, each = compute()  # the year is over: no open case is read
    elif stored is not None:
        kept = stored
        if kept.pending:
            return None, kept
        total, each = kept.value
    else:
        # the figures to date, every open case and a year of closings: computed by one web node at a time
        # (casework.statistics.single_flight), keyed by its inputs and the data they are read from — the
        # year's groups (the roll-up: any counted change) and the last log entry, deadline and case row
        ids = compiled.scope_key(scope.ids)
        name = cache_key("projection", series.code, spec.code, ids, row_ids, as_of)
        groups = sorted(tuple(sorted((k, str(v)) for k, v in group.items())) for group in monthly["groups"])
        version = (projection_version(series), hashlib.sha256(repr(groups).encode()).hexdigest())
        total, each = single_flight(name, version, compute)
    for row in rows:
        row.projection = each[row.jurisdiction.pk]
    return total, kept


def series_report(
    series: CaseSeries,
    period: Period,
    scope: Scope,
    *,
    today: date,
    with_trend: bool = True,
    with_projection: bool = True,
    links: bool = True,
    kept_projection=None,
) -> SeriesReport:
    """``kept_projection``: the scope's stored projection (``projection_store.Stored``) to show instead of
    computing one, as ``build_report(stored_projection=True)`` read it."""
    year = period.end.year
    spec = _projectable(series)
    project = with_projection and spec is not None and year <= today.year
    monthly = None
    if with_trend or project:
        # the year's cases by jurisdiction and (month accepted, month closed); when the period is whole
        # months of that year, its plain figures are added up from these groups, not queried again
        monthly = queries.monthly_counts(series, year, today=today, jurisdiction_ids=scope.ids)
    by_id = queries.counts_by_jurisdiction(
        series, period, today=today, jurisdiction_ids=scope.ids, monthly=monthly
    )
    empty = queries.empty_counts(series)
    total = series_figures(series, queries.add_counts(by_id.values(), empty), period, today=today)
    total.jurisdiction = scope.selected
    rows = [
        JurisdictionRow(
            j, series_figures(series, by_id.get(j.pk, empty), period, today=today, jurisdiction=j)
        )
        for j in scope.jurisdictions
    ]
    report = SeriesReport(series, total, rows)

    if project:
        report.projection, kept = _project(
            series, spec, scope, rows, year, today=today, monthly=monthly, stored=kept_projection
        )
        if kept is not None:
            report.projection_pending = kept.pending
            report.projection_computed_at = kept.computed_at
            report.projection_of_earlier_day = kept.as_of is not None and kept.as_of != today
    if with_trend:
        # the year's months up to the end of the period (a March report shows January to March)
        report.trend = build_trend(series, monthly, year, today=min(period.end, today))
        primary = series.primary_rate
        report.chart = trend_svg(report.trend, target=primary.target if primary else None)
    if links:
        base = reverse("stats-cases")
        _link(total, scope.selected, base=base)
        for row in rows:
            _link(row.figures, row.jurisdiction, base=base)
    report.rows = _rank(rows, series)
    return report


def build_report(
    user,
    period: Period,
    *,
    today: date | None = None,
    jurisdiction=None,
    series: list[CaseSeries] | None = None,
    with_trend: bool = True,
    with_projection: bool = True,
    links: bool = True,
    scope: Scope | None = None,
    stored_projection: bool = False,
) -> Report:
    today = today or timezone.localdate()
    scope = scope or scope_for(user, jurisdiction)
    report = Report(period, scope, today, generated_at=timezone.localtime())
    series = series if series is not None else all_series()
    kept = {}
    if stored_projection and with_projection:
        kept = _stored_projections(series, period.end.year, scope, today=today)
    for spec in series:
        report.series.append(
            series_report(
                spec,
                period,
                scope,
                today=today,
                with_trend=with_trend,
                with_projection=with_projection,
                links=links,
                kept_projection=kept.get(spec.code),
            )
        )
    return report


def _projectable(series: CaseSeries):
    return next((r for r in series.rates if r.projectable), None)


def _stored_projections(series: list[CaseSeries], year: int, scope: Scope, *, today: date) -> dict:
    """The stored projections (``projection_store.stored_many``: one query, one insert of placeholders) of the
    series whose year-end projection the dashboard shows as stored — this year's, seen today — by series code."""
    if year != today.year or today != timezone.localdate():
        return {}
    shown = [(s, spec) for s in series if (spec := _projectable(s)) is not None]
    row_ids = [j.pk for j in scope.jurisdictions]
    kept = projection_store.stored_many(
        [(s, spec, scope.ids, row_ids, year) for s, spec in shown], today=today
    )
    return {s.code: k for (s, _spec), k in zip(shown, kept, strict=True)}
