"""Sending milestone messages (``MilestoneMessage`` rows written by ``casework.services.notify_public``).

Each row is sent at most once, even when a Celery worker dies mid-send:
  1. ``enqueue`` — after the commit of the change, one ``send_milestone_message`` task per row;
  2. ``claim`` — ``UPDATE … SET state='sending', claim_token=<new>, claimed_at=now WHERE id=? AND
     state='queued'``: whoever updates no row stops;
  3. ``send_claimed`` — re-reads the row; only the holder of the current claim token sends, through
     ``casework.sms`` with the row's idempotency key as the client reference, then marks it sent (again
     only while its token holds). A gateway error puts the row back to ``queued`` and the task is retried
     with exponential back-off (``MILESTONE_SMS_MAX_RETRIES``); the last attempt marks it ``failed``;
  4. ``requeue_stale`` (beat, every minute) — a row left ``sending`` longer than
     ``MILESTONE_SMS_SENDING_TIMEOUT`` seconds (its worker died) goes back to ``queued`` with a new claim, and
     any ``queued`` row whose task was lost (broker down at commit) is queued again. A worker that "wakes up"
     after that finds its claim token replaced and sends nothing; if it had reached the gateway already, the
     idempotency key makes the gateway answer the first receipt instead of sending again (casework/sms.py says
     what a real gateway must support for this).
A person who opted out since the row was written is skipped at sending time too.
"""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from casework.models import MilestoneMessage
from casework.sms import send_sms

logger = logging.getLogger(__name__)
State = MilestoneMessage.State
LOST_TASK_GRACE = timedelta(minutes=2)  # a queued row older than this with no task running is re-queued


def _sending_timeout() -> timedelta:
    return timedelta(seconds=settings.MILESTONE_SMS_SENDING_TIMEOUT)


def enqueue(message_ids) -> None:
    """Queue one sending task per row (after commit). A broker error is logged; the sweep queues it later."""
    from casework.tasks import send_milestone_message

    for message_id in message_ids:
        try:
            send_milestone_message.delay(message_id)
        except Exception:  # noqa: BLE001 — never fail the committed change for a broker hiccup
            logger.warning(
                "milestone message %s not queued; the sweep will queue it", message_id, exc_info=True
            )


def claim(message_id: int, *, now: datetime | None = None) -> str | None:
    """Take the row for sending; returns the claim token, or None when someone else has it (or it is done)."""
    token = secrets.token_hex(16)
    claimed = MilestoneMessage.objects.filter(pk=message_id, state=State.QUEUED).update(
        state=State.SENDING,
        claim_token=token,
        claimed_at=now or timezone.now(),
        attempts=F("attempts") + 1,
    )
    return token if claimed else None


def _finish(message_id: int, token: str, **fields) -> bool:
    return bool(
        MilestoneMessage.objects.filter(pk=message_id, state=State.SENDING, claim_token=token).update(
            **fields
        )
    )


def send_claimed(message_id: int, token: str, *, final: bool = False, retry_in: float = 0) -> str:
    """Send the claimed row if ``token`` still holds it. Re-raises a gateway error unless ``final``."""
    message = MilestoneMessage.objects.select_related("person").get(pk=message_id)
    if message.state != State.SENDING or message.claim_token != token:
        return "claim lost"
    if message.person.milestone_sms_opt_out:
        _finish(message_id, token, state=State.SKIPPED, claim_token="")
        return "skipped"
    try:
        receipt = send_sms(message.phone, message.text, reference=str(message.idempotency_key))
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
        logger.warning("milestone message %s to %s failed: %s", message_id, message.phone_masked, error)
        if final:
            _finish(message_id, token, state=State.FAILED, claim_token="", last_error=error)
            return "failed"
        _finish(
            message_id,
            token,
            state=State.QUEUED,
            claim_token="",
            last_error=error,
            next_attempt_at=timezone.now() + timedelta(seconds=retry_in),
        )
        raise
    _finish(
        message_id,
        token,
        state=State.SENT,
        claim_token="",
        sent_at=timezone.now(),
        gateway_reference=receipt[:100],
        last_error="",
    )
    return "sent"


def deliver(message_id: int, *, final: bool = False, retry_in: float = 0) -> str:
    """Claim and send one row (the task's body). Returns what happened."""
    token = claim(message_id)
    if token is None:
        return "not claimable"
    return send_claimed(message_id, token, final=final, retry_in=retry_in)


def requeue_stale(*, now: datetime | None = None) -> int:
    """Give back rows whose sender died mid-send, queue rows whose task was lost. Returns how many queued."""
    now = now or timezone.now()
    dead = MilestoneMessage.objects.filter(state=State.SENDING, claimed_at__lt=now - _sending_timeout())
    stuck = list(dead.values_list("pk", flat=True)[:500])
    if stuck:
        dead.filter(pk__in=stuck).update(state=State.QUEUED, claim_token="", next_attempt_at=now)
    due = Q(next_attempt_at__isnull=True, created_at__lt=now - LOST_TASK_GRACE) | Q(
        next_attempt_at__lte=now - LOST_TASK_GRACE
    )
    lost = MilestoneMessage.objects.filter(state=State.QUEUED).filter(due).exclude(pk__in=stuck)
    ids = stuck + list(lost.values_list("pk", flat=True)[:500])
    enqueue(ids)
    return len(ids)
