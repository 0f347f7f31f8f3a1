"""The condition on a case row for each settlement figure (``FigureConditions``), the case rows a series
counts (``base_queryset``) and the grouped ``UNION ALL`` of conditional aggregates over its caseload ranges
(``grouped_counts``) — the building blocks of ``casework.statistics.queries`` and ``.monthly``."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import DateField, Exists, F, OuterRef, Q, QuerySet, Subquery

from .periods import Period, local_midnight
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


def on_or_after(series, field, day) -> Q:
    return Q(**{f"{field}__gte": _bound(series, field, day)})


def before(series, field, day) -> Q:
    return Q(**{f"{field}__lt": _bound(series, field, day)})


def on_or_before(series, field, day) -> Q:
    return Q(**{f"{field}__lt": _bound(series, field, day, after_day=True)})


def deadline_rows(series: CaseSeries):
    """The stored deadlines of the series' closing rule."""
    from django.contrib.contenttypes.models import ContentType

    from casework.models import Deadline

    # The content type's id as a literal (cached per process): a join to django_content_type here would
    # blind PostgreSQL's row estimates and steer it to a nested loop over every deadline.
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(series.model), rule=series.deadline_rule
    )


def case_deadlines(series: CaseSeries):
    """The stored deadlines of the series' closing rule, correlated with the outer case row."""
    return deadline_rows(series).filter(object_id=OuterRef("pk"))


def closing_due(series: CaseSeries):
    """Due date of the case's latest stored deadline of the closing rule (for showing on list pages)."""
    latest = case_deadlines(series).order_by("-id").values("due_on")[:1]
    return Subquery(latest, output_field=DateField())


class FigureConditions:
    """The condition on a case row for each figure of ``series`` in ``period``."""

    def __init__(self, series: CaseSeries, period: Period, *, today: date):
        self.series, self.period, self.today = series, period, today
        s, acc, clo = series, series.accepted_field, series.closed_field
        start, end = period.start, period.end
        closure = Q(**{f"{clo}__isnull": False}) & (series.closed_filter or Q())
        closed_by_end = closure & on_or_before(s, clo, end)
        self.accepted = on_or_after(s, acc, start) & on_or_before(s, acc, end)
        self.closed = closed_by_end & on_or_after(s, clo, start)
        accepted_before = before(s, acc, start)
        if series.closed_filter is None:
            # Spelt out as separate OR arms so that PostgreSQL combines index scans: the open cases through
            # the partial index on acceptance date where not closed, the others through the closed_at index.
            still_open = Q(**{f"{clo}__isnull": True})
            self.pending_start = (accepted_before & still_open) | (
                accepted_before & on_or_after(s, clo, start)
            )
            # "accepted" is implied within the caseload; spelt out, it lets the partial index serve this arm
            accepted = Q(**{f"{acc}__isnull": False})
            self.pending_end = (accepted & still_open) | ~on_or_before(s, clo, end)
        else:
            self.pending_start = accepted_before & ~(closure & before(s, clo, start))
            self.pending_end = ~closed_by_end
        self.caseload = self.accepted | self.pending_start

    def caseload_arms(self) -> list[Q]:
        """``caseload`` as disjoint conditions, each one index range (see the module docstring)."""
        s, acc, clo = self.series, self.series.accepted_field, self.series.closed_field
        if s.closed_filter is not None:
            return [self.caseload]
        accepted_before = before(s, acc, self.period.start)
        return [
            self.accepted,
            accepted_before & Q(**{f"{acc}__isnull": False, f"{clo}__isnull": True}),
            accepted_before & on_or_after(s, clo, self.period.start),
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

    def overduecase_deadlines(self) -> list[Q]:
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
        return Q(Exists(case_deadlines(self.series).filter(self.late_deadline())))

    def overdue(self) -> Q:
        return self.pending_end & Q(Exists(case_deadlines(self.series).filter(self.overdue_deadline())))

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


def clean_sums(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if key in SUM_FIGURES:
            out[key] = value if value is not None else (Decimal("0.00") if key == "recovered" else 0)
            if key == "workers":
                out[key] = int(out[key])
        else:
            out[key] = value
    return out


def grouped_counts(
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
