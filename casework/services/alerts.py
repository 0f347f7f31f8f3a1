"""The deadline sweep: find deadlines due soon, due today and overdue on every open case, and alert.

Levels and who is told (recipients: ``casework.services.alert_recipients``):
  * ``due_soon``  — at most ``ALERT_DUE_SOON_WORKING_DAYS`` (3) working days left: the assignees;
  * ``due_today`` — due today: the assignees;
  * ``overdue``   — past the due date: the assignees and their unit head (and the director at once for a
    rule marked ``escalate_when_overdue``: a missed 督办 progress report, casework.supervision);
  * ``escalated`` — at least ``ALERT_ESCALATE_WORKING_DAYS`` (5) working days overdue: the assignees,
    the unit head and the director (督办).
A case nobody is assigned to yet (a complaint waiting to be accepted) alerts its unit heads from the
first level: they are the ones who assign it. Levels are not back-filled: a deadline first seen when
already overdue gets ``overdue``, not ``due_soon``, and one first seen already due for ``escalated`` gets
``escalated`` only (told to everyone ``overdue`` would have told, and the director).

Queries, not loops: the working-day boundaries are computed once per sweep for each jurisdiction (local
holidays differ) and each level is one query on the indexed ``(status, due_on)`` of the generic
``Deadline`` table, restricted to cases in an open state of every case model (``case_models()``), with
the alerts already raised excluded in SQL.

Exactly once: each (deadline, level, due date) has one ``DeadlineAlert`` (unique constraint). A sweep
inserts a batch of candidates with INSERT … ON CONFLICT DO NOTHING, tagged with its own token, and
RETURNING gives the rows it really inserted — the alerts it claimed — whose notifications it creates in
the same transaction. Two sweeps at once therefore never alert twice (the second insert waits for the
first to commit and then does nothing); a sweep that dies rolls back and the next one redoes its work; a
redelivered sweep message finds nothing left to claim. E-mail and SMS leave after commit through
``casework.tasks.send_notifications`` (50 per message); the sweep also re-queues any not sent a minute
after creation.

Many at once: a person who would be told of more than ``ALERT_SUMMARY_OVER`` (30) new alerts of one level on
one case type in one sweep — go-live, or the first sweep after the workers were down — gets one summary
notification with the count and a link to the list instead (``Summaries``); the alerts are raised all the same.
A summary counts the alerts this sweep claimed (committed), not those it found: after a worker killed mid-sweep,
the summary of the dead run and that of the re-run add up to the alerts raised.

Set-based: the assignees of every candidate are read once per sweep (one query per case type) and the
recipients' e-mail/SMS choices once (one query); then a batch of ``BATCH_SIZE`` alerts costs a fixed number
of statements whatever its size — one INSERT of the alerts, one INSERT of the notifications (and one of
summaries when some are due). The rows travel as one JSON parameter read
as a table by the database (``jsonb_array_elements`` on PostgreSQL, ``json_each`` on SQLite), so there
are no model instances and no per-row parameters; texts are formatted from phrases translated once per
sweep, working days are counted once per (due date, jurisdiction), and a case's link is built from its
pk (``_url_of_pk``) without reading the case.

Moved and stopped deadlines: only ``status=open`` deadlines are read, so met, cancelled and paused
(suspended, 中止) ones never alert. An approved extension or a resumption moves ``due_on``, and the due
date is part of the alert's key, so the new date alerts afresh when its time comes.

Here: the sweep and the delivery queue. Which deadlines: ``alert_candidates``; who is told and where the
link goes: ``alert_audiences`` (with ``alert_recipients``); the texts: ``alert_texts``; the set-based
inserts: ``alert_inserts``.
"""

import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casework.calendar.workdays import calendar_scope, get_calendar
from casework.models import Notification
from casework.services import alert_recipients as who
from casework.services.alert_audiences import CaseTypes, Recipients, Summaries
from casework.services.alert_candidates import (  # noqa: F401  (the sweep's API, used by notifications and tests)
    Boundaries,
    Candidate,
    boundaries_for,
    candidates,
    open_case_filter,
)
from casework.services.alert_inserts import insert_alerts, insert_notifications
from casework.services.alert_texts import AlertTexts

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000  # alerts claimed per transaction (a fixed number of statements each)
SEND_BATCH = 50  # notifications per send task
REDISPATCH_AFTER = timedelta(minutes=1)
REDISPATCH_BATCH = 500


# --- the sweep --------------------------------------------------------------------------------------
@dataclass
class SweepResult:
    today: date
    candidates: int = 0
    alerts: dict[str, int] = field(default_factory=dict)
    notifications: int = 0
    redispatched: int = 0

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "candidates": self.candidates,
            "alerts": dict(self.alerts),
            "notifications": self.notifications,
            "redispatched": self.redispatched,
        }


def _claim_batch(
    batch: list[Candidate],
    told: list[tuple[int, ...]],
    *,
    now: datetime,
    token: uuid.UUID,
    case_types: CaseTypes,
    recipients: Recipients,
    summaries: Summaries,
    texts: AlertTexts,
    result: SweepResult,
) -> None:
    """Claim one batch of alerts and create their notifications, in one transaction.

    ``told``: the recipients of each candidate of ``batch``. A fixed number of queries whatever the batch's
    size: the alerts' INSERT, the notifications' INSERT, the summaries' INSERT when one is due — and, only for
    a case model whose URL depends on more than its pk, its cases.
    """
    sms_levels = set(settings.ALERT_SMS_LEVELS)
    with transaction.atomic():
        claimed_ids = insert_alerts(batch, today=texts.today, now=now, token=token)
        claimed = [
            (c, users)
            for c, users in zip(batch, told, strict=True)
            if (c.deadline_id, c.level) in claimed_ids
        ]
        if not claimed:
            return
        ids_by_ct: dict[int, set[int]] = defaultdict(set)
        for c, _users in claimed:
            ids_by_ct[c.content_type_id].add(c.object_id)
        urls = {ct_id: case_types.case_urls(ct_id, ids) for ct_id, ids in ids_by_ct.items()}
        notification_rows, text_rows, nobody, summarised_here = [], [], [], Counter()
        for c, users in claimed:
            alert_id = claimed_ids[(c.deadline_id, c.level)]
            result.alerts[c.level] = result.alerts.get(c.level, 0) + 1
            if not users:
                nobody.append(alert_id)
                continue
            one_by_one, summarised = summaries.split(c, users)
            summarised_here.update(summarised)
            if not one_by_one:
                continue
            title, body = texts(c, case_types.labels.get(c.content_type_id, ""))
            url = urls.get(c.content_type_id, {}).get(c.object_id, "")
            index = len(text_rows)
            text_rows.append([title[:200], body, url[:300]])
            for user_id in one_by_one:
                email, sms = recipients.channels.get(user_id, (False, False))
                notification_rows.append(
                    [user_id, alert_id, c.level, email, sms and c.level in sms_levels, index]
                )
        if nobody:
            # One line per batch: a warning per alert (formatting each alert's label) was a third of the
            # sweep's time when a jurisdiction had no staff (docs/performance.md).
            logger.warning("%d alert(s): each has nobody to tell (ids %s…)", len(nobody), nobody[:20])
        created = insert_notifications(notification_rows, text_rows, now=now) if notification_rows else []
        result.notifications += summaries.record(
            summarised_here, case_types=case_types, recipients=recipients, texts=texts, now=now
        )
        to_send = [pk for pk, waiting in created if waiting]
        result.notifications += len(created)
        if to_send:
            transaction.on_commit(lambda: enqueue_delivery(to_send))
    summaries.commit()  # reached only when the batch's transaction committed


def sweep(
    *,
    today: date | None = None,
    now: datetime | None = None,
    soon_days: int | None = None,
    escalate_days: int | None = None,
) -> SweepResult:
    """Raise every alert due on ``today`` that has not been raised yet (safe to run concurrently)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    soon_days = settings.ALERT_DUE_SOON_WORKING_DAYS if soon_days is None else soon_days
    escalate_days = settings.ALERT_ESCALATE_WORKING_DAYS if escalate_days is None else escalate_days
    result = SweepResult(today=today)
    token = uuid.uuid4()
    with calendar_scope():
        found = candidates(today=today, soon_days=soon_days, escalate_days=escalate_days)
        result.candidates = len(found)
        if found:
            case_types = CaseTypes()
            staff = who.StaffDirectory.load(who.all_head_roles(case_types.models.values()))
            recipients = Recipients(staff, case_types, found)
            told = recipients.of(found)
            summaries = Summaries(found, told, recipients, over=settings.ALERT_SUMMARY_OVER)
            texts = AlertTexts(today, get_calendar())
            for start in range(0, len(found), BATCH_SIZE):
                _claim_batch(
                    found[start : start + BATCH_SIZE],
                    told[start : start + BATCH_SIZE],
                    now=now,
                    token=token,
                    case_types=case_types,
                    recipients=recipients,
                    summaries=summaries,
                    texts=texts,
                    result=result,
                )
            if summaries.to_send:
                # the summaries carry the whole sweep's count: sent once every batch has committed
                to_send = list(summaries.to_send)
                transaction.on_commit(lambda: enqueue_delivery(to_send))
    result.redispatched = redispatch_undelivered(now=now)
    logger.info("deadline sweep %s: %s", today, result.as_dict())
    return result


# --- delivery queue ---------------------------------------------------------------------------------
def enqueue_delivery(notification_ids) -> None:
    """Queue the sending, SEND_BATCH notifications per message; a lost message is re-queued by the next sweep.

    Batches keep a backlog (the first sweep after go-live, a broker outage) to a few hundred messages
    instead of one per person; several workers still share the work batch by batch.
    """
    from casework.tasks import send_notifications

    ids = list(notification_ids)
    for start in range(0, len(ids), SEND_BATCH):
        chunk = ids[start : start + SEND_BATCH]
        try:
            send_notifications.delay(chunk)
        except Exception:  # broker down: the sweep re-dispatches undelivered notifications
            logger.exception("could not queue %d notifications; the next sweep will retry", len(chunk))


def redispatch_undelivered(*, now: datetime | None = None) -> int:
    """Re-queue notifications still not sent a minute after creation whose sender is not at work."""
    from casework.services.notifications import DISPATCH_LEASE, MAX_DISPATCH_ATTEMPTS

    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            dispatched_at__isnull=True,
            created_at__lt=now - REDISPATCH_AFTER,
            dispatch_attempts__lt=MAX_DISPATCH_ATTEMPTS,
        )
        .filter(Q(dispatch_claimed_at__isnull=True) | Q(dispatch_claimed_at__lt=now - DISPATCH_LEASE))
        .order_by("created_at")
        .values_list("pk", flat=True)[:REDISPATCH_BATCH]
    )
    if ids:
        transaction.on_commit(lambda: enqueue_delivery(ids))
    return len(ids)
