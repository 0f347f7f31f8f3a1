"""The notice a hearing needs, both ways (the kernel's ``earliest_event_day`` / ``late_notice``, used by the
arbitration hearing (ARB-RULES Arts 38, 80: 5 working days) and the penalty hearing (APL Arts 64, 85: 7
working days)): the earliest day a hearing may be held on a notice is exactly the first working day that notice
is in time for — around the National Day holiday and the 湘西州 local days of 2026."""

from datetime import timedelta

import pytest

from casework.calendar.workdays import add_working_days, next_working_day
from casework.deadlines.compute import earliest_event_day, late_notice

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rule", ["arbitration.hearing_notice", "inspection.hearing_notice"])
def test_the_earliest_hearing_day_is_the_first_one_the_notice_is_in_time_for(rule, jishou):
    for offset in range(0, 40, 3):
        notice_on = D("2026-09-10") + timedelta(days=offset)
        earliest = earliest_event_day(rule, notice_on, jurisdiction=jishou.pk)
        assert late_notice(rule, earliest, notice_on, jurisdiction=jishou.pk) is None, notice_on
        working_day_before = add_working_days(earliest, -1, jishou.pk)
        assert late_notice(rule, working_day_before, notice_on, jurisdiction=jishou.pk) == earliest, notice_on


def test_a_notice_on_a_rest_day_counts_from_the_next_working_day(jishou):
    # Sat 3 Oct 2026, National Day: counted from Thu 8 Oct → 9, 10 (Sat make-up), 12, 13, 14.
    assert next_working_day(D("2026-10-03"), jishou.pk) == D("2026-10-08")
    assert earliest_event_day("arbitration.hearing_notice", D("2026-10-03"), jurisdiction=jishou.pk) == D(
        "2026-10-14"
    )
