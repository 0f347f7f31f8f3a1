"""The year's cases grouped by (jurisdiction, month accepted, month closed): the monthly trend, the year-end
projection's figures, and the plain figures of any whole months of the year added up from those groups; the
months already closed are cached while none of their cases changes (``casework.statistics.versions``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from . import compiled, rollup, versions
from .conditions import (
    SUM_FIGURES,
    FigureConditions,
    empty_counts,
    grouped_counts,
    on_or_before,
)
from .periods import Period, local_midnight, local_zone
from .registry import CaseSeries


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


def monthly_counts(series: CaseSeries, year: int, *, today: date, jurisdiction_ids=None) -> dict:
    """The year's cases grouped by (jurisdiction, month accepted, month closed), in one query.

    Folded into ``{"pending_start": n, "months": {date(year, m, 1): {"accepted", "closed", …}},
    "years": {jurisdiction_id: {"caseload", "closed"}}, "groups": [...]}``: the monthly trend, per
    jurisdiction the year's caseload and closures, and the groups themselves, from which
    ``counts_from_monthly`` adds up the figures of any whole months of the year."""
    period = Period.year(year)
    conditions = FigureConditions(series, period, today=today)
    filters = {
        code: getattr(series, f"{code}_filter")
        for code in ("success", "final")
        if getattr(series, f"{code}_filter") is not None
    }
    flows = ["closed", *("succeeded" if code == "success" else code for code in filters)]
    plain_closure = series.closed_filter is None
    if plain_closure:
        # A closure is a closing time: whether it fell within the year (or after it) is read from the
        # group's month closed (``_within_year``), so the aggregates need no date conditions.
        aggs = {"n": Count("pk")}
        for code, condition in filters.items():
            aggs["succeeded" if code == "success" else code] = Count("pk", filter=condition)
        sums = {}
    else:
        aggs = {"n": Count("pk"), "closed": Count("pk", filter=conditions.closed)}
        for code in flows[1:]:
            aggs[code] = Count("pk", filter=conditions.condition(code))
        sums = {"filter": conditions.closed}
    # summed over closures, for the plain figures of the year's months (counts_from_monthly)
    if series.recovered_field:
        aggs["recovered"] = Sum(series.recovered_field, **sums)
    if series.workers_field:
        aggs["workers"] = Sum(series.workers_field, **sums)

    def grouped(arms=None):
        return grouped_counts(
            series,
            conditions,
            jurisdiction_ids,
            ["jurisdiction_id", "am", "cm"],
            aggs,
            arms=arms,
            am=_month(series, series.accepted_field),
            cm=_month(series, series.closed_field),
        )

    # the groups kept current in the monthly roll-up, where it may be read (casework.statistics.rollup)
    rows = rollup.year_groups(series, year, jurisdiction_ids) if plain_closure else None
    split = None if rows is not None else split_at_cutoff(series, conditions, year, today)
    if rows is not None:
        pass
    elif split is None:
        rows = grouped()
    else:
        cutoff, closed_arms, current_arms = split
        # cases closed before this month: cached while none of them changes (casework.statistics.versions)
        ids = compiled.scope_key(jurisdiction_ids)
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
        totals = years.setdefault(row["jurisdiction_id"], {"caseload": 0, "closed": 0})
        totals["caseload"] += row["n"]
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
    closures (and successes, finalities, sums) counted only when closed within the year."""
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


def split_at_cutoff(series: CaseSeries, conditions: FigureConditions, year: int, today: date):
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
    by_year_end = on_or_before(s, acc, conditions.period.end)
    current_arms = [
        by_year_end & Q(**{f"{acc}__isnull": False, f"{clo}__isnull": True}),
        by_year_end & Q(**{f"{clo}__gte": cutoff}),
    ]
    return cutoff, closed_arms, current_arms


def _month(series, field):
    if series.field_is_datetime(field):
        return TruncMonth(field, tzinfo=local_zone(), output_field=DateField())
    return TruncMonth(field, output_field=DateField())
