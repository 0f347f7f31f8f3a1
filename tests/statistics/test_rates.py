"""The rate function, signals and periods — no database."""

from datetime import date
from decimal import Decimal

import pytest

from casework.statistics.figures import Signal, format_rate, rate, signal
from casework.statistics.periods import Period, PeriodError, parse_month, period_from_query


def test_national_2024_arbitration_closure_rate_is_98_2_percent():
    # statutes.md §6: 1,687,899 closed ÷ (33,171 pending at the start + 1,685,937 accepted)
    assert rate(1_687_899, 33_171 + 1_685_937) == Decimal("98.2")


def test_zero_denominator_is_no_cases_not_a_division_by_zero():
    assert rate(0, 0) is None
    assert format_rate(None) == "无案件"


def test_rounding_is_half_up_to_one_decimal():
    assert rate(1, 2000) == Decimal("0.1")  # 0.05 → 0.1 (banker's rounding would give 0.0)
    assert rate(1, 8) == Decimal("12.5")
    assert rate(2, 3) == Decimal("66.7")
    assert rate(7, 7) == Decimal("100.0")
    assert format_rate(rate(3, 7)) == "42.9%"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("96.0", Signal.ON_TRACK),
        ("99.9", Signal.ON_TRACK),
        ("95.9", Signal.AT_RISK),
        ("93.0", Signal.AT_RISK),
        ("92.9", Signal.BELOW),
        (None, Signal.NO_CASES),
    ],
)
def test_signal_against_a_96_percent_target(value, expected):
    assert signal(None if value is None else Decimal(value), Decimal("96"), Decimal("3")) == expected


def test_at_risk_margin_and_targets_come_from_settings(settings):
    from casework.statistics.registry import closure_rate

    settings.SETTLEMENT_AT_RISK_MARGIN = "1"
    settings.SETTLEMENT_TARGETS = {"complaint_closure": "97.5"}
    assert signal(Decimal("94.9"), Decimal("96")) == Signal.BELOW
    assert signal(Decimal("95.0"), Decimal("96")) == Signal.AT_RISK
    assert closure_rate(target_key="complaint_closure").target == Decimal("97.5")
    assert closure_rate(target_key="arbitration_closure").target == Decimal("90")  # the plan's default


def test_periods_and_their_labels():
    assert Period.month(2026, 2) == Period(date(2026, 2, 1), date(2026, 2, 28), "month")
    assert Period.quarter(2026, 3).end == date(2026, 9, 30)
    assert Period.quarter(2026, 3).label == "2026年第三季度"
    assert Period.year(2026).label == "2026年"
    assert parse_month("2026-10").label == "2026年10月"
    # a local day begins at 16:00 UTC the day before
    assert Period.year(2026).start_at.isoformat() == "2026-01-01T00:00:00+08:00"
    assert Period.month(2026, 3).end_before.isoformat() == "2026-04-01T00:00:00+08:00"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "month", "month": "2026-13"}, "month"),
        ({"period": "range", "from": "2026-02-30", "to": "2026-03-01"}, "from"),
        ({"period": "range", "from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"period": "range", "from": "2026-03-01"}, "to"),
        ({"period": "decade"}, "period"),
        ({"period": "year", "year": "twenty"}, "year"),
    ],
)
def test_bad_periods_name_the_field(params, field):
    with pytest.raises(PeriodError) as exc:
        period_from_query(params, today=date(2026, 11, 26))
    assert exc.value.field == field and exc.value.message


def test_default_period_is_this_year():
    assert period_from_query({}, today=date(2026, 11, 26)) == Period.year(2026)
    assert (
        period_from_query({"from": "2026-01-05", "to": "2026-02-10"}, today=date(2026, 11, 26)).kind
        == "range"
    )
