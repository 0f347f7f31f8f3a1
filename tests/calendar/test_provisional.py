"""2027 has no official calendar yet: deadlines reaching into it are counted on weekends and flagged."""

import io

import pytest
from django.core.management import call_command

from casework.calendar.services import enter_year_schedule, parse_schedule
from casework.deadlines.compute import compute_due
from casework.models import CalendarYear, Holiday

from .conftest import D

pytestmark = pytest.mark.django_db

MESSAGE = "2027年国务院放假安排尚未公布，按周末推算，仅供参考"


@pytest.mark.parametrize(
    "rule, start, expected",
    [
        # Mon 12/28/2026: 12/29 1, 12/30 2, 12/31 3, Fri 1/1/2027 4 (weekends only), Mon 1/4 5.
        ("arbitration.accept", "2026-12-28", "2027-01-04"),
        ("arbitration.award", "2026-12-01", "2027-01-15"),  # +45 = Fri 1/15/2027
        ("mediation.settle", "2026-12-20", "2027-01-04"),  # +15 = 1/4/2027
        ("inspection.investigate", "2026-11-02", "2027-01-25"),  # 43 wd left in 2026, 1/1/2027 the 44th
        ("inspection.limitation", "2025-02-01", "2027-02-01"),
        ("arbitration.limitation", "2026-03-01", "2027-03-01"),
        # Hearing Wed 1/6/2027, back: 1/5 1, 1/4 2, Fri 1/1 3 (weekends only), 12/31 4, 12/30 5.
        ("arbitration.hearing_notice", "2027-01-06", "2026-12-30"),
    ],
)
def test_deadlines_reaching_into_2027_are_provisional(rule, start, expected):
    result = compute_due(rule, D(start))
    assert result.due == D(expected)
    assert result.provisional is True
    assert result.provisional_years == (2027,)
    assert result.provisional_message == MESSAGE


def test_deadline_ending_on_31_december_2026_is_not_provisional():
    # Mon 12/21/2026: 12/22 1 … 12/25 4, 12/28 5 — all within 2026.
    result = compute_due("arbitration.accept", D("2026-12-21"))
    assert result.due == D("2026-12-28") and result.provisional is False and result.provisional_message == ""


def test_2027_is_counted_on_weekends_alone():
    assert compute_due("arbitration.accept", D("2026-12-28")).due == D("2027-01-04")
    assert compute_due("arbitration.award", D("2026-12-01")).due == D("2027-01-15")


def test_local_holiday_still_applies_in_a_provisional_year(jishou):
    # Fri 9/17/2027: 9/20–21 (Mon–Tue) are the 湘西州 founding days; the rule is known, the year is not.
    national = compute_due("arbitration.accept", D("2027-09-17"))
    local = compute_due("arbitration.accept", D("2027-09-17"), jurisdiction=jishou)
    assert national.due == D("2027-09-24") and local.due == D("2027-09-28")
    assert national.provisional and local.provisional


def test_admin_entered_2027_schedule_makes_deadlines_final():
    before = compute_due("arbitration.accept", D("2026-12-28"))
    assert before.due == D("2027-01-04") and before.provisional

    # Hypothetical 2027 New Year: 1/1–1/3 off. Entered but not yet marked official: used, still provisional.
    rest = parse_schedule("2027-01-01 至 2027-01-03 元旦", year=2027)
    enter_year_schedule(year=2027, rest_days=rest, workdays=[], mark_official=False)
    draft = compute_due("arbitration.accept", D("2026-12-28"))
    assert draft.due == D("2027-01-05") and draft.provisional

    enter_year_schedule(
        year=2027, rest_days=rest, workdays=[], mark_official=True, note="国办发明电〔2026〕X号"
    )
    final = compute_due("arbitration.accept", D("2026-12-28"))
    assert final.due == D("2027-01-05")  # 12/29 1, 12/30 2, 12/31 3, 1/4 4, 1/5 5
    assert final.provisional is False and final.provisional_message == ""
    assert [d.name for d in final.skipped] == ["元旦", "元旦", "元旦"]
    assert CalendarYear.objects.get(year=2027).note == "国办发明电〔2026〕X号"


def test_sync_holidays_keeps_rows_an_administrator_changed():
    row = Holiday.objects.get(date=D("2026-10-10"), jurisdiction__isnull=True)
    row.kind, row.name, row.source = "rest", "管理员改为放假", "admin"
    row.save()
    Holiday.objects.filter(date=D("2025-10-11"), jurisdiction__isnull=True).delete()
    call_command("sync_holidays", stdout=io.StringIO())
    assert Holiday.objects.get(date=D("2026-10-10"), jurisdiction__isnull=True).name == "管理员改为放假"
    restored = Holiday.objects.get(date=D("2025-10-11"), jurisdiction__isnull=True)
    assert (restored.kind, restored.source) == ("workday", "package")
