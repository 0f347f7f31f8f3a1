"""The aggregate SQL behind every figure: conditional counts, never cases loaded into Python.

For a series and a period [start, end] (local dates), each figure is one condition on a case row
(``FigureConditions``). The same conditions drive the counts (``COUNT(*) FILTER (WHERE …)``) and the
drill-down lists, so a list always holds exactly the cases its figure counted.

  caseload      = pending at the start + accepted in the period  (the rows the queries scan)
  pending_start = accepted before ``start`` and not closed before ``start``
  accepted      = accepted within [start, end]
  closed        = closed within [start, end]
  pending_end   = accepted by ``end`` and not closed by ``end``
  closed_late   = closed, and the case's closing deadline (a stored ``Deadline`` of the series' rule) was
                  met (``deadlines.meet``) after its due date; closed_on_time = closed − closed_late
  overdue       = pending_end, and the closing deadline was due before min(end, today) and still running
                  then (open, or met only on/after that day; a suspended deadline is not overdue)

Queries per series: the plain figures grouped by jurisdiction; two more, grouped the same way, for the
deadline figures (late, overdue), where the deadline condition is an EXISTS in the WHERE clause that
PostgreSQL runs as a semi-join (a correlated sub-select inside ``COUNT(*) FILTER`` would run once per case);
the monthly trend grouped by (jurisdiction, month accepted, month closed). The plain figures of a period made
of whole months of the trend's year are folded from the trend's groups (``counts_from_monthly``), not queried
again.

The caseload is read as three disjoint ranges (``caseload_arms``: accepted in the period; accepted before it
and open; accepted before it and closed since its start), one grouped query each, added up in Python: each
range is one index range with every column it needs included (``casework.statistics.indexes``), so
PostgreSQL answers it from the index alone; an OR of the three would visit every counted case row.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import TruncMonth

from . import versions
from .periods import Period, local_midnight, local_zone
from .registry import CaseSeries

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


def _deadline_rows(series: CaseSeries):
    """The stored deadlines of the series' closing rule."""
    from django.contrib.contenttypes.models import ContentType

    from casework.models import Deadline

    # The content type's id as a literal (cached per process): a join to django_content_type here would
    # blind PostgreSQL's row estimates and steer it to a nested loop over every deadline.
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(series.model), rule=series.deadline_rule
    )


def _deadlines(series: CaseSeries):
    """The stored deadlines of the series' closing rule, correlated with the outer case row."""
    return _deadline_rows(series).filter(object_id=OuterRef("pk"))


def closing_due(series: CaseSeries):
    """Due date of the case's latest stored deadline of the closing rule (for showing on list pages)."""
    latest = _deadlines(series).order_by("-id").values("due_on")[:1]
    return Subquery(latest, output_field=DateField())


class FigureConditions:
    """The condition on a case row for each figure of ``series`` in ``period``."""

    def __init__(self, series: CaseSeries, period: Period, *, today: date):
        self.series, self.period, self.today = series, period, today
        s, acc, clo = series, series.accepted_field, series.closed_field
        start, end = period.start, period.end
        closure = Q(**{f"{clo}__isnull": False}) & (series.closed_filter or Q())
        closed_by_end = closure & _on_or_before(s, clo, end)
        self.accepted = _on_or_after(s, acc, start) & _on_or_before(s, acc, end)
        self.closed = closed_by_end & _on_or_after(s, clo, start)
        accepted_before = _before(s, acc, start)
        if series.closed_filter is None:
            # Spelt out as separate OR arms so that PostgreSQL combines index scans: the open cases through
            # the partial index on acceptance date where not closed, the others through the closed_at index.
            still_open = Q(**{f"{clo}__isnull": True})
            self.pending_start = (accepted_before & still_open) | (
                accepted_before & _on_or_after(s, clo, start)
            )
            # "accepted" is implied within the caseload; spelt out, it lets the partial index serve this arm
            accepted = Q(**{f"{acc}__isnull": False})
            self.pending_end = (accepted & still_open) | ~_on_or_before(s, clo, end)
        else:
            self.pending_start = accepted_before & ~(closure & _before(s, clo, start))
            self.pending_end = ~closed_by_end
        self.caseload = self.accepted | self.pending_start

    def caseload_arms(self) -> list[Q]:
        """``caseload`` as disjoint conditions, each one index range (see the module docstring)."""
        s, acc, clo = self.series, self.series.accepted_field, self.series.closed_field
        if s.closed_filter is not None:
            return [self.caseload]
        accepted_before = _before(s, acc, self.period.start)
        return [
            self.accepted,
            accepted_before & Q(**{f"{acc}__isnull": False, f"{clo}__isnull": True}),
            accepted_before & _on_or_after(s, clo, self.period.start),
        ]

    # Conditions below apply to rows already within ``caseload`` (the WHERE of every query).
    @property
    def cutoff(self) -> date:
        return min(self.period.end, self.today)

    def late_deadline(self) -> Q:
        """A closing deadline met after its due date (by the end of the period).

        Written exactly as the partial index ``deadline_met_late_idx`` is, so that PostgreSQL uses it."""
        from casework.models import Deadline

        return Q(status=Deadline.Status.MET, met_on__gt=F("due_on")) & Q(met_on__lte=self.period.end)

    def overdue_deadlines(self) -> list[Q]:
        """``overdue_deadline`` as two disjoint conditions, each one index range of the deadlines."""
        from casework.models import Deadline

        cutoff = self.cutoff
        return [
            Q(status=Deadline.Status.OPEN, due_on__lt=cutoff),
            Q(status=Deadline.Status.MET, due_on__lt=cutoff, met_on__gte=cutoff),
        ]

    def overdue_deadline(self) -> Q:
        """A closing deadline due before the cut-off and still running on that day."""
        from casework.models import Deadline

        cutoff = self.cutoff
        return Q(status=Deadline.Status.OPEN, due_on__lt=cutoff) | Q(
            status=Deadline.Status.MET, due_on__lt=cutoff, met_on__gte=cutoff
        )

    def late(self) -> Q:
        if self.series.on_time is not None:
            return ~self.series.on_time
        return Q(Exists(_deadlines(self.series).filter(self.late_deadline())))

    def overdue(self) -> Q:
        return self.pending_end & Q(Exists(_deadlines(self.series).filter(self.overdue_deadline())))

    def condition(self, figure: str) -> Q:
        s = self.series
        if figure == "caseload":
            return Q()
        if figure in ("pending_start", "accepted", "closed", "pending_end"):
            return getattr(self, figure)
        if figure == "closed_on_time" and s.has_on_time:
            return self.closed & ~self.late()
        if figure == "closed_late" and s.has_on_time:
            return self.closed & self.late()
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


PLAIN_FIGURES = ("pending_start", "accepted", "closed", "succeeded", "final", "pending_end")


def _aggregates(series: CaseSeries, conditions: FigureConditions) -> dict:
    """The figures that are plain conditions on the case row (the deadline ones come from
    ``_deadline_counts``)."""
    codes = series.figure_codes()
    aggs = {"caseload": Count("pk")}
    for code in PLAIN_FIGURES:
        if code in codes:
            aggs[code] = Count("pk", filter=conditions.condition(code))
    if series.on_time is not None:
        aggs["closed_on_time"] = Count("pk", filter=conditions.closed & series.on_time)
    if series.recovered_field:
        aggs["recovered"] = Sum(series.recovered_field, filter=conditions.closed)
    if series.workers_field:
        aggs["workers"] = Sum(series.workers_field, filter=conditions.closed)
    return aggs


def _deadline_counts(series: CaseSeries, conditions: FigureConditions, jurisdiction_ids) -> dict[int, dict]:
    """Late closures and overdue cases per jurisdiction, in one round trip (a ``UNION ALL`` of grouped
    queries, each with its own plan).

    Overdue: the pending cases (open, or closed after the period: two index ranges of the case table, read
    index-only) whose id is among the series' deadlines overdue at the cut-off (the running ones from the
    partial index of open deadlines, and those met only on or after the cut-off) — a hashed semi-join, not a
    probe of the deadlines per pending case. Late: the period's closures, each probing the partial index of
    late-met deadlines (few rows)."""
    if series.closed_filter is None:
        acc, clo, s = series.accepted_field, series.closed_field, series
        by_end = _on_or_before(s, acc, conditions.period.end)
        pending = [
            by_end & Q(**{f"{acc}__isnull": False, f"{clo}__isnull": True}),
            by_end & _on_or_after(s, clo, conditions.period.end + timedelta(days=1)),
        ]
        closed = [by_end & conditions.closed]
    else:
        pending = [conditions.caseload & conditions.pending_end]
        closed = [conditions.caseload & conditions.closed]
    running = [
        _deadline_rows(series).filter(q).order_by().values("object_id")
        for q in conditions.overdue_deadlines()
    ]
    overdue_ids = Q(pk__in=running[0].union(*running[1:], all=True))
    overdue_each = Q(Exists(_deadlines(series).filter(conditions.overdue_deadline())))
    # the open cases against the hashed ids; the few closed after the period each probe their deadlines
    figures = [("overdue", arm, overdue_ids if i == 0 else overdue_each) for i, arm in enumerate(pending)]
    if series.on_time is None:
        late = Q(Exists(_deadlines(series).filter(conditions.late_deadline())))
        figures += [("closed_late", arm, late) for arm in closed]
    parts = [
        base_queryset(series, jurisdiction_ids)
        .filter(arm)
        .filter(deadline)
        .order_by()
        .values("jurisdiction_id")
        .annotate(n=Count("pk"), figure=Value(code, output_field=CharField()))
        for code, arm, deadline in figures
    ]
    out: dict[int, dict] = {}
    for row in parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]:
        counts = out.setdefault(row["jurisdiction_id"], {})
        counts[row["figure"]] = counts.get(row["figure"], 0) + row["n"]
    return out


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


def _grouped(
    series: CaseSeries,
    conditions: FigureConditions,
    jurisdiction_ids,
    group_by,
    aggs,
    *,
    arms=None,
    **annotations,
):
    """``aggs`` over the caseload (or the given disjoint ``arms`` of it) grouped by ``group_by``, in one
    query: a ``UNION ALL`` of one grouped query per caseload range (the ranges are disjoint, so adding up
    the rows of a group gives its figures)."""
    parts = []
    for arm in conditions.caseload_arms() if arms is None else arms:
        qs = base_queryset(series, jurisdiction_ids).filter(arm)
        if annotations:
            qs = qs.annotate(**annotations)
        parts.append(qs.order_by().values(*group_by).annotate(**aggs))
    return list(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else list(parts[0])


def _add(total: dict, row: dict) -> None:
    for key, value in row.items():
        if value is not None:
            total[key] = total[key] + value if total.get(key) is not None else value
        else:
            total.setdefault(key, None)


def _add_deadline_figures(series, conditions, counts: dict[int, dict], jurisdiction_ids) -> None:
    by_deadline = _deadline_counts(series, conditions, jurisdiction_ids)
    for jurisdiction_id, row in counts.items():
        extra = by_deadline.get(jurisdiction_id, {})
        if series.deadline_rule:
            row["overdue"] = extra.get("overdue", 0)
        if series.on_time is None:
            row["closed_late"] = extra.get("closed_late", 0)
            row["closed_on_time"] = row["closed"] - row["closed_late"]
        else:
            row["closed_late"] = row["closed"] - row["closed_on_time"]


def counts_by_jurisdiction(
    series: CaseSeries,
    period: Period,
    *,
    today: date,
    jurisdiction_ids=None,
    deadline_figures: bool = True,
    monthly: dict | None = None,
) -> dict[int, dict]:
    """Every figure of ``series`` in ``period`` for each jurisdiction with cases.

    ``jurisdiction_ids``: limit to these (None: all). Jurisdictions without cases are absent.
    ``deadline_figures=False`` skips the on-time and overdue figures (and their queries).
    ``monthly``: the result of ``monthly_counts`` for the same jurisdictions; when the period is whole months
    of its year (``folds_into_months``) the plain figures are added up from its groups instead of queried."""
    conditions = FigureConditions(series, period, today=today)
    if monthly is not None and folds_into_months(series, period, monthly["year"]):
        counts = counts_from_monthly(series, monthly, period)
    else:
        totals: dict[int, dict] = {}
        for row in _grouped(
            series, conditions, jurisdiction_ids, ["jurisdiction_id"], _aggregates(series, conditions)
        ):
            _add(totals.setdefault(row.pop("jurisdiction_id"), {}), row)
        counts = {jurisdiction_id: _clean(row) for jurisdiction_id, row in totals.items()}
    if deadline_figures and series.has_on_time:
        _add_deadline_figures(series, conditions, counts, jurisdiction_ids)
    return counts


def folds_into_months(series: CaseSeries, period: Period, year: int) -> bool:
    """Whether the plain figures of ``period`` can be added up from ``monthly_counts(series, year)``: the
    period is whole calendar months of that year, and the series counts closures and on-time closures by
    plain dates (no ``closed_filter``, no ``on_time`` condition)."""
    return (
        series.closed_filter is None
        and series.on_time is None
        and period.start.year == period.end.year == year
        and period.start.day == 1
        and (period.end + timedelta(days=1)).day == 1
    )


def counts_from_monthly(series: CaseSeries, monthly: dict, period: Period) -> dict[int, dict]:
    """The plain figures of ``period`` (whole months, see ``folds_into_months``) per jurisdiction, from the
    trend's groups of (jurisdiction, month accepted, month closed). The conditions are those of
    ``FigureConditions`` at month granularity: the period's caseload is within the year's (a case pending on
    the period's first day was accepted within the year or pending on 1 January)."""
    first, last = period.start, period.end.replace(day=1)
    codes = series.figure_codes()
    out: dict[int, dict] = {}
    for group in monthly["groups"]:
        am, cm, n = group["am"], group["cm"], group["n"]
        accepted = am is not None and first <= am <= last
        pending_start = am is not None and am < first and (cm is None or cm >= first)
        if not (accepted or pending_start) or not n:
            continue
        row = out.get(group["jurisdiction_id"])
        if row is None:
            row = out[group["jurisdiction_id"]] = empty_counts(series)
            for code in ("closed_on_time", "closed_late", "overdue"):
                row.pop(code, None)  # from the deadline queries
        row["caseload"] += n
        row["pending_start"] += n if pending_start else 0
        row["accepted"] += n if accepted else 0
        if cm is None or cm > last:
            row["pending_end"] += n
        elif cm >= first:
            row["closed"] += n
            for code in ("succeeded", "final"):
                if code in codes:
                    row[code] += group[code]
            for code in SUM_FIGURES:
                if code in row and group.get(code) is not None:
                    row[code] += group[code]
    return out


def empty_counts(series: CaseSeries) -> dict:
    out = {"caseload": 0}
    for code in series.figure_codes():
        if code in COUNT_FIGURES:
            out[code] = 0
    if series.recovered_field:
        out["recovered"] = Decimal("0.00")
    if series.workers_field:
        out["workers"] = 0
    return out


def add_counts(rows, template: dict) -> dict:
    total = dict(template)
    for row in rows:
        for key, value in row.items():
            total[key] = total.get(key, 0) + value
    return total


def monthly_counts(series: CaseSeries, year: int, *, today: date, jurisdiction_ids=None) -> dict:
    """The year's cases grouped by (jurisdiction, month accepted, month closed), in one query.

    Folded into ``{"pending_start": n, "months": {date(year, m, 1): {"accepted", "closed", …}},
    "years": {jurisdiction_id: {"caseload", "closed", "pending_due"}}, "groups": [...]}``: the monthly
    trend, per jurisdiction the year's figures for the year-end projection, where ``pending_due`` counts the
    cases still open whose stored next deadline (``next_due``) falls within the year, and the groups
    themselves, from which ``counts_from_monthly`` adds up the figures of any whole months of the year."""
    period = Period.year(year)
    conditions = FigureConditions(series, period, today=today)
    filters = {
        code: getattr(series, f"{code}_filter")
        for code in ("success", "final")
        if getattr(series, f"{code}_filter") is not None
    }
    flows = ["closed", *("succeeded" if code == "success" else code for code in filters)]
    due = Q(next_due__gte=period.start, next_due__lte=period.end)
    plain_closure = series.closed_filter is None
    if plain_closure:
        # A closure is a closing time: whether it fell within the year (or after it) is read from the
        # group's month closed (``_within_year``), so the aggregates need no date conditions.
        aggs = {"n": Count("pk")}
        for code, condition in filters.items():
            aggs["succeeded" if code == "success" else code] = Count("pk", filter=condition)
        aggs["pending_due"] = Count("pk", filter=due)
        sums = {}
    else:
        aggs = {"n": Count("pk"), "closed": Count("pk", filter=conditions.closed)}
        for code in flows[1:]:
            aggs[code] = Count("pk", filter=conditions.condition(code))
        aggs["pending_due"] = Count("pk", filter=conditions.pending_end & due)
        sums = {"filter": conditions.closed}
    # summed over closures, for the plain figures of the year's months (counts_from_monthly)
    if series.recovered_field:
        aggs["recovered"] = Sum(series.recovered_field, **sums)
    if series.workers_field:
        aggs["workers"] = Sum(series.workers_field, **sums)

    def grouped(arms=None):
        return _grouped(
            series,
            conditions,
            jurisdiction_ids,
            ["jurisdiction_id", "am", "cm"],
            aggs,
            arms=arms,
            am=_month(series, series.accepted_field),
            cm=_month(series, series.closed_field),
        )

    split = _split_at_cutoff(series, conditions, year, today)
    if split is None:
        rows = grouped()
    else:
        cutoff, closed_arms, current_arms = split
        # cases closed before this month: cached while none of them changes (casework.statistics.versions)
        ids = None if jurisdiction_ids is None else tuple(sorted(jurisdiction_ids))
        definition = (
            series.base_filter,
            series.accepted_field,
            *filters.items(),
            series.recovered_field,
            series.workers_field,
        )
        parts = ("monthly", series.code, repr(definition), year, ids, sorted(aggs))
        rows = versions.cached_closed(
            parts, series.model._meta.db_table, cutoff, lambda: grouped(closed_arms)
        )
        rows = [*rows, *grouped(current_arms)]
    if plain_closure:
        rows = [_within_year(row, year, flows) for row in rows]
    months = {date(year, m, 1): dict.fromkeys(["accepted", *flows], 0) for m in range(1, 13)}
    years: dict[int, dict] = {}
    pending_start = 0
    for row in rows:
        am, cm = row["am"], row["cm"]
        totals = years.setdefault(row["jurisdiction_id"], {"caseload": 0, "closed": 0, "pending_due": 0})
        totals["caseload"] += row["n"]
        totals["pending_due"] += row["pending_due"]
        if am is not None and am < period.start:
            pending_start += row["n"]
        elif am in months:
            months[am]["accepted"] += row["n"]
        if cm in months:
            totals["closed"] += row["closed"]
            for code in flows:
                months[cm][code] += row[code]
    return {"year": year, "pending_start": pending_start, "months": months, "years": years, "groups": rows}


def _within_year(group: dict, year: int, flows: list[str]) -> dict:
    """A group of ``monthly_counts`` with plain aggregates, given the meaning of the conditional ones: the
    closures (and successes, finalities, sums) counted only when closed within the year, ``pending_due``
    only when still pending at its end."""
    cm = group["cm"]
    closed_in_year = cm is not None and cm.year == year
    row = dict(group)
    row["closed"] = row["n"] if closed_in_year else 0
    if not closed_in_year:
        for code in flows[1:]:
            row[code] = 0
        for code in SUM_FIGURES:
            if code in row:
                row[code] = None
    if cm is not None and cm.year <= year:
        row["pending_due"] = 0
    return row


def _on_the_row(model, q: Q | None) -> bool:
    """Whether ``q`` reads only columns of ``model``'s own row, compared with plain values (so the change
    trigger on the case table sees every change that can alter it)."""
    from django.db.models.expressions import Combinable

    if q is None:
        return True
    for child in q.children:
        if isinstance(child, Q):
            if not _on_the_row(model, child):
                return False
            continue
        if not isinstance(child, tuple):
            return False
        lookup, value = child
        if isinstance(value, Combinable | QuerySet):
            return False
        name, *rest = lookup.split("__")
        field = model._meta.get_field(name)
        if field.is_relation and rest and rest[0] not in ("id", "pk", "isnull", "in", "exact"):
            return False
    return True


def _split_at_cutoff(series: CaseSeries, conditions: FigureConditions, year: int, today: date):
    """The year's caseload as (cutoff, arms closed before it, arms open or closed since), where cutoff is the
    first instant of the current month within the year (``versions.cutoff_day``); None when the series
    counts closures through a ``closed_filter`` or closes on another field than ``closed_at`` (the field
    the change trigger watches).

    Closed before: each caseload range closed before the cutoff. Since: accepted by the year's end and
    open, or closed at or after the cutoff (which is on or after 1 January, so such a case accepted before
    the year was pending on 1 January) — each one index range."""
    if series.closed_filter is not None or series.closed_field != "closed_at":
        return None
    if not all(
        _on_the_row(series.model, q) for q in (series.base_filter, series.success_filter, series.final_filter)
    ):
        return None  # a condition on another table: the trigger would not see its changes
    s, acc, clo = series, series.accepted_field, series.closed_field
    cutoff = local_midnight(versions.cutoff_day(year, today))
    before = Q(**{f"{clo}__lt": cutoff})
    accepted_in, _open_before, closed_since = conditions.caseload_arms()
    closed_arms = [accepted_in & before, closed_since & before]
    by_year_end = _on_or_before(s, acc, conditions.period.end)
    current_arms = [
        by_year_end & Q(**{f"{acc}__isnull": False, f"{clo}__isnull": True}),
        by_year_end & Q(**{f"{clo}__gte": cutoff}),
    ]
    return cutoff, closed_arms, current_arms


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
