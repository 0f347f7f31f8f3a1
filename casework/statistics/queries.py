"""The aggregate SQL behind every figure: conditional counts, never cases loaded into Python.

For a series and a period [start, end] (local dates), each figure is one condition on a case row
(``FigureConditions``). The same conditions drive the counts (``COUNT(*) FILTER (WHERE …)``) and the
drill-down lists, so a list always holds exactly the cases its figure counted.

  caseload      = pending at the start + accepted in the period  (the rows the queries scan)
  pending_start = accepted before ``start`` and not closed before ``start``
  accepted      = accepted within [start, end]
  closed        = closed within [start, end]
  pending_end   = accepted by ``end`` and not closed by ``end``
  overdue       = pending_end and the closing deadline's due date before min(end, today)

One grouped query per series answers every figure for every jurisdiction at once; the monthly trend is one
more query grouped by (month accepted, month closed).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.db.models.lookups import LessThan, LessThanOrEqual

from .periods import Period, local_midnight, local_zone
from .registry import CaseSeries

FAR_FUTURE = date(9999, 12, 31)
COUNT_FIGURES = (
    "pending_start",
    "accepted",
    "closed",
    "closed_on_time",
    "closed_late",
    "succeeded",
    "final",
    "pending_end",
    "overdue",
)
SUM_FIGURES = ("recovered", "workers")


def _bound(series: CaseSeries, field: str, day: date, *, after_day: bool = False):
    """The value to compare ``field`` with: the local day itself for a date field, its local midnight for a
    datetime field (``after_day``: the midnight that ends the day)."""
    if series.field_is_datetime(field):
        return local_midnight(day + timedelta(days=1) if after_day else day)
    return day + timedelta(days=1) if after_day else day


def _on_or_after(series, field, day) -> Q:
    return Q(**{f"{field}__gte": _bound(series, field, day)})


def _before(series, field, day) -> Q:
    return Q(**{f"{field}__lt": _bound(series, field, day)})


def _on_or_before(series, field, day) -> Q:
    return Q(**{f"{field}__lt": _bound(series, field, day, after_day=True)})


def _local_date(series, field):
    if series.field_is_datetime(field):
        return TruncDate(field, tzinfo=local_zone())
    return F(field)


def closing_due(series: CaseSeries):
    """Due date of the case's latest stored Deadline of the series' closing rule (far future when none,
    or while the deadline is suspended: a suspended case is not late)."""
    from casework.models import Deadline

    meta = series.model._meta
    latest = (
        Deadline.objects.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_id=OuterRef("pk"),
            rule=series.deadline_rule,
        )
        .order_by("-id")
        .annotate(
            effective_due=Case(
                When(status=Deadline.Status.PAUSED, then=Value(FAR_FUTURE)),
                default=F("due_on"),
                output_field=DateField(),
            )
        )
        .values("effective_due")[:1]
    )
    return Coalesce(Subquery(latest, output_field=DateField()), Value(FAR_FUTURE), output_field=DateField())


class FigureConditions:
    """The condition on a case row for each figure of ``series`` in ``period``."""

    def __init__(self, series: CaseSeries, period: Period, *, today: date):
        self.series, self.period, self.today = series, period, today
        s, acc, clo = series, series.accepted_field, series.closed_field
        start, end = period.start, period.end
        closure = Q(**{f"{clo}__isnull": False}) & (series.closed_filter or Q())
        closed_before_start = closure & _before(s, clo, start)
        closed_by_end = closure & _on_or_before(s, clo, end)
        self.accepted = _on_or_after(s, acc, start) & _on_or_before(s, acc, end)
        # pending at the start: written as "open at start" so that PostgreSQL can use the closed_at index
        self.pending_start = _before(s, acc, start) & ~closed_before_start
        self.caseload = self.accepted | self.pending_start
        self.closed = closed_by_end & _on_or_after(s, clo, start)
        self.pending_end = ~closed_by_end

    # Conditions below apply to rows already within ``caseload`` (the WHERE of every query).
    def on_time(self) -> Q:
        series = self.series
        if series.on_time is not None:
            return series.on_time
        return Q(LessThanOrEqual(_local_date(series, series.closed_field), closing_due(series)))

    def overdue(self) -> Q:
        cutoff = min(self.period.end, self.today)
        return self.pending_end & Q(LessThan(closing_due(self.series), Value(cutoff)))

    def condition(self, figure: str) -> Q:
        s = self.series
        if figure == "caseload":
            return Q()
        if figure in ("pending_start", "accepted", "closed", "pending_end"):
            return getattr(self, figure)
        if figure == "closed_on_time" and s.has_on_time:
            return self.closed & self.on_time()
        if figure == "closed_late" and s.has_on_time:
            return self.closed & ~self.on_time()
        if figure == "succeeded" and s.success_filter is not None:
            return self.closed & s.success_filter
        if figure == "final" and s.final_filter is not None:
            return self.closed & s.final_filter
        if figure == "overdue" and s.deadline_rule:
            return self.overdue()
        raise KeyError(figure)


def base_queryset(series: CaseSeries, jurisdiction_ids=None) -> QuerySet:
    qs = series.model._default_manager.all()
    if series.base_filter is not None:
        qs = qs.filter(series.base_filter)
    if jurisdiction_ids is not None:
        qs = qs.filter(jurisdiction_id__in=list(jurisdiction_ids))
    return qs


def _aggregates(series: CaseSeries, conditions: FigureConditions, due_within: Period | None) -> dict:
    aggs = {"caseload": Count("pk")}
    for code in COUNT_FIGURES:
        if code in series.figure_codes():
            aggs[code] = Count("pk", filter=conditions.condition(code))
    if series.recovered_field:
        aggs["recovered"] = Sum(series.recovered_field, filter=conditions.closed)
    if series.workers_field:
        aggs["workers"] = Sum(series.workers_field, filter=conditions.closed)
    if due_within is not None:
        # pending cases whose stored next deadline falls within the year (the projection's assumption)
        aggs["pending_due"] = Count(
            "pk",
            filter=conditions.pending_end & Q(next_due__gte=due_within.start, next_due__lte=due_within.end),
        )
    return aggs


def _clean(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if key in SUM_FIGURES:
            out[key] = value if value is not None else (Decimal("0.00") if key == "recovered" else 0)
            if key == "workers":
                out[key] = int(out[key])
        else:
            out[key] = value
    return out


def counts_by_jurisdiction(
    series: CaseSeries,
    period: Period,
    *,
    today: date,
    jurisdiction_ids=None,
    due_within: Period | None = None,
) -> dict[int, dict]:
    """Every figure of ``series`` in ``period`` for each jurisdiction with cases, in one grouped query.

    ``jurisdiction_ids``: limit to these (None: all). Jurisdictions without cases are absent."""
    conditions = FigureConditions(series, period, today=today)
    rows = (
        base_queryset(series, jurisdiction_ids)
        .filter(conditions.caseload)
        .order_by()
        .values("jurisdiction_id")
        .annotate(**_aggregates(series, conditions, due_within))
    )
    return {row.pop("jurisdiction_id"): _clean(row) for row in rows}


def empty_counts(series: CaseSeries, due_within: bool = False) -> dict:
    out = {"caseload": 0}
    for code in series.figure_codes():
        if code in COUNT_FIGURES:
            out[code] = 0
    if series.recovered_field:
        out["recovered"] = Decimal("0.00")
    if series.workers_field:
        out["workers"] = 0
    if due_within:
        out["pending_due"] = 0
    return out


def add_counts(rows, template: dict) -> dict:
    total = dict(template)
    for row in rows:
        for key, value in row.items():
            total[key] = total.get(key, 0) + value
    return total


def monthly_counts(series: CaseSeries, year: int, *, today: date, jurisdiction_ids=None) -> dict:
    """The year's cases grouped by (month accepted, month closed) in one query, folded into
    ``{"pending_start": n, "months": {date(year, m, 1): {"accepted", "closed", ...}}}``."""
    period = Period.year(year)
    conditions = FigureConditions(series, period, today=today)
    aggs = {"n": Count("pk"), "closed": Count("pk", filter=conditions.closed)}
    for code in ("closed_on_time", "succeeded", "final"):
        if code in series.figure_codes():
            aggs[code] = Count("pk", filter=conditions.condition(code))
    rows = (
        base_queryset(series, jurisdiction_ids)
        .filter(conditions.caseload)
        .annotate(am=_month(series, series.accepted_field), cm=_month(series, series.closed_field))
        .order_by()
        .values("am", "cm")
        .annotate(**aggs)
    )
    months = {date(year, m, 1): dict.fromkeys(["accepted", *aggs.keys()], 0) for m in range(1, 13)}
    pending_start = 0
    for row in rows:
        am, cm = row["am"], row["cm"]
        if am is not None and am < period.start:
            pending_start += row["n"]
        elif am in months:
            months[am]["accepted"] += row["n"]
        if cm in months:
            for code in aggs:
                if code != "n":
                    months[cm][code] += row[code]
    for bucket in months.values():
        bucket.pop("n", None)
    return {"pending_start": pending_start, "months": months}


def _month(series, field):
    if series.field_is_datetime(field):
        return TruncMonth(field, tzinfo=local_zone(), output_field=DateField())
    return TruncMonth(field, output_field=DateField())


def figure_queryset(
    series: CaseSeries, figure: str, period: Period, *, today: date, jurisdiction_ids=None
) -> QuerySet:
    """The cases behind one figure (for the drill-down lists; the caller applies ``visible_to``)."""
    conditions = FigureConditions(series, period, today=today)
    if figure in SUM_FIGURES:
        figure = "closed"  # amounts and workers are summed over the period's closures
    return (
        base_queryset(series, jurisdiction_ids)
        .filter(conditions.caseload)
        .filter(conditions.condition(figure))
    )
