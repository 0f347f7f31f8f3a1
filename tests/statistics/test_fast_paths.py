"""The dashboard's fast paths give the figures the plain definitions give.

* A period of whole months is added up from the year's trend groups (``queries.counts_from_monthly``):
  every month, quarter and the year equal the figures counted for that period directly.
* The year's cases closed before this month are counted once and cached (``casework.statistics.versions``);
  on PostgreSQL a change to any closed case — through a service, a bulk update or raw SQL — gives new figures,
  and a change rolled back never leaves its figures behind.
* The report's query count does not grow with the length of the period or the number of months with cases.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from casework.inspection.models import Complaint
from casework.models import StatisticsChange
from casework.statistics import queries
from casework.statistics.periods import Period
from casework.statistics.registry import get_series
from casework.statistics.report import build_report

from .conftest import local

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the change trigger (and so the cache) is PostgreSQL's"
)


@pytest.fixture
def series():
    return get_series("complaint")


def _periods(year):
    return [
        *(Period.month(year, m) for m in range(1, 13)),
        *(Period.quarter(year, q) for q in range(1, 5)),
        Period.year(year),
        Period.range(date(year, 2, 1), date(year, 4, 30)),
    ]


@pytest.mark.parametrize("today", [date(2026, 11, 26), date(2026, 3, 15), date(2027, 2, 1)])
def test_whole_months_folded_from_the_trend_equal_the_direct_counts(series, q1_cases, today):
    monthly = queries.monthly_counts(series, 2026, today=today)
    for period in _periods(2026):
        assert queries.folds_into_months(series, period, 2026)
        folded = queries.counts_by_jurisdiction(series, period, today=today, monthly=monthly)
        direct = queries.counts_by_jurisdiction(series, period, today=today)
        assert folded == direct, period


def test_a_range_that_is_not_whole_months_is_counted_directly(series):
    assert not queries.folds_into_months(series, Period.range(date(2026, 1, 1), date(2026, 11, 26)), 2026)
    assert not queries.folds_into_months(series, Period.month(2025, 12), 2026)


def _closure(report):
    closure = report.of("complaint").total.rate("closure")
    return closure.numerator, closure.denominator


@postgres_only
def test_cached_closed_cases_change_with_any_change_to_a_closed_case(q1_cases, director):
    today, year = date(2026, 11, 26), Period.year(2026)
    with CaptureQueriesContext(connection) as first:
        assert _closure(build_report(director, year, today=today)) == (6, 10)
    assert StatisticsChange.objects.filter(table_name=Complaint._meta.db_table).exists()
    with CaptureQueriesContext(connection) as second:
        assert _closure(build_report(director, year, today=today)) == (6, 10)
    assert len(second.captured_queries) < len(first.captured_queries)  # closed cases from the cache

    # A bulk update, which sends no signal: B (closed in February) is reopened.
    Complaint.objects.filter(pk=q1_cases["B"].pk).update(closed_at=None)
    assert _closure(build_report(director, year, today=today)) == (5, 10)

    # Raw SQL: J (closed in January) moves to 2025, so it was never pending in 2026.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Complaint._meta.db_table} SET accepted_on = %s, closed_at = %s WHERE id = %s",
            [date(2025, 1, 10), local(2025, 1, 20), q1_cases["J"].pk],
        )
    assert _closure(build_report(director, year, today=today)) == (4, 9)

    # An amount on a closed case, through the model.
    d = Complaint.objects.get(pk=q1_cases["D"].pk)
    d.recovered_amount = Decimal("200.00")
    d.save()
    total = build_report(director, year, today=today).of("complaint").total
    assert total.by_code["recovered"].value == Decimal("200.00")


@postgres_only
def test_figures_seen_inside_a_rolled_back_change_are_not_served_after(q1_cases, director):
    today, year = date(2026, 11, 26), Period.year(2026)
    assert _closure(build_report(director, year, today=today)) == (6, 10)
    try:
        with transaction.atomic():
            Complaint.objects.filter(pk=q1_cases["E"].pk).update(closed_at=local(2026, 3, 1))
            Complaint.objects.filter(pk=q1_cases["B"].pk).update(closed_at=None)
            assert _closure(build_report(director, year, today=today)) == (5, 10)
            raise RuntimeError
    except RuntimeError:
        pass
    # the same number of changes committed later must not find the rolled-back figures
    Complaint.objects.filter(pk=q1_cases["E"].pk).update(recovered_workers=2)
    Complaint.objects.filter(pk=q1_cases["D"].pk).update(recovered_workers=2)
    assert _closure(build_report(director, year, today=today)) == (6, 10)


@postgres_only
def test_opening_and_working_open_cases_keeps_the_cache(q1_cases, director, make_complaint, jishou):
    today, year = date(2026, 11, 26), Period.year(2026)
    build_report(director, year, today=today)
    before = StatisticsChange.objects.count()
    case = make_complaint(jishou, accepted=date(2026, 11, 20))  # open: counted live, no change recorded
    Complaint.objects.filter(pk=case.pk).update(next_due=date(2026, 12, 20))
    assert StatisticsChange.objects.count() == before
    assert _closure(build_report(director, year, today=today)) == (6, 11)


def _queries(director, period, today):
    build_report(director, period, today=today)  # content types; on PostgreSQL, the cache of closed cases
    with CaptureQueriesContext(connection) as ctx:
        build_report(director, period, today=today)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_period_or_the_months_with_cases(director, make_complaint, jishou):
    today = date(2026, 11, 26)
    make_complaint(jishou, accepted=date(2026, 1, 5))
    counts = {p.label: _queries(director, p, today) for p in (Period.month(2026, 11), Period.year(2026))}
    for month in range(1, 12):
        make_complaint(jishou, accepted=date(2026, month, 3), closed=local(2026, month, 20))
    after = {p.label: _queries(director, p, today) for p in (Period.month(2026, 11), Period.year(2026))}
    assert after == counts
    assert len(set(counts.values())) == 1  # a year costs what a month costs


def test_a_series_filtering_on_another_table_is_never_cached(series):
    from dataclasses import replace

    from django.db.models import Q

    today = date(2026, 11, 26)
    year = Period.year(2026)
    by_employer = replace(series, success_filter=Q(employer__name="某公司"))
    assert (
        queries.split_at_cutoff(
            by_employer, queries.FigureConditions(by_employer, year, today=today), 2026, today
        )
        is None
    )
    plain = queries.split_at_cutoff(series, queries.FigureConditions(series, year, today=today), 2026, today)
    assert (
        plain is not None and plain[0].isoformat() == "2026-11-01T00:00:00+08:00"
    )  # this month, Beijing time


@postgres_only
def test_archiving_a_closed_case_keeps_the_cache_changing_a_counted_column_does_not(q1_cases):
    closed = q1_cases["B"]
    before = StatisticsChange.objects.count()
    Complaint.objects.filter(pk=closed.pk).update(state="archived", audit_head="x" * 64, next_due=None)
    assert StatisticsChange.objects.count() == before  # nothing the counts read changed
    Complaint.objects.filter(pk=closed.pk).update(recovered_workers=7)
    assert StatisticsChange.objects.count() == before + 1
