"""Milestone SMS to workers go through an outbox row and a Celery task (issue 23 item 3): written in the
change's transaction, sent after commit, once per (case, milestone, person) even when a worker dies mid-send,
retried with back-off, texts from the admin, opt-out honoured, numbers masked in the send log."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.inspection import services as svc
from casework.models import MilestoneMessage, MilestoneText
from casework.services import milestone_messages
from casework.services.notify_public import notify_complainant, notify_person
from casework.sms import LoggingSMSBackend, send_sms
from casework.tasks import send_milestone_message

pytestmark = pytest.mark.django_db
State = MilestoneMessage.State


class FlakyBackend(LoggingSMSBackend):
    """The logging backend behind a gateway that fails the first ``failures`` sends."""

    failures = 0
    calls = 0

    def send(self, phone, message, reference=""):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise ConnectionError("网关超时")
        return super().send(phone, message, reference=reference)


@pytest.fixture
def flaky(settings):
    settings.SMS_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.calls = 0
    return FlakyBackend


def sent_to(person):
    return [m for p, m in LoggingSMSBackend.sent if p == person.phone]


def test_the_message_is_written_with_the_change_and_sent_only_after_commit(
    register, staff, worker, django_capture_on_commit_callbacks
):
    case = register()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    row = MilestoneMessage.objects.get()
    assert (row.milestone, row.person, row.state) == ("accepted", worker, State.QUEUED)
    assert not LoggingSMSBackend.sent  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 1 and row.sent_at and row.gateway_reference
    assert sent_to(worker) == [f"【湘西人社】您的投诉（{case.number}）已受理。"]


def test_a_change_that_rolls_back_leaves_no_message(register, worker, django_capture_on_commit_callbacks):
    case = register()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify_complainant(case, "accepted")
            raise RuntimeError("the change failed")
    assert not callbacks and not MilestoneMessage.objects.exists() and not LoggingSMSBackend.sent


def test_one_message_per_case_milestone_and_person(
    register, staff, worker, django_capture_on_commit_callbacks
):
    case = register()
    with django_capture_on_commit_callbacks(execute=True):
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
        assert not notify_complainant(case, "accepted")  # the same milestone again: nothing new
        svc.complaint_file(actor=staff["head"], complaint_id=case.pk)  # the transaction carries on
    assert MilestoneMessage.objects.filter(milestone="accepted").count() == 1
    assert len(sent_to(worker)) == 2
    for message_id in MilestoneMessage.objects.values_list("pk", flat=True):  # a redelivered task
        assert milestone_messages.deliver(message_id) == "not claimable"
    assert len(sent_to(worker)) == 2


def test_a_gateway_error_is_retried_with_back_off_until_sent(
    register, worker, flaky, settings, django_capture_on_commit_callbacks
):
    assert send_milestone_message.retry_backoff and send_milestone_message.max_retries == (
        settings.MILESTONE_SMS_MAX_RETRIES
    )
    flaky.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        notify_complainant(register(), "accepted")
    row = MilestoneMessage.objects.get()
    assert row.state == State.SENT and row.attempts == 3 and flaky.calls == 3
    assert len(sent_to(worker)) == 1


def test_a_message_the_gateway_never_takes_ends_failed(
    register, worker, flaky, django_capture_on_commit_callbacks
):
    flaky.failures = 100
    with django_capture_on_commit_callbacks(execute=True):
        notify_complainant(register(), "accepted")
    row = MilestoneMessage.objects.get()
    assert row.state == State.FAILED and "网关超时" in row.last_error
    assert row.attempts == send_milestone_message.max_retries + 1 and not sent_to(worker)


def test_a_worker_killed_between_claim_and_send_is_made_good_once(
    register, worker, settings, django_capture_on_commit_callbacks
):
    """The acceptance test: claim, then die before sending; after the timeout the sweep re-queues the row and
    it is sent once; the first worker waking up finds its claim token gone and sends nothing, and even a send
    that reached the gateway with the row's key is not sent twice."""
    with django_capture_on_commit_callbacks(execute=False):  # the task is lost with the worker
        notify_complainant(register(), "accepted")
    row = MilestoneMessage.objects.get()
    dead_token = milestone_messages.claim(row.pk)  # worker 1 claims… and is killed here
    assert dead_token and MilestoneMessage.objects.get().state == State.SENDING
    assert milestone_messages.requeue_stale() == 0  # within the timeout nobody takes it over
    later = timezone.now() + timedelta(seconds=settings.MILESTONE_SMS_SENDING_TIMEOUT + 1)
    assert milestone_messages.requeue_stale(now=later) == 1  # the restarted worker sends it
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 2
    assert len(sent_to(worker)) == 1
    assert milestone_messages.send_claimed(row.pk, dead_token) == "claim lost"  # worker 1 wakes up
    send_sms(row.phone, row.text, reference=str(row.idempotency_key))  # …or had reached the gateway
    assert len(sent_to(worker)) == 1
    assert milestone_messages.requeue_stale(now=later + timedelta(hours=1)) == 0


def test_a_task_lost_at_commit_is_queued_by_the_sweep(register, worker, monkeypatch):
    def broker_down(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(send_milestone_message, "delay", broker_down)
    case = register()
    notify_complainant(case, "accepted")
    milestone_messages.enqueue(MilestoneMessage.objects.values_list("pk", flat=True))  # logged, not raised
    monkeypatch.setattr(send_milestone_message, "delay", lambda *a: send_milestone_message.apply(args=a))
    assert milestone_messages.requeue_stale() == 0
    assert milestone_messages.requeue_stale(now=timezone.now() + timedelta(minutes=3)) == 1
    assert MilestoneMessage.objects.get().state == State.SENT and len(sent_to(worker)) == 1


def test_a_worker_who_opted_out_gets_nothing(register, worker, django_capture_on_commit_callbacks):
    case = register()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_complainant(case, "accepted")  # queued while still wanted…
    worker.milestone_sms_opt_out = True
    worker.save(update_fields=["milestone_sms_opt_out"])
    for callback in callbacks:
        callback()  # …skipped at sending
    with django_capture_on_commit_callbacks(execute=True):
        assert not notify_person(worker, case, "filed")  # written skipped, never queued
    assert set(MilestoneMessage.objects.values_list("state", flat=True)) == {State.SKIPPED}
    assert not LoggingSMSBackend.sent


def test_the_admins_text_is_used_and_a_broken_one_falls_back(
    register, worker, caplog, django_capture_on_commit_callbacks
):
    case = register()
    assert MilestoneText.objects.filter(code="accepted").exists()  # seeded by the migration
    MilestoneText.objects.filter(code="accepted").update(
        text="您反映的问题（{number}）我们已受理，请耐心等候。"
    )
    MilestoneText.objects.filter(code="filed").update(text="立案了{unknown}")
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level("WARNING"):
        notify_complainant(case, "accepted")
        notify_complainant(case, "filed")
    assert sent_to(worker) == [
        f"【湘西人社】您反映的问题（{case.number}）我们已受理，请耐心等候。",
        f"【湘西人社】您的投诉（{case.number}）已立案调查。",
    ]
    assert "milestone text filed does not format" in caplog.text


def test_the_admin_rejects_a_text_with_an_unknown_placeholder(admin_client):
    text = MilestoneText.objects.get(code="accepted")
    url = reverse("admin:casework_milestonetext_change", args=[text.pk])
    response = admin_client.post(url, {"code": "accepted", "text": "您的{noun}（{numbr}）已受理。"})
    assert response.status_code == 200 and "占位符" in response.content.decode()
    text.refresh_from_db()
    assert "numbr" not in text.text


def test_the_send_log_shows_delivered_and_failed_with_numbers_masked(
    admin_client, register, worker, flaky, django_capture_on_commit_callbacks
):
    case = register()
    with django_capture_on_commit_callbacks(execute=True):
        notify_complainant(case, "accepted")
    flaky.failures, flaky.calls = 100, 0
    with django_capture_on_commit_callbacks(execute=True):
        notify_complainant(case, "filed")
    changelist = admin_client.get(reverse("admin:casework_milestonemessage_changelist")).content.decode()
    row = MilestoneMessage.objects.get(milestone="filed")
    detail = admin_client.get(
        reverse("admin:casework_milestonemessage_change", args=[row.pk])
    ).content.decode()
    for html in (changelist, detail):
        assert worker.phone not in html and worker.phone_masked in html
    assert "已发送" in changelist and "发送失败" in changelist


def test_the_worker_turns_the_sms_off_and_on_from_the_progress_page(client, register, worker):
    case = register()
    page = client.post(
        reverse("green:lookup"), {"case_number": case.number, "id_suffix": worker.id_number[-6:]}, follow=True
    ).content.decode()
    assert "不再接收办理进度短信" in page and "<script" not in page
    page = client.post(reverse("green:milestone-sms"), {"receive": "0"}, follow=True).content.decode()
    worker.refresh_from_db()
    assert worker.milestone_sms_opt_out and "恢复接收办理进度短信" in page
    client.post(reverse("green:milestone-sms"), {"receive": "1"})
    worker.refresh_from_db()
    assert not worker.milestone_sms_opt_out


def test_the_sms_choice_needs_a_verified_lookup_and_csrf(client, worker):
    from django.test import Client

    response = client.post(reverse("green:milestone-sms"), {"receive": "0"})
    assert response.status_code == 302 and response["Location"] == reverse("green:lookup")
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("green:milestone-sms"), {"receive": "0"}).status_code == 403
    worker.refresh_from_db()
    assert not worker.milestone_sms_opt_out
