"""Celery tasks: thin wrappers around services, each safe to run twice.

Every task is acknowledged late (``acks_late``) and handed back to the broker when its worker dies
(``reject_on_worker_lost``) — set globally in config/settings.py and repeated here so that it holds
whatever the settings say. A redelivered task must therefore do no harm:
  * ``sweep_deadlines`` — each (deadline, level, due date) is claimed once by a unique constraint;
    a second run finds nothing left to claim; a lost run is made good by the next one (every few minutes);
  * ``send_notification`` / ``send_notifications`` (a batch) — claim each notification with a conditional
    update and stamp each channel, so nothing is sent twice; a lost message is re-queued by the next sweep;
  * ``daily_digest`` — one digest per user and day (unique constraint), sent through ``send_notification``;
  * ``send_lookup_code`` — a green-channel one-time code; a code sent to the phone in the last minute makes a
    second run send nothing;
  * ``write_audit_digest`` — one digest file per day, never overwritten: a second run finds it written;
  * ``flush_view_audit`` — the same for the staff view audit's buffered rows;
  * ``verify_evidence`` — re-hashes evidence files from a signed cursor; a second run carries on where it stopped;
  * ``generate_open_data`` — rebuilds the open-data snapshot from the records; each file is replaced whole;
  * ``send_milestone_message`` — claims its ``MilestoneMessage`` row with a conditional update and a claim
    token, sends with the row's idempotency key; a second run finds the row sent (or claimed) and stops;
    a gateway error is retried with exponential back-off (``MILESTONE_SMS_MAX_RETRIES``);
  * ``requeue_milestone_messages`` — puts rows left "sending" by a dead worker back in the queue; running it
    twice queues a row twice, and the claim lets only one of the tasks send;
  * ``flush_lookup_log`` — moves buffered green-channel lookup-log rows to the table; rows are taken from the
    buffer as they are written, so a second run finds the rows already moved gone.
"""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from casework.services import alerts, notifications

TASK_OPTIONS = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


@shared_task(name="casework.tasks.sweep_deadlines", **TASK_OPTIONS)
def sweep_deadlines() -> dict:
    """Raise the deadline alerts due today (beat: every ALERT_SWEEP_MINUTES minutes)."""
    return alerts.sweep(today=timezone.localdate(), now=timezone.now()).as_dict()


@shared_task(name="casework.tasks.send_notification", **TASK_OPTIONS)
def send_notification(notification_id: int) -> str:
    """Send one notification's e-mail / SMS if not sent yet."""
    return notifications.deliver_notification(notification_id=notification_id)


@shared_task(name="casework.tasks.send_notifications", **TASK_OPTIONS)
def send_notifications(notification_ids: list[int]) -> dict:
    """``send_notification`` for a batch (what the sweep queues: one message per batch, not per person)."""
    outcomes: dict[str, int] = {}
    for notification_id in notification_ids:
        outcome = notifications.deliver_notification(notification_id=notification_id)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


@shared_task(name="casework.tasks.daily_digest", **TASK_OPTIONS)
def daily_digest() -> int:
    """One e-mail per user summarising their open alerts (beat: 08:30 Asia/Shanghai)."""
    return notifications.send_daily_digests(today=timezone.localdate(), now=timezone.now())


@shared_task(name="casework.tasks.flush_lookup_log", **TASK_OPTIONS)
def flush_lookup_log() -> int:
    """Move the green channel's buffered lookup-log rows to the table (beat: every minute)."""
    from casework.public import lookup_log

    return lookup_log.flush()


@shared_task(name="casework.tasks.send_lookup_code", **TASK_OPTIONS)
def send_lookup_code(phone: str, ip: str) -> bool:
    """The green channel's one-time code for the phone lookup, queued by the request (which does the same work
    for every phone): made and sent only if the phone has cases."""
    from casework.public import services

    return services.code_issue(phone=phone, ip=ip)


@shared_task(name="casework.tasks.write_audit_digest", **TASK_OPTIONS)
def write_audit_digest() -> str:
    """Write today's signed digest of every case head outside the database (beat: daily, AUDIT_DIGEST_TIME)."""
    from casework.case_types import chained_models
    from casework.services.audit_digest import write_digest

    path = write_digest(chained_models())
    return path.name if path else "exists"


@shared_task(name="casework.tasks.verify_evidence", **TASK_OPTIONS)
def verify_evidence() -> int:
    """Nightly evidence fixity (beat: EVIDENCE_FIXITY_TIME): re-hash the next batch of stored files, flag every
    changed or missing one on its case. Returns the number of problems found."""
    from django.conf import settings

    from casework.services.evidence_fixity import verify_evidence as run

    return len(run(limit=settings.EVIDENCE_FIXITY_BATCH).problems)


@shared_task(name="casework.tasks.flush_view_audit", **TASK_OPTIONS)
def flush_view_audit() -> int:
    """Move the staff view audit's buffered rows to the table (beat: every minute)."""
    from casework.services import view_audit

    return view_audit.flush()


@shared_task(name="casework.tasks.generate_open_data", **TASK_OPTIONS)
def generate_open_data() -> int:
    """Rebuild the public open data of closed cases (beat: nightly, 02:30 Asia/Shanghai)."""
    from casework.public import open_data

    return len(open_data.generate()["rows"])


@shared_task(
    bind=True,
    name="casework.tasks.send_milestone_message",
    autoretry_for=(Exception,),
    retry_backoff=settings.MILESTONE_SMS_RETRY_BACKOFF,
    retry_backoff_max=600,
    retry_jitter=False,
    max_retries=settings.MILESTONE_SMS_MAX_RETRIES,
    **TASK_OPTIONS,
)
def send_milestone_message(self, message_id: int) -> str:
    """Send one milestone SMS (queued after the commit of the change that reached the milestone)."""
    from casework.services import milestone_messages

    retries = self.request.retries or 0
    return milestone_messages.deliver(
        message_id,
        final=retries >= self.max_retries,
        retry_in=min(settings.MILESTONE_SMS_RETRY_BACKOFF * 2**retries, 600),
    )


@shared_task(name="casework.tasks.requeue_milestone_messages", **TASK_OPTIONS)
def requeue_milestone_messages() -> int:
    """Re-queue milestone messages whose worker died mid-send or whose task was lost (beat: every minute)."""
    from casework.services import milestone_messages

    return milestone_messages.requeue_stale()
