"""Many alerts for one person in one sweep (go-live, workers down for days): one summary, not hundreds.

The alerts are raised one by one all the same; only the telling is summarised, per person, level and case type.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from casework.models import AlertLevel, DeadlineAlert, Notification, NotificationPreference
from casework.services import alerts, notifications
from casework.sms import LoggingSMSBackend
from tests.alerts.conftest import TODAY

L = AlertLevel
OVERDUE = date(2026, 12, 8)  # one working day late on TODAY
SOON = date(2026, 12, 14)  # three working days left


@pytest.fixture(autouse=True)
def summary_over_two(settings):
    settings.ALERT_SUMMARY_OVER = 2
    LoggingSMSBackend.sent.clear()
    yield
    LoggingSMSBackend.sent.clear()


def told(user, **filters):
    return list(Notification.objects.filter(recipient=user, **filters).order_by("id"))


def test_more_alerts_than_the_threshold_are_told_in_one_summary_per_person(case_due, staff):
    cases = [case_due(OVERDUE) for _ in range(3)]
    result = alerts.sweep(today=TODAY)
    assert result.alerts == {L.OVERDUE: 3}
    assert DeadlineAlert.objects.filter(level=L.OVERDUE).count() == 3  # every alert raised, once
    for name in ("inspector1", "inspector2", "head"):
        (summary,) = told(staff[name])
        assert summary.kind == Notification.Kind.SUMMARY and summary.level == L.OVERDUE
        assert summary.title == "已超期（汇总）：劳动保障监察投诉举报案件3件"
        assert "2026年12月9日的期限检查发现您有3件劳动保障监察投诉举报案件已超期" in summary.body
        assert all(case.number not in summary.body for case in cases)  # a count, not a list
    assert result.notifications == 3
    # Assignees are sent to their own overdue cases; the head, assigned to none, to the county's.
    assert told(staff["inspector1"])[0].url == "/complaints/?overdue=1&mine=1"
    assert told(staff["head"])[0].url == "/complaints/?overdue=1"


def test_the_summary_link_lists_exactly_the_persons_overdue_cases(case_due, staff, client):
    today = timezone.localdate()  # the list's "overdue" is today's
    mine = [case_due(today - timedelta(days=1)) for _ in range(3)]
    not_overdue = case_due(today + timedelta(days=30))
    alerts.sweep(today=today)
    client.force_login(staff["inspector1"])
    page = client.get(told(staff["inspector1"])[0].url).content.decode()
    assert all(case.number in page for case in mine)
    assert not_overdue.number not in page


def test_up_to_the_threshold_each_alert_is_told_on_its_own(case_due, staff):
    cases = [case_due(OVERDUE) for _ in range(2)]
    alerts.sweep(today=TODAY)
    mine = told(staff["inspector1"])
    assert [n.kind for n in mine] == [Notification.Kind.DEADLINE] * 2
    assert {n.alert.object_id for n in mine} == {c.pk for c in cases}


def test_levels_are_summarised_separately(case_due, staff):
    for _ in range(3):
        case_due(OVERDUE)
    soon = case_due(SOON)
    alerts.sweep(today=TODAY)
    kinds = {(n.kind, n.level) for n in told(staff["inspector1"])}
    assert kinds == {(Notification.Kind.SUMMARY, L.OVERDUE), (Notification.Kind.DEADLINE, L.DUE_SOON)}
    assert told(staff["inspector1"], level=L.DUE_SOON)[0].alert.object_id == soon.pk


def test_a_summary_spanning_batches_is_written_once_with_the_whole_count(case_due, staff, monkeypatch):
    monkeypatch.setattr(alerts, "BATCH_SIZE", 2)
    for _ in range(5):
        case_due(OVERDUE)
    alerts.sweep(today=TODAY)
    (summary,) = told(staff["inspector2"])
    assert "5件" in summary.title


def test_summaries_are_once_per_sweep_and_later_alerts_are_told_one_by_one(case_due, staff):
    for _ in range(3):
        case_due(OVERDUE)
    alerts.sweep(today=TODAY)
    again = alerts.sweep(today=TODAY)
    assert again.alerts == {} and again.notifications == 0
    late = case_due(TODAY - timedelta(days=1))
    alerts.sweep(today=TODAY)
    newest = told(staff["inspector1"])[-1]
    assert newest.kind == Notification.Kind.DEADLINE and newest.alert.object_id == late.pk


def test_one_email_and_one_sms_per_summary(case_due, staff_emails, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=staff_emails["head"], sms_enabled=True, mobile="13907431234")
    for _ in range(4):
        case_due(OVERDUE)
    with django_capture_on_commit_callbacks(execute=True):
        alerts.sweep(today=TODAY)
    assert sorted(m.to[0].split("@")[0] for m in mail.outbox) == ["head", "inspector1", "inspector2"]
    assert mail.outbox[0].subject.endswith("已超期（汇总）：劳动保障监察投诉举报案件4件")
    assert "http://127.0.0.1:8000/complaints/?overdue=1" in mail.outbox[0].body
    assert len(LoggingSMSBackend.sent) == 1 and LoggingSMSBackend.sent[0][0] == "13907431234"
    assert not Notification.objects.filter(dispatched_at__isnull=True).exists()


def test_the_daily_digest_lists_an_unread_summary_until_it_is_read(
    case_due, staff_emails, django_capture_on_commit_callbacks
):
    for _ in range(3):
        case_due(OVERDUE)
    alerts.sweep(today=TODAY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_daily_digests(today=TODAY)
    body = {m.to[0].split("@")[0]: m.body for m in mail.outbox}["inspector1"]
    assert (
        "· 已超期（汇总）：劳动保障监察投诉举报案件3件 http://127.0.0.1:8000/complaints/?overdue=1&mine=1"
        in body
    )
    Notification.objects.filter(kind=Notification.Kind.SUMMARY).update(read_at=timezone.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_daily_digests(today=TODAY + timedelta(days=1))
    assert "inspector1@rsj.xxz.example" not in {m.to[0] for m in mail.outbox}


def test_a_killed_sweep_and_its_rerun_each_summarise_what_they_claimed(
    case_due, staff_emails, monkeypatch, django_capture_on_commit_callbacks
):
    """A worker dies in the middle of a sweep (its second batch's transaction never commits); the re-run
    claims the rest. The two summaries add up to the alerts raised, not to twice what was found."""
    from casework.services import alert_inserts

    staff = staff_emails
    monkeypatch.setattr(alerts, "BATCH_SIZE", 2)
    for _ in range(7):
        case_due(OVERDUE)
    real_insert, calls = alert_inserts.insert_alerts, []

    def dies_on_the_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("worker killed")  # what SIGKILL leaves: the open transaction rolled back
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(alerts, "insert_alerts", dies_on_the_second_batch)
    with pytest.raises(SystemExit), django_capture_on_commit_callbacks(execute=True):
        alerts.sweep(today=TODAY)
    assert DeadlineAlert.objects.count() == 2  # the first batch committed, the second rolled back
    (first,) = told(staff["inspector1"])
    assert first.title == "已超期（汇总）：劳动保障监察投诉举报案件2件"
    assert "发现您有2件" in first.body
    assert first.dispatched_at is None  # its sending was to follow the sweep: left to the re-dispatch

    monkeypatch.setattr(alerts, "insert_alerts", real_insert)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rerun = alerts.sweep(today=TODAY)
    assert rerun.alerts == {L.OVERDUE: 5}
    assert DeadlineAlert.objects.count() == 7
    first, second = told(staff["inspector1"])
    assert first.title.endswith("2件") and second.title.endswith("5件")  # 2 + 5 = the 7 alerts raised
    # the re-run's summary went out once all its batches had committed, with its whole count
    sent = [m for m in mail.outbox if m.to == ["inspector1@rsj.xxz.example"]]
    assert [m.subject.rsplit("：", 1)[-1] for m in sent] == ["劳动保障监察投诉举报案件5件"]
