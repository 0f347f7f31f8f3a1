"""E-mail and SMS delivery: after commit, once per channel, retried when lost, given up after failures."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from casework.models import AlertLevel, Notification, NotificationPreference
from casework.services import alerts, deadlines, notifications
from casework.sms import LoggingSMSBackend
from casework.tasks import daily_digest, send_notification, send_notifications, sweep_deadlines
from tests.alerts.conftest import TODAY

L = AlertLevel


@pytest.fixture(autouse=True)
def _clean_sms():
    LoggingSMSBackend.sent.clear()
    yield
    LoggingSMSBackend.sent.clear()


@pytest.fixture
def head_sms(staff_emails):
    NotificationPreference.objects.create(user=staff_emails["head"], sms_enabled=True, mobile="13907431234")
    return staff_emails["head"]


def sweep_and_send(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return alerts.sweep(**kwargs)


def test_emails_go_out_after_commit_one_per_recipient(case_due, staff, django_capture_on_commit_callbacks):
    case = case_due(date(2026, 12, 8))  # overdue: two inspectors and the head
    with django_capture_on_commit_callbacks() as callbacks:
        alerts.sweep(today=TODAY)
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"{name}@rsj.xxz.example" for name in ("inspector1", "inspector2", "head")
    )
    message = mail.outbox[0]
    assert message.subject.startswith("【湘西人社·案件期限】已超期：" + case.number)
    assert f"http://127.0.0.1:8000/complaints/{case.pk}/" in message.body
    assert Notification.objects.filter(dispatched_at__isnull=True).count() == 0


def test_sms_only_for_the_configured_levels_and_to_those_who_turned_it_on(
    case_due, head_sms, django_capture_on_commit_callbacks
):
    case_due(date(2026, 12, 10), assigned=False)  # due soon → head, by e-mail only
    sweep_and_send(django_capture_on_commit_callbacks, today=TODAY)
    assert list(LoggingSMSBackend.sent) == []
    case = case_due(date(2026, 12, 8))  # overdue → head also by SMS
    sweep_and_send(django_capture_on_commit_callbacks, today=TODAY)
    assert len(LoggingSMSBackend.sent) == 1
    phone, text = LoggingSMSBackend.sent[0]
    assert phone == "13907431234" and text.startswith("【湘西人社】已超期：" + case.number)


def test_a_redelivered_send_task_sends_nothing_twice(case_due, head_sms, django_capture_on_commit_callbacks):
    case_due(date(2026, 12, 8), assigned=False)
    alerts.sweep(today=TODAY)  # callbacks not run: as if the message were still in the queue
    n = Notification.objects.get(recipient=head_sms)
    assert send_notification.delay(n.pk).get() == "sent"
    assert send_notification.delay(n.pk).get() == "skipped"
    assert send_notifications.delay([n.pk, n.pk]).get() == {"skipped": 2}
    assert notifications.deliver_notification(notification_id=n.pk) == "skipped"
    assert len(mail.outbox) == 1 and len(LoggingSMSBackend.sent) == 1


def test_a_sender_that_died_is_replaced_after_its_lease_and_only_unsent_channels_go(case_due, head_sms):
    case_due(date(2026, 12, 8), assigned=False)
    alerts.sweep(today=TODAY)
    n = Notification.objects.get(recipient=head_sms)
    # A worker claimed it, sent the e-mail, and died before the SMS.
    claimed = timezone.now() - timedelta(minutes=2)
    Notification.objects.filter(pk=n.pk).update(
        dispatch_claimed_at=claimed, dispatch_attempts=1, email_sent_at=claimed
    )
    assert notifications.deliver_notification(notification_id=n.pk) == "skipped"  # lease still running
    later = timezone.now() + notifications.DISPATCH_LEASE
    assert notifications.deliver_notification(notification_id=n.pk, now=later) == "sent"
    assert mail.outbox == [] and len(LoggingSMSBackend.sent) == 1


def test_the_sweep_requeues_what_a_lost_message_never_sent(
    case_due, staff, django_capture_on_commit_callbacks
):
    case_due(date(2026, 12, 8))
    alerts.sweep(today=TODAY)  # the send tasks are lost (callbacks dropped)
    assert mail.outbox == []
    soon = timezone.now() + timedelta(seconds=30)
    assert sweep_and_send(django_capture_on_commit_callbacks, today=TODAY, now=soon).redispatched == 0
    later = timezone.now() + timedelta(minutes=2)
    assert sweep_and_send(django_capture_on_commit_callbacks, today=TODAY, now=later).redispatched == 3
    assert len(mail.outbox) == 3
    assert sweep_and_send(django_capture_on_commit_callbacks, today=TODAY, now=later).redispatched == 0
    assert len(mail.outbox) == 3


def test_a_failing_channel_is_retried_then_given_up(case_due, head_sms, monkeypatch):
    case_due(date(2026, 12, 8), assigned=False)
    alerts.sweep(today=TODAY)
    n = Notification.objects.get(recipient=head_sms)

    def broken(self, phone, message):
        raise ConnectionError("gateway down")

    monkeypatch.setattr(LoggingSMSBackend, "send", broken)
    assert notifications.deliver_notification(notification_id=n.pk) == "retry"
    n.refresh_from_db()
    assert n.email_sent_at is not None and n.sms_sent_at is None and n.dispatched_at is None
    assert "gateway down" in n.dispatch_error and n.dispatch_claimed_at is None
    outcomes = [notifications.deliver_notification(notification_id=n.pk) for _ in range(10)]
    assert outcomes[: notifications.MAX_DISPATCH_ATTEMPTS - 2] == ["retry"] * 3
    assert outcomes[3] == "given up" and set(outcomes[4:]) == {"skipped"}
    assert len(mail.outbox) == 1  # the e-mail went once, whatever the SMS did


def test_no_address_means_nothing_to_dispatch(case_due, staff):
    for user in staff.values():
        user.email = ""
        user.save(update_fields=["email"])
    case_due(date(2026, 12, 8))
    alerts.sweep(today=TODAY)
    assert Notification.objects.count() == 3
    assert not Notification.objects.filter(dispatched_at__isnull=True).exists()


def test_email_can_be_turned_off(case_due, staff):
    NotificationPreference.objects.create(user=staff["inspector1"], email_enabled=False)
    case_due(date(2026, 12, 8))
    alerts.sweep(today=TODAY)
    assert not Notification.objects.get(recipient=staff["inspector1"]).email
    assert Notification.objects.get(recipient=staff["inspector2"]).email


# --- digest ---------------------------------------------------------------------------------------------
def test_daily_digest_one_email_per_user_summarising_open_alerts(
    case_due, staff, django_capture_on_commit_callbacks
):
    soon = case_due(date(2026, 12, 14))
    late = case_due(date(2026, 12, 1))
    done = case_due(date(2026, 12, 8))
    alerts.sweep(today=TODAY)
    deadlines.meet(done, "inspection.accept")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_daily_digests(today=TODAY) == 4
    by_user = {m.to[0].split("@")[0]: m for m in mail.outbox}
    assert set(by_user) == {"inspector1", "inspector2", "head", "director"}
    assert late.number in by_user["director"].body and soon.number not in by_user["director"].body
    body = by_user["inspector1"].body
    assert soon.number in body and late.number in body and done.number not in body
    assert "[超期督办] " + late.number in body  # the highest level reached
    assert body.index(late.number) < body.index(soon.number)  # by due date


def test_daily_digest_is_sent_once_a_day(case_due, django_capture_on_commit_callbacks):
    case_due(date(2026, 12, 8))
    alerts.sweep(today=TODAY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_daily_digests(today=TODAY)
        notifications.send_daily_digests(today=TODAY)
    assert len(mail.outbox) == 3
    digests = Notification.objects.filter(kind=Notification.Kind.DIGEST)
    assert digests.count() == 3 and not digests.filter(read_at__isnull=True).exists()  # no bell ring
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_daily_digests(today=TODAY + timedelta(days=1))
    assert len(mail.outbox) == 6


def test_digest_can_be_turned_off(case_due, staff, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=staff["head"], digest_enabled=False)
    case_due(date(2026, 12, 8))
    alerts.sweep(today=TODAY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_daily_digests(today=TODAY)
    assert {m.to[0] for m in mail.outbox} == {"inspector1@rsj.xxz.example", "inspector2@rsj.xxz.example"}


# --- the tasks themselves -------------------------------------------------------------------------------
def test_tasks_run_the_services_on_todays_date(case_due, staff, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    case = case_due(today)
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep_deadlines.delay().get()
    assert result["today"] == today.isoformat() and result["alerts"] == {L.DUE_TODAY: 1}
    assert {m.to[0] for m in mail.outbox} == {"inspector1@rsj.xxz.example", "inspector2@rsj.xxz.example"}
    assert case.number in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert daily_digest.delay().get() == 2
    assert len(mail.outbox) == 2


def test_tasks_are_late_acknowledged_and_given_back_when_a_worker_dies():
    for task in (sweep_deadlines, send_notification, send_notifications, daily_digest):
        assert task.acks_late is True and task.reject_on_worker_lost is True


def test_the_sweep_queues_sending_in_batches(case_due, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(alerts, "SEND_BATCH", 4)
    queued = []
    monkeypatch.setattr(send_notifications, "delay", lambda ids: queued.append(ids))
    for _ in range(3):
        case_due(date(2026, 12, 8))  # 3 recipients each
    sweep_and_send(django_capture_on_commit_callbacks, today=TODAY)
    assert [len(chunk) for chunk in queued] == [4, 4, 1]
    assert sorted(pk for chunk in queued for pk in chunk) == sorted(
        Notification.objects.values_list("pk", flat=True)
    )
