"""The holiday table as seeded, and counting on it (national, local, make-up days)."""

import datetime

import chinese_calendar
import pytest

from casework.calendar.workdays import (
    DayKind,
    WorkCalendar,
    add_calendar_days,
    add_working_days,
    add_years,
    calendar_scope,
    get_calendar,
    is_working_day,
    next_working_day,
    working_days_between,
)
from casework.models import CalendarYear, Holiday, LocalHoliday

from .conftest import D

pytestmark = pytest.mark.django_db


def test_every_year_of_the_package_is_seeded_as_official_and_2027_is_not():
    official = set(CalendarYear.objects.filter(is_official=True).values_list("year", flat=True))
    assert set(range(2004, 2027)) <= official
    assert 2027 not in official
    assert get_calendar().is_official_year(2026) and not get_calendar().is_official_year(2027)


@pytest.mark.parametrize(
    "date, kind, name",
    [
        ("2025-09-28", "workday", "国庆节调休上班"),  # Sunday, make-up workday
        ("2025-10-11", "workday", "国庆节调休上班"),  # Saturday
        ("2025-10-06", "rest", "中秋节"),
        ("2025-10-08", "rest", "国庆节"),
        ("2026-02-14", "workday", "春节调休上班"),
        ("2026-02-28", "workday", "春节调休上班"),
        ("2026-02-23", "rest", "春节"),
        ("2026-09-20", "workday", "国庆节调休上班"),
        ("2026-10-10", "workday", "国庆节调休上班"),
        ("2026-10-07", "rest", "国庆节"),
    ],
)
def test_national_rows_match_the_state_council_schedule(date, kind, name):
    row = Holiday.objects.get(date=D(date), jurisdiction__isnull=True)
    assert (row.kind, row.name, row.source) == (kind, name, "package")


def test_the_xiangxi_founding_days_are_a_local_rule_for_the_prefecture():
    rule = LocalHoliday.objects.get()
    assert (rule.month, rule.day, rule.days, rule.jurisdiction.code) == (9, 20, 2, "433100")


@pytest.mark.parametrize(
    "date, working",
    [
        ("2025-09-27", False),  # ordinary Saturday
        ("2025-09-28", True),  # Sunday make-up workday
        ("2025-10-01", False),
        ("2025-10-08", False),
        ("2025-10-09", True),
        ("2025-10-11", True),  # Saturday make-up workday
        ("2026-02-14", True),
        ("2026-02-16", False),  # Monday in Spring Festival
        ("2026-02-24", True),
        ("2026-09-20", True),  # national make-up workday
        ("2026-09-21", True),
    ],
)
def test_is_working_day_nationally(date, working):
    assert is_working_day(D(date)) is working


def test_local_holiday_overrides_the_national_makeup_day_in_every_xiangxi_unit(
    jishou, luxi, prefecture, changsha
):
    for unit in (jishou, luxi, prefecture):
        assert not is_working_day(D("2026-09-20"), unit)
        assert not is_working_day(D("2026-09-21"), unit)
        assert is_working_day(D("2026-09-22"), unit)
        assert get_calendar().day(D("2026-09-20"), unit).name == "湘西州成立纪念日"
    # Outside the prefecture, and on the national calendar, 20 Sept 2026 is a make-up workday.
    assert is_working_day(D("2026-09-20"), changsha)
    assert is_working_day(D("2026-09-20"), None)
    assert is_working_day(D("2026-09-21"), changsha)


def test_a_dated_local_row_beats_the_local_rule_and_the_national_row(jishou, luxi):
    # E.g. 吉首 decides to work on 21 Sept 2026 after all; 泸溪 keeps the prefecture's rule.
    Holiday.objects.create(date=D("2026-09-21"), kind="workday", name="吉首调整上班", jurisdiction=jishou)
    assert is_working_day(D("2026-09-21"), jishou)
    assert not is_working_day(D("2026-09-21"), luxi)
    assert not is_working_day(D("2026-09-20"), jishou)


def test_inactive_or_expired_local_rule_does_not_apply(jishou):
    rule = LocalHoliday.objects.get()
    rule.last_year = 2025
    rule.save()
    assert is_working_day(D("2026-09-21"), jishou)
    assert get_calendar().day(D("2025-09-20"), jishou).kind == DayKind.LOCAL  # still within its years
    LocalHoliday.objects.update(last_year=None, is_active=False)
    assert is_working_day(D("2026-09-21"), jishou)


def test_local_rule_running_over_new_year(jishou):
    LocalHoliday.objects.create(
        name="跨年测试", jurisdiction=jishou, month=12, day=31, days=2, first_year=2020
    )
    # 2026-12-31 is a Thursday, 2027-01-01 a Friday (2027 not official: weekends + local only).
    assert not is_working_day(D("2026-12-31"), jishou)
    assert not is_working_day(D("2027-01-01"), jishou)
    assert is_working_day(D("2027-01-04"), jishou)


def test_add_working_days_counts_makeup_days_and_skips_holidays():
    # Friday 26 Sept 2025: 28 Sept (Sun, make-up) 1, 29th 2, 30th 3, 1–8 Oct off, 9th 4, 10th 5.
    assert add_working_days(D("2025-09-26"), 5) == D("2025-10-10")
    assert add_working_days(D("2025-10-10"), -5) == D("2025-09-26")
    assert add_working_days(D("2025-10-10"), 0) == D("2025-10-10")


def test_add_calendar_days_rolls_forward_off_rest_days():
    assert add_calendar_days(D("2025-09-16"), 15) == D("2025-10-09")  # 1 Oct → after the holiday
    assert add_calendar_days(D("2025-09-16"), 15, roll_forward=False) == D("2025-10-01")
    assert add_calendar_days(D("2025-09-13"), 15) == D("2025-09-28")  # lands on a Sunday make-up workday
    assert add_calendar_days(D("2026-01-02"), 15) == D("2026-01-19")  # Saturday 17th → Monday 19th
    assert next_working_day(D("2026-02-15")) == D("2026-02-24")


def test_add_years_uses_the_month_end_for_29_february():
    assert add_years(D("2024-02-29"), 1) == D("2025-02-28")
    assert add_years(D("2024-02-29"), 4) == D("2028-02-29")
    assert add_years(D("2025-03-15"), 2) == D("2027-03-15")


def test_working_days_between_for_days_left_and_days_overdue(jishou):
    assert working_days_between(D("2025-09-26"), D("2025-10-10")) == 5
    assert working_days_between(D("2025-10-10"), D("2025-09-26")) == -5
    assert working_days_between(D("2025-10-10"), D("2025-10-10")) == 0
    # The Xiangxi local holiday removes two working days in 吉首.
    assert working_days_between(D("2026-09-18"), D("2026-09-24")) == 5
    assert working_days_between(D("2026-09-18"), D("2026-09-24"), jishou) == 3


def test_weekends_alone_in_a_year_without_an_official_calendar():
    day = get_calendar().day(D("2027-01-01"))  # a Friday; the 2027 notice is not in the table
    assert day.working and day.kind == DayKind.ORDINARY
    assert not is_working_day(D("2027-01-02"))


def test_counting_reads_the_table_in_a_few_queries_not_one_per_day(django_assert_max_num_queries, jishou):
    calendar = WorkCalendar()
    with django_assert_max_num_queries(4):
        add_working_days(D("2026-08-20"), 90, jishou, calendar=calendar)
    with django_assert_max_num_queries(0):
        add_working_days(D("2026-01-05"), 60, calendar=calendar)
        working_days_between(D("2026-01-01"), D("2026-12-31"), jishou, calendar=calendar)
    with django_assert_max_num_queries(1):  # one more block of years
        working_days_between(D("2025-01-01"), D("2025-12-31"), calendar=calendar)


def test_one_calendar_per_scope_and_it_is_cleared_when_a_row_is_saved(django_assert_max_num_queries):
    with calendar_scope() as calendar:
        assert get_calendar() is calendar
        assert is_working_day(D("2026-11-02"))
        with django_assert_max_num_queries(0):
            is_working_day(D("2026-11-03"))
        Holiday.objects.create(date=D("2026-11-02"), kind="rest", name="测试假日")
        assert not is_working_day(D("2026-11-02"))
    assert get_calendar() is not calendar


def test_the_seeded_table_agrees_with_chinese_calendar_for_every_day_of_2024_to_2026():
    calendar = WorkCalendar()
    day = datetime.date(2024, 1, 1)
    while day.year <= 2026:
        assert calendar.is_working_day(day) is chinese_calendar.is_workday(day), day
        day += datetime.timedelta(days=1)
