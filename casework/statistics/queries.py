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

Here: the figures by jurisdiction and the drill-down lists; the conditions and the grouped query they share
live in ``casework.statistics.conditions``, the monthly trend in ``casework.statistics.monthly`` (both
re-exported here).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import CharField, Count, Exists, Q, QuerySet, Sum, Value

from . import compiled
from .conditions import (  # noqa: F401  (re-exported: the statistics' API)
    COUNT_FIGURES,
    SUM_FIGURES,
    FigureConditions,
    base_queryset,
    before,
    case_deadlines,
    clean_sums,
    closing_due,
    deadline_rows,
    empty_counts,
    grouped_counts,
    on_or_after,
    on_or_before,
)
from .monthly import (  # noqa: F401  (re-exported: the statistics' API)
    counts_from_monthly,
    folds_into_months,
    monthly_counts,
    split_at_cutoff,
)
from .periods import Period
from .registry import CaseSeries

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
    key = (
        "deadline_counts",
        series,
        conditions.period,
        conditions.today,
        compiled.scope_key(jurisdiction_ids),
    )
    out: dict[int, dict] = {}
    for jurisdiction_id, figure, n in compiled.fetch(
        key, lambda: _deadline_counts_query(series, conditions, jurisdiction_ids)
    ):
        counts = out.setdefault(jurisdiction_id, {})
        counts[figure] = counts.get(figure, 0) + n
    return out


def _deadline_counts_query(series: CaseSeries, conditions: FigureConditions, jurisdiction_ids):
    """The ``UNION ALL`` of ``_deadline_counts``: (jurisdiction id, figure, n) rows."""
    if series.closed_filter is None:
        acc, clo, s = series.accepted_field, series.closed_field, series
        by_end = on_or_before(s, acc, conditions.period.end)
        pending = [
            by_end & Q(**{f"{acc}__isnull": False, f"{clo}__isnull": True}),
            by_end & on_or_after(s, clo, conditions.period.end + timedelta(days=1)),
        ]
        closed = [by_end & conditions.closed]
    else:
        pending = [conditions.caseload & conditions.pending_end]
        closed = [conditions.caseload & conditions.closed]
    running = [
        deadline_rows(series).filter(q).order_by().values("object_id")
        for q in conditions.overduecase_deadlines()
    ]
    overdue_ids = Q(pk__in=running[0].union(*running[1:], all=True))
    overdue_each = Q(Exists(case_deadlines(series).filter(conditions.overdue_deadline())))
    # the open cases against the hashed ids; the few closed after the period each probe their deadlines
    figures = [("overdue", arm, overdue_ids if i == 0 else overdue_each) for i, arm in enumerate(pending)]
    if series.on_time is None:
        late = Q(Exists(case_deadlines(series).filter(conditions.late_deadline())))
        figures += [("closed_late", arm, late) for arm in closed]
    parts = [
        base_queryset(series, jurisdiction_ids)
        .filter(arm)
        .filter(deadline)
        .order_by()
        .values("jurisdiction_id")
        .annotate(figure=Value(code, output_field=CharField()), n=Count("pk"))
        .values_list("jurisdiction_id", "figure", "n")
        for code, arm, deadline in figures
    ]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


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
        for row in grouped_counts(
            series, conditions, jurisdiction_ids, ["jurisdiction_id"], _aggregates(series, conditions)
        ):
            _add(totals.setdefault(row.pop("jurisdiction_id"), {}), row)
        counts = {jurisdiction_id: clean_sums(row) for jurisdiction_id, row in totals.items()}
    if deadline_figures and series.has_on_time:
        _add_deadline_figures(series, conditions, counts, jurisdiction_ids)
    return counts


def add_counts(rows, template: dict) -> dict:
    total = dict(template)
    for row in rows:
        for key, value in row.items():
            total[key] = total.get(key, 0) + value
    return total


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
