"""The two flags of a deadline rule that change what the sweep does, alone and together:
``runs_after_closing`` (a duty that follows the closing keeps alerting on the closed case) and
``escalate_when_overdue`` (the director is told from the first overdue day, not after
``ALERT_ESCALATE_WORKING_DAYS``). No rule in the registry has both today, so the tests register their own."""

from datetime import date

import pytest

from casework.deadlines.registry import RULES, DeadlineRule, Domain, Unit
from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.models import AlertLevel, Deadline, DeadlineAlert, Notification
from casework.services import alerts, deadlines
from tests.alerts.conftest import TODAY

L = AlertLevel
BOTH, AFTER_CLOSING, ESCALATES, NEITHER = "test.both", "test.after_closing", "test.escalates", "test.neither"
FLAGS = {
    BOTH: {"runs_after_closing": True, "escalate_when_overdue": True},
    AFTER_CLOSING: {"runs_after_closing": True},
    ESCALATES: {"escalate_when_overdue": True},
    NEITHER: {},
}
SOON, LATE, ESCALATED = date(2026, 12, 14), date(2026, 12, 8), date(2026, 12, 2)  # 3 left / 1 and 5 overdue


@pytest.fixture(autouse=True)
def flagged_rules(monkeypatch):
    for name, flags in FLAGS.items():
        rule = DeadlineRule(
            name=name,
            title=f"测试期限（{name}）",
            domain=Domain.INSPECTION,
            period=None,
            unit=Unit.WORKING_DAYS,
            start_event="测试",
            article="测试依据",
            citation="test",
            **flags,
        )
        monkeypatch.setitem(RULES, name, rule)


@pytest.fixture
def with_deadline(register, staff_emails):
    """A complaint, assigned to two inspectors, with one running deadline of ``rule`` due on ``due_on``;
    ``closed``: the complainant withdrew after acceptance (the case is closed) and the deadline is a duty that
    starts at the closing."""
    staff = staff_emails

    def make(rule: str, due_on: date, *, closed: bool) -> Complaint:
        case = register()
        svc.complaint_assign(
            actor=staff["head"], complaint_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
        )
        svc.complaint_accept(actor=staff["head"], complaint_id=case.pk)  # meets the acceptance deadline
        if closed:
            case = svc.complaint_withdraw_complaint(actor=staff["head"], complaint_id=case.pk, reason="撤回")
            assert case.closed_at is not None and case.state not in Complaint.OPEN_STATES
        deadlines.start(case, rule, on=date(2026, 12, 1), due=due_on)
        return case

    return make


def told(case, level) -> set[str]:
    return set(
        Notification.objects.filter(alert__object_id=case.pk, alert__deadline__rule__startswith="test.")
        .filter(level=level)
        .values_list("recipient__username", flat=True)
    )


def levels(case) -> set[str]:
    return set(
        DeadlineAlert.objects.filter(object_id=case.pk, deadline__rule__startswith="test.").values_list(
            "level", flat=True
        )
    )


def names(staff, *who) -> set[str]:
    return {staff[n].username for n in who}


# --- both flags: the user's case ------------------------------------------------------------------------
def test_a_duty_after_closing_that_escalates_alerts_the_closed_case_and_tells_the_director_at_once(
    with_deadline, staff
):
    case = with_deadline(BOTH, SOON, closed=True)
    handlers = names(staff, "inspector1", "inspector2")

    alerts.sweep(today=TODAY)  # 3 working days left
    assert told(case, L.DUE_SOON) == handlers
    alerts.sweep(today=date(2026, 12, 15))  # first overdue day
    assert told(case, L.OVERDUE) == handlers | names(staff, "head", "director")
    alerts.sweep(today=date(2026, 12, 21))  # 5 working days overdue
    assert told(case, L.ESCALATED) == handlers | names(staff, "head", "director")

    # The closed case's deadline keeps running through the sweeps, until the duty is done.
    deadline = deadlines.running(case, BOTH)
    assert deadline is not None and deadline.status == Deadline.Status.OPEN
    assert Complaint.objects.get(pk=case.pk).next_due == SOON
    deadlines.meet(case, BOTH, on=date(2026, 12, 22))
    before = Notification.objects.count()
    alerts.sweep(today=date(2026, 12, 28))
    assert Notification.objects.count() == before


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "open"])
def test_both_flags_overdue_tell_the_director_on_the_first_overdue_day_open_or_closed(
    with_deadline, staff, closed
):
    case = with_deadline(BOTH, LATE, closed=closed)
    alerts.sweep(today=TODAY)
    assert levels(case) == {L.OVERDUE}
    assert staff["director"].username in told(case, L.OVERDUE)


# --- one flag only: what each does without the other ----------------------------------------------------
def test_after_closing_alone_alerts_the_closed_case_but_waits_to_tell_the_director(with_deadline, staff):
    late = with_deadline(AFTER_CLOSING, LATE, closed=True)
    escalated = with_deadline(AFTER_CLOSING, ESCALATED, closed=True)
    alerts.sweep(today=TODAY)
    assert told(late, L.OVERDUE) == names(staff, "inspector1", "inspector2", "head")  # no director yet
    assert told(escalated, L.ESCALATED) == names(staff, "inspector1", "inspector2", "head", "director")


def test_escalating_alone_stops_alerting_once_the_case_is_closed(with_deadline, staff):
    closed = with_deadline(ESCALATES, LATE, closed=True)
    still_open = with_deadline(ESCALATES, LATE, closed=False)
    alerts.sweep(today=TODAY)
    assert levels(closed) == set() and not told(closed, L.OVERDUE)
    assert staff["director"].username in told(still_open, L.OVERDUE)  # open: the director at once


@pytest.mark.parametrize("rule", [NEITHER, ESCALATES])
def test_without_after_closing_a_closed_case_is_never_alerted_at_any_level(with_deadline, rule):
    cases = [with_deadline(rule, due, closed=True) for due in (SOON, TODAY, LATE, ESCALATED)]
    alerts.sweep(today=TODAY)
    assert all(levels(case) == set() for case in cases)


def test_neither_flag_open_case_waits_to_tell_the_director(with_deadline, staff):
    case = with_deadline(NEITHER, LATE, closed=False)
    alerts.sweep(today=TODAY)
    assert told(case, L.OVERDUE) == names(staff, "inspector1", "inspector2", "head")
