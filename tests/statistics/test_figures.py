"""Figures computed by hand from the cases in conftest.q1_cases (Q1 2026, Beijing time)."""

from datetime import date
from decimal import Decimal

import pytest

from casework.statistics import queries
from casework.statistics.figures import Signal, series_figures
from casework.statistics.periods import Period
from casework.statistics.registry import get_series
from casework.statistics.report import build_report

from .conftest import Q1_FROM, Q1_TO

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)
Q1 = Period.quarter(2026, 1)


@pytest.fixture
def series():
    return get_series("complaint")


def numbers(series, figure, period=Q1, **kw):
    qs = queries.figure_queryset(series, figure, period, today=TODAY, **kw)
    return set(qs.values_list("pk", flat=True))


def test_jishou_q1_hand_computed(series, q1_cases, jishou):
    counts = queries.counts_by_jurisdiction(series, Q1, today=TODAY)[jishou.pk]
    assert counts == {
        "caseload": 8,
        "pending_start": 4,  # A, B, D, L (C was closed on 31 Dec at 23:30 Beijing time)
        "accepted": 4,  # E, F, G, K (H was accepted in April, I never)
        "closed": 3,  # B, D (00:10 on 1 Jan Beijing time), E (23:50 on 31 Mar)
        "closed_on_time": 2,  # B, E (closed on its due date)
        "closed_late": 1,  # D
        "pending_end": 5,  # A, F (closed 00:05 on 1 Apr), G, K, L
        "overdue": 2,  # A, L (due 15 Jan, met only in May); K's deadline is suspended
        "recovered": Decimal("6200.50"),
        "workers": 4,
    }
    figures = series_figures(series, counts, Q1, today=TODAY)
    closure = figures.rate("closure")
    assert (closure.numerator, closure.denominator, closure.rate) == (3, 8, Decimal("37.5"))
    assert closure.target == Decimal("96") and closure.signal == Signal.BELOW
    assert closure.definition.startswith("结案率 = 统计期内结案数 ÷（期初未结案件数 + 统计期内受理案件数）")
    assert "2026-01-01" in closure.denominator_definition or "期初" in closure.denominator_definition
    on_time = figures.rate("on_time")
    assert (on_time.numerator, on_time.denominator, on_time.rate) == (2, 3, Decimal("66.7"))


def test_each_figure_lists_exactly_the_cases_it_counts(series, q1_cases, jishou):
    c = {k: v.pk for k, v in q1_cases.items()}
    ids = [jishou.pk]
    assert numbers(series, "pending_start", jurisdiction_ids=ids) == {c["A"], c["B"], c["D"], c["L"]}
    assert numbers(series, "accepted", jurisdiction_ids=ids) == {c["E"], c["F"], c["G"], c["K"]}
    assert numbers(series, "closed", jurisdiction_ids=ids) == {c["B"], c["D"], c["E"]}
    assert numbers(series, "closed_late", jurisdiction_ids=ids) == {c["D"]}
    assert numbers(series, "closed_on_time", jurisdiction_ids=ids) == {c["B"], c["E"]}
    assert numbers(series, "pending_end", jurisdiction_ids=ids) == {c["A"], c["F"], c["G"], c["K"], c["L"]}
    assert numbers(series, "overdue", jurisdiction_ids=ids) == {c["A"], c["L"]}
    assert len(numbers(series, "caseload", jurisdiction_ids=ids)) == 8


def test_prefecture_total_and_ranking(series, q1_cases, director, jishou, luxi):
    report = build_report(director, Q1, today=TODAY)
    sr = next(r for r in report.series if r.code == "complaint")
    closure = sr.total.rate("closure")
    # 4 closed ÷ (4 pending + 5 accepted), Luxi's J included
    assert (closure.numerator, closure.denominator, closure.display) == (4, 9, "44.4%")
    assert sr.total.rate("on_time").display == "75.0%"
    ranked = [(row.rank, row.jurisdiction.code, row.figures.primary.display) for row in sr.rows]
    assert ranked[:2] == [(1, luxi.code, "100.0%"), (2, jishou.code, "37.5%")]
    assert all(rank is None and shown == "无案件" for rank, _code, shown in ranked[2:])
    assert len(ranked) == 10  # every jurisdiction is listed, those without cases last
    assert sr.rows[0].figures.primary.signal == Signal.ON_TRACK


def test_one_county_sees_only_its_own(series, q1_cases, make_user, luxi):
    from casework.roles import Role

    head = make_user(Role.INSPECTION_HEAD, luxi)
    sr = build_report(head, Q1, today=TODAY).of("complaint")
    assert [row.jurisdiction.code for row in sr.rows] == [luxi.code]
    assert sr.total.rate("closure").display == "100.0%"
    assert sr.total.by_code["pending_start"].value == 0


def test_a_case_closed_after_the_period_is_pending_at_its_end(series, q1_cases, jishou):
    march = Period.month(2026, 3)
    counts = queries.counts_by_jurisdiction(series, march, today=TODAY)[jishou.pk]
    # pending on 1 March: A, E, F, L; accepted in March: G, K; closed in March: E only (F closed 1 April 00:05)
    figures = (counts["pending_start"], counts["accepted"], counts["closed"], counts["pending_end"])
    assert figures == (4, 2, 1, 5)
    april = queries.counts_by_jurisdiction(series, Period.month(2026, 4), today=TODAY)[jishou.pk]
    assert (april["pending_start"], april["accepted"], april["closed"]) == (5, 1, 1)


def test_empty_period_shows_no_cases(series, q1_cases, director):
    empty = Period.month(2020, 1)
    sr = build_report(director, empty, today=TODAY).of("complaint")
    assert sr.total.counts["caseload"] == 0
    for rate in sr.total.rates:
        assert rate.rate is None and rate.display == "无案件" and rate.signal == Signal.NO_CASES
    assert sr.total.by_code["recovered"].value == Decimal("0.00")
    assert all(row.rank is None for row in sr.rows)


def test_no_cases_at_all(series, director):
    sr = build_report(director, Period.year(2026), today=TODAY).of("complaint")
    assert sr.total.rate("closure").display == "无案件"
    assert sr.projection.rate is None


def test_year_trend_by_beijing_month(series, q1_cases):
    from casework.statistics.trend import build_trend

    trend = build_trend(series, queries.monthly_counts(series, 2026, today=TODAY), 2026, today=TODAY)
    assert trend.pending_start == 4
    months = {p.month.month: p for p in trend.points}
    # D closed 00:10 on 1 Jan and F 00:05 on 1 Apr, Beijing time: January and April, not the UTC months
    monthly = [(months[m].accepted, months[m].closed) for m in (1, 2, 3, 4, 5, 6)]
    assert monthly == [(2, 2), (1, 1), (2, 1), (1, 1), (0, 1), (0, 0)]
    ytd = [str(months[m].ytd_rate) for m in (1, 2, 3, 4, 5, 11)]
    assert ytd == ["33.3", "42.9", "44.4", "50.0", "60.0", "60.0"]
    assert months[12].future and months[12].ytd_rate is None


def test_projection_of_a_past_year_is_the_actual_rate(series, q1_cases, director):
    sr = build_report(director, Period.year(2025), today=TODAY).of("complaint")
    assert sr.projection.actual and sr.projection.rate == sr.total.rate("closure").rate


def test_period_bounds_are_inclusive_local_dates(series, q1_cases, jishou):
    one_day = Period.range(Q1_TO, Q1_TO)  # 31 March
    counts = queries.counts_by_jurisdiction(series, one_day, today=TODAY)[jishou.pk]
    assert (counts["accepted"], counts["closed"]) == (1, 1)  # G accepted, E closed at 23:50
    new_year = Period.range(Q1_FROM, Q1_FROM)
    assert queries.counts_by_jurisdiction(series, new_year, today=TODAY)[jishou.pk]["closed"] == 1  # D


def test_figures_compiled_once_are_still_those_of_each_period_day_and_scope(series, q1_cases, jishou, luxi):
    """The deadline counts run as SQL compiled once per (series, period, day, scope) (statistics.compiled): asked
    in turn for other periods, days and scopes, each answer is the one computed afresh."""
    from casework.statistics import compiled

    asks = [
        (Q1, TODAY, None),
        (Period.month(2026, 1), TODAY, None),
        (Q1, date(2026, 2, 1), None),
        (Q1, TODAY, [jishou.pk]),
        (Q1, TODAY, [luxi.pk]),
    ]

    def answers():
        return [
            queries.counts_by_jurisdiction(series, period, today=today, jurisdiction_ids=ids)
            for period, today, ids in asks
        ]

    compiled._COMPILED.clear()
    first = answers()
    assert len(compiled._COMPILED) == len(asks)  # one compiled query each
    assert answers() == first  # read again through the compiled SQL
    fresh = []
    for period, today, ids in asks:  # each computed with nothing compiled before it
        compiled._COMPILED.clear()
        fresh.append(queries.counts_by_jurisdiction(series, period, today=today, jurisdiction_ids=ids))
    assert first == fresh
    assert first[0][jishou.pk]["overdue"] == 2 and first[0] != first[1] and first[3] != first[4]
