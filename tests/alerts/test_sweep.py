"""The deadline sweep against a fixed clock: which levels, who is told, once, and when alerts stop or move."""

from datetime import date, timedelta

import pytest

from casework.calendar.workdays import WorkCalendar, working_days_between
from casework.inspection import services as svc
from casework.models import AlertLevel, Deadline, DeadlineAlert, Notification
from casework.roles import Role
from casework.services import alert_recipients, alerts, deadlines
from tests.alerts.conftest import ACCEPT, TODAY, deadline_of

AWARD = "arbitration.award"

L = AlertLevel


def levels(case) -> set[str]:
    return set(DeadlineAlert.objects.filter(object_id=case.pk).values_list("level", flat=True))


def recipients(case, level) -> set[str]:
    return set(
        Notification.objects.filter(alert__object_id=case.pk, level=level).values_list(
            "recipient__username", flat=True
        )
    )


def usernames(staff, *names) -> set[str]:
    return {staff[n].username for n in names}


# --- boundaries ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "start",
    [date(2026, 9, 14), date(2026, 12, 1), date(2026, 2, 5), date(2027, 1, 1)],
    ids=["national-day+local-holiday", "december", "spring-festival", "unofficial-year"],
)
def test_boundaries_agree_with_working_days_between_around_holidays(jishou, start):
    calendar = WorkCalendar()
    for offset in range(0, 30):
        today = start + timedelta(days=offset)
        b = alerts.boundaries_for(today, jishou.pk, soon_days=3, escalate_days=5, calendar=calendar)
        for delta in range(-25, 25):
            due = today + timedelta(days=delta)
            left = working_days_between(today, due, jishou.pk, calendar=calendar)
            late = working_days_between(due, today, jishou.pk, calendar=calendar)
            assert (due <= b.soon_until) == (left <= 3), (today, due)
            assert (due <= b.escalate_until) == (late >= 5), (today, due)


def test_boundaries_on_the_fixed_clock(jishou):
    b = alerts.boundaries_for(TODAY, jishou.pk, soon_days=3, escalate_days=5)
    assert b.soon_until == date(2026, 12, 14)  # Thu, Fri, Mon: 3 working days left
    assert b.escalate_until == date(2026, 12, 2)  # Thu 3 … Wed 9: 5 working days overdue


# --- levels ----------------------------------------------------------------------------------------------
def test_each_deadline_gets_the_levels_it_has_reached(case_due):
    far = case_due(date(2026, 12, 15))  # 4 working days left
    soon = case_due(date(2026, 12, 14))  # 3 working days left
    today = case_due(TODAY)
    late = case_due(date(2026, 12, 3))  # 4 working days overdue
    escalated = case_due(date(2026, 12, 2))  # 5 working days overdue

    result = alerts.sweep(today=TODAY)

    assert levels(far) == set()
    assert levels(soon) == {L.DUE_SOON}
    assert levels(today) == {L.DUE_TODAY}
    assert levels(late) == {L.OVERDUE}
    assert levels(escalated) == {L.ESCALATED}  # first seen escalated: not also "overdue"
    assert result.alerts == {L.DUE_SOON: 1, L.DUE_TODAY: 1, L.OVERDUE: 1, L.ESCALATED: 1}


def test_a_deadline_first_seen_escalated_is_never_told_overdue_after(case_due, staff):
    case = case_due(date(2026, 12, 2))
    alerts.sweep(today=TODAY)
    alerts.sweep(today=date(2026, 12, 10))
    assert levels(case) == {L.ESCALATED}
    told = Notification.objects.filter(alert__object_id=case.pk, recipient=staff["head"])
    assert list(told.values_list("level", flat=True)) == [L.ESCALATED]


def test_configured_windows_are_used(case_due, settings):
    settings.ALERT_DUE_SOON_WORKING_DAYS = 1
    settings.ALERT_ESCALATE_WORKING_DAYS = 2
    not_yet = case_due(date(2026, 12, 11))  # 2 working days left
    soon = case_due(date(2026, 12, 10))
    escalated = case_due(date(2026, 12, 7))  # Tue 8, Wed 9: 2 working days overdue
    alerts.sweep(today=TODAY)
    assert levels(not_yet) == set()
    assert levels(soon) == {L.DUE_SOON}
    assert levels(escalated) == {L.ESCALATED}


def test_a_local_holiday_counts_as_a_rest_day_for_that_jurisdiction(case_due):
    """20 Sept 2026 is a national make-up workday but the 湘西州 founding day in 吉首: not a working day."""
    case = case_due(date(2026, 9, 22), received_on=date(2026, 9, 14))  # Sun 20, Mon 21: local rest days
    alerts.sweep(today=date(2026, 9, 18))  # Fri: only Tue 22 lies ahead → 1 working day left
    assert levels(case) == {L.DUE_SOON}
    notification = Notification.objects.filter(alert__object_id=case.pk).first()
    assert "还剩1个工作日" in notification.body


# --- recipients ------------------------------------------------------------------------------------------
def test_recipients_widen_as_the_deadline_slips(case_due, staff):
    soon = case_due(date(2026, 12, 14))
    late = case_due(date(2026, 12, 8))
    escalated = case_due(date(2026, 12, 1))
    alerts.sweep(today=TODAY)

    assignees = usernames(staff, "inspector1", "inspector2")
    assert recipients(soon, L.DUE_SOON) == assignees
    assert recipients(late, L.OVERDUE) == assignees | usernames(staff, "head")
    assert recipients(escalated, L.ESCALATED) == assignees | usernames(staff, "head", "director")
    # Nobody outside the case's line: not the clerk, not Luxi's staff, not an arbitrator.
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told.isdisjoint(usernames(staff, "clerk", "luxi_inspector", "luxi_head", "arbitrator"))


def test_an_unassigned_case_alerts_its_unit_head_from_the_start(case_due, staff):
    case = case_due(date(2026, 12, 10), assigned=False)
    alerts.sweep(today=TODAY)
    assert recipients(case, L.DUE_SOON) == usernames(staff, "head")


def test_heads_are_those_of_the_cases_own_county(case_due, make_user, staff, prefecture, luxi):
    """A head at 州本级 or in another county cannot open the case, so is not told; the director is."""
    case = case_due(date(2026, 12, 1))
    staff["head"].groups.clear()  # Jishou has no inspection head for now
    make_user(Role.INSPECTION_HEAD, prefecture)
    alerts.sweep(today=TODAY)
    assignees = usernames(staff, "inspector1", "inspector2")
    assert recipients(case, L.ESCALATED) == assignees | usernames(staff, "director")


def test_an_unassigned_case_without_a_head_is_logged(case_due, staff, caplog):
    case = case_due(date(2026, 12, 10), assigned=False)
    staff["head"].groups.clear()
    alerts.sweep(today=TODAY)
    assert levels(case) == {L.DUE_SOON} and not Notification.objects.exists()
    assert "has nobody to tell" in caplog.text


def test_inactive_staff_are_not_told(case_due, staff):
    case = case_due(
        date(2026, 12, 14)
    )  # assigned to both; then one leaves (an inactive user cannot be assigned)
    staff["inspector2"].is_active = False
    staff["inspector2"].save()
    alerts.sweep(today=TODAY)
    assert recipients(case, L.DUE_SOON) == usernames(staff, "inspector1")


def test_head_roles_come_from_the_case_type_or_the_model():
    class Arbitration:
        CASE_TYPE = "arbitration"

    class Custom:
        CASE_TYPE = "arrears"
        ALERT_HEAD_ROLES = (Role.DIRECTOR,)

    class Unknown:
        CASE_TYPE = "something-new"

    assert alert_recipients.head_roles_for(Arbitration) == (Role.ARBITRATION_CHAIR,)
    assert alert_recipients.head_roles_for(Custom) == (Role.DIRECTOR,)
    assert set(alert_recipients.head_roles_for(Unknown)) == {Role.INSPECTION_HEAD, Role.ARBITRATION_CHAIR}


# --- once ------------------------------------------------------------------------------------------------
def test_a_second_sweep_raises_nothing_new(case_due):
    case_due(date(2026, 12, 14))
    case_due(date(2026, 12, 1))
    first = alerts.sweep(today=TODAY)
    counts = DeadlineAlert.objects.count(), Notification.objects.count()
    second = alerts.sweep(today=TODAY)
    assert first.notifications > 0 and second.candidates == 0 and second.notifications == 0
    assert (DeadlineAlert.objects.count(), Notification.objects.count()) == counts


def test_levels_follow_one_another_over_the_days(case_due, staff):
    case = case_due(date(2026, 12, 14))
    for day in (TODAY, date(2026, 12, 10), date(2026, 12, 14), date(2026, 12, 15), date(2026, 12, 16)):
        alerts.sweep(today=day)
    assert levels(case) == {L.DUE_SOON, L.DUE_TODAY, L.OVERDUE}
    alerts.sweep(today=date(2026, 12, 21))  # Tue 15 … Mon 21: 5 working days overdue
    assert levels(case) == {L.DUE_SOON, L.DUE_TODAY, L.OVERDUE, L.ESCALATED}
    per_user = Notification.objects.filter(recipient=staff["inspector1"]).count()
    assert per_user == 4  # one notification per level


def test_a_sweep_that_dies_half_way_leaves_nothing_and_the_next_one_does_it_all(case_due, monkeypatch):
    for due in (date(2026, 12, 14), date(2026, 12, 8), date(2026, 12, 1)):
        case_due(due)
    monkeypatch.setattr(alerts, "BATCH_SIZE", 2)
    real = alerts.insert_notifications
    calls = {"n": 0}

    def dies_on_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("worker killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(alerts, "insert_notifications", dies_on_second_batch)
    with pytest.raises(SystemExit):
        alerts.sweep(today=TODAY)
    # The first batch committed; the second batch's claim rolled back with it.
    assert DeadlineAlert.objects.count() == 2
    assert all(a.notifications.exists() for a in DeadlineAlert.objects.all())
    monkeypatch.setattr(alerts, "insert_notifications", real)
    result = alerts.sweep(today=TODAY)
    assert result.alerts == {L.ESCALATED: 1}
    assert DeadlineAlert.objects.count() == 3  # due_soon, overdue, escalated
    assert all(a.notifications.exists() for a in DeadlineAlert.objects.all())


# --- stopped, moved ---------------------------------------------------------------------------------------
def test_a_met_deadline_does_not_alert(case_due):
    case = case_due(date(2026, 12, 8))
    deadlines.meet(case, ACCEPT, on=date(2026, 12, 8))
    alerts.sweep(today=TODAY)
    assert levels(case) == set()


def test_alerts_stop_once_the_deadline_is_met(case_due):
    case = case_due(date(2026, 12, 14))
    alerts.sweep(today=TODAY)
    deadlines.meet(case, ACCEPT)
    alerts.sweep(today=date(2026, 12, 14))
    alerts.sweep(today=date(2026, 12, 22))
    assert levels(case) == {L.DUE_SOON}


def test_a_case_that_moved_on_does_not_alert_even_with_a_deadline_left_open(case_due, staff):
    case = case_due(date(2026, 12, 8))
    svc.complaint_refuse(
        actor=staff["inspector1"], complaint_id=case.pk, reason="超过两年"
    )  # cancels deadlines
    stray = Deadline.objects.filter(object_id=case.pk).latest("pk")
    Deadline.objects.filter(pk=stray.pk).update(status=Deadline.Status.OPEN)  # left open by mistake
    alerts.sweep(today=TODAY)
    assert levels(case) == set()


def test_an_approved_extension_moves_the_alerts_to_the_new_date(investigating, staff):
    case = investigating()
    investigation = Deadline.objects.get(object_id=case.pk, rule="inspection.investigate", status="open")
    first_due = investigation.due_on
    alerts.sweep(today=first_due + timedelta(days=1))
    assert levels(case) >= {L.OVERDUE}

    svc.complaint_extend_investigation(actor=staff["head"], complaint_id=case.pk, reason="案情复杂")
    investigation.refresh_from_db()
    new_due = investigation.due_on
    assert working_days_between(first_due, new_due, case.jurisdiction_id) == 30
    before = DeadlineAlert.objects.count()
    alerts.sweep(today=first_due + timedelta(days=2))  # no longer overdue: nothing new
    assert DeadlineAlert.objects.count() == before
    alerts.sweep(today=new_due)
    assert DeadlineAlert.objects.filter(deadline=investigation, due_on=new_due, level=L.DUE_TODAY).exists()
    alerts.sweep(today=new_due + timedelta(days=1))
    overdue = DeadlineAlert.objects.filter(deadline=investigation, level=L.OVERDUE)
    assert sorted(overdue.values_list("due_on", flat=True)) == [first_due, new_due]


def test_a_suspension_stops_alerts_and_the_resumed_date_alerts_again(case_due):
    """Suspension (中止, ARB-RULES Art 46) on a rule it applies to; the sweep itself is rule-agnostic."""
    case = case_due(TODAY)
    award = deadlines.start(case, AWARD, on=date(2026, 10, 26))  # 45 days: due Thu 10 December
    assert award.due_on == date(2026, 12, 10)
    deadlines.pause(case, AWARD, on=TODAY)
    for day in (date(2026, 12, 8), date(2026, 12, 10), date(2026, 12, 16)):
        alerts.sweep(today=day)
    assert not DeadlineAlert.objects.filter(deadline=award).exists()
    deadlines.resume(case, AWARD, on=date(2026, 12, 16))
    award.refresh_from_db()
    assert award.due_on > date(2026, 12, 16)
    alerts.sweep(today=award.due_on)
    assert set(DeadlineAlert.objects.filter(deadline=award).values_list("level", "due_on")) == {
        (L.DUE_TODAY, award.due_on)
    }


# --- content and cost -----------------------------------------------------------------------------------
def test_notification_names_the_case_the_deadline_and_links_to_the_case(case_due, staff):
    case = case_due(date(2026, 12, 2))
    alerts.sweep(today=TODAY)
    n = Notification.objects.get(alert__object_id=case.pk, level=L.ESCALATED, recipient=staff["director"])
    assert case.number in n.title and "投诉受理期限" in n.title
    assert "已超期5个工作日" in n.body and "第十八条" in n.body
    assert n.url == case.get_absolute_url() == f"/complaints/{case.pk}/"
    # no personal data of the complainant in what staff receive by e-mail / SMS
    complainant = case.complainant
    assert complainant.name not in n.body and complainant.id_number not in n.body


def test_sweep_cost_does_not_grow_with_the_number_of_cases(case_due, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def sweep_queries(day):
        with CaptureQueriesContext(connection) as ctx:
            alerts.sweep(today=day)
        return len(ctx.captured_queries)

    for _ in range(2):
        case_due(date(2026, 12, 8))
    few = sweep_queries(TODAY)
    for _ in range(8):
        case_due(date(2026, 12, 9))
    many = sweep_queries(TODAY)
    assert DeadlineAlert.objects.filter(level=L.DUE_TODAY).count() == 8
    assert many <= few + 1, (few, many)


def test_a_sweep_costs_the_same_queries_for_3_alerts_as_for_30(case_due):
    """Set-based: the alerts, their recipients, texts and notifications of a batch take a fixed number of
    queries, whatever the number of alerts raised (all four levels, assigned and unassigned cases)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dues = [date(2026, 12, 14), TODAY, date(2026, 12, 8), date(2026, 12, 1)]  # soon, today, late, escalated

    def add_cases(n):
        for i in range(n):
            case_due(dues[i % len(dues)], assigned=i % 3 != 0)

    def sweep():
        with CaptureQueriesContext(connection) as ctx:
            result = alerts.sweep(today=TODAY)
        return len(ctx.captured_queries), result

    add_cases(3)
    few, first = sweep()
    add_cases(30)
    many, second = sweep()
    assert sum(first.alerts.values()) == 3 and first.notifications >= 3
    assert sum(second.alerts.values()) == 30  # one per case: the highest level reached
    assert second.notifications > 5 * first.notifications
    assert many == few, (few, many)


def test_candidates_are_deadline_and_level_pairs(case_due):
    case = case_due(date(2026, 12, 14))
    found = alerts.candidates(today=TODAY, soon_days=3, escalate_days=5)
    assert [(c.deadline_id, c.level) for c in found] == [(deadline_of(case).pk, L.DUE_SOON)]
