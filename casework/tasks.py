"""Celery tasks: thin wrappers around services, each safe to run twice.

Every task is acknowledged late (``acks_late``) and handed back to the broker when its worker dies
(``reject_on_worker_lost``) — set globally in config/settings.py and repeated here so that it holds
whatever the settings say. A redelivered task must therefore do no harm:
  * ``sweep_deadlines`` — each (deadline, level, due date) is claimed once by a unique constraint;
    a second run finds nothing left to claim; a lost run is made good by the next one (every few minutes);
  * ``send_notification`` / ``send_notifications`` (a batch) — claim each notification with a conditional
    update and stamp each channel, so nothing is sent twice; a lost message is re-queued by the next sweep;
  * ``daily_digest`` — one digest per user and day (unique constraint), sent through ``send_notification``;
  * ``generate_open_data`` — rebuilds the open-data snapshot from the records; each file is replaced whole;
  * ``flush_lookup_log`` — moves buffered green-channel lookup-log rows to the table; rows are taken from the
    buffer as they are written, so a second run finds the rows already moved gone.
"""

from celery import shared_task
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


@shared_task(name="casework.tasks.generate_open_data", **TASK_OPTIONS)
def generate_open_data() -> int:
    """Rebuild the public open data of closed cases (beat: nightly, 02:30 Asia/Shanghai)."""
    from casework.public import open_data

    return len(open_data.generate()["rows"])
