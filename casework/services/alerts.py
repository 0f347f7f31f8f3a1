"""The deadline sweep: find deadlines due soon, due today and overdue on every open case, and alert.

Levels and who is told (recipients: ``casework.services.alert_recipients``):
  * ``due_soon``  — at most ``ALERT_DUE_SOON_WORKING_DAYS`` (3) working days left: the assignees;
  * ``due_today`` — due today: the assignees;
  * ``overdue``   — past the due date: the assignees and their unit head;
  * ``escalated`` — at least ``ALERT_ESCALATE_WORKING_DAYS`` (5) working days overdue: the assignees,
    the unit head and the director (督办).
A case nobody is assigned to yet (a complaint waiting to be accepted) alerts its unit heads from the
first level: they are the ones who assign it. Levels are not back-filled: a deadline first seen when
already overdue gets ``overdue`` (and ``escalated`` if due), not ``due_soon``.

Queries, not loops: the working-day boundaries are computed once per sweep for each jurisdiction (local
holidays differ) and each level is one query on the indexed ``(status, due_on)`` of the generic
``Deadline`` table, restricted to cases in an open state of every case model (``case_models()``), with
the alerts already raised excluded in SQL.

Exactly once: each (deadline, level, due date) has one ``DeadlineAlert`` (unique constraint). A sweep
inserts its candidates with INSERT … ON CONFLICT DO NOTHING, tagged with its own token, then reads back
the rows carrying its token — the alerts it really claimed — and creates their notifications in the same
transaction. Two sweeps at once therefore never alert twice (the second insert waits for the first to
commit and then does nothing); a sweep that dies rolls back and the next one redoes its work; a
redelivered sweep message finds nothing left to claim. E-mail and SMS leave after commit through
``casework.tasks.send_notifications`` (50 per message); the sweep also re-queues any not sent a minute
after creation.

Moved and stopped deadlines: only ``status=open`` deadlines are read, so met, cancelled and paused
(suspended, 中止) ones never alert. An approved extension or a resumption moves ``due_on``, and the due
date is part of the alert's key, so the new date alerts afresh when its time comes.
"""

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.calendar.workdays import (
    ONE_DAY,
    WorkCalendar,
    add_working_days,
    calendar_scope,
    get_calendar,
    working_days_between,
)
from casework.case_types import case_models
from casework.models import AlertLevel, Deadline, DeadlineAlert, Jurisdiction, Notification
from casework.services import alert_recipients as who

logger = logging.getLogger(__name__)

BATCH_SIZE = 200  # alerts claimed per transaction
SEND_BATCH = 50  # notifications per send task
REDISPATCH_AFTER = timedelta(minutes=1)
REDISPATCH_BATCH = 500


@dataclass(frozen=True)
class Boundaries:
    """The due dates that mark each level on ``today`` in one jurisdiction's working-day calendar."""

    today: date
    soon_until: date  # the latest due date with at most N working days left
    escalate_until: date  # the latest due date at least M working days overdue


def boundaries_for(
    today: date, jurisdiction_id, *, soon_days: int, escalate_days: int, calendar: WorkCalendar | None = None
) -> Boundaries:
    """Date boundaries consistent with ``working_days_between``:

    ``due_on <= soon_until``     ⇔ ``working_days_between(today, due_on) <= soon_days``;
    ``due_on <= escalate_until`` ⇔ ``working_days_between(due_on, today) >= escalate_days``.
    """
    calendar = calendar or get_calendar()
    soon_until = add_working_days(today, soon_days + 1, jurisdiction_id, calendar=calendar) - ONE_DAY
    counted, day = 0, today
    while counted < max(escalate_days, 1):
        if calendar.is_working_day(day, jurisdiction_id):
            counted += 1
        day -= ONE_DAY
    return Boundaries(today=today, soon_until=soon_until, escalate_until=day)


def open_case_filter() -> Q | None:
    """Deadlines that belong to a case of any type that is still in an open state (one subquery each)."""
    q = None
    for model in case_models():
        manager = model._default_manager
        if model.OPEN_STATES:
            open_cases = manager.filter(state__in=list(model.OPEN_STATES))
        else:  # a case type without declared open states: open until closed
            open_cases = manager.filter(closed_at__isnull=True)
        part = Q(content_type=ContentType.objects.get_for_model(model), object_id__in=open_cases.values("pk"))
        q = part if q is None else q | part
    return q


def _level_filters(today: date, groups: dict[Boundaries, list[int]]) -> dict[str, Q]:
    soon, escalated = Q(pk__in=[]), Q(pk__in=[])
    for bounds, jurisdiction_ids in groups.items():
        soon |= Q(jurisdiction_id__in=jurisdiction_ids, due_on__gt=today, due_on__lte=bounds.soon_until)
        escalated |= Q(jurisdiction_id__in=jurisdiction_ids, due_on__lte=bounds.escalate_until)
    return {
        AlertLevel.DUE_SOON: soon,
        AlertLevel.DUE_TODAY: Q(due_on=today),
        AlertLevel.OVERDUE: Q(due_on__lt=today),
        AlertLevel.ESCALATED: escalated,
    }


def pending_alerts(*, today: date, soon_days: int, escalate_days: int) -> list[tuple[Deadline, str]]:
    """(deadline, level) pairs due on ``today`` and not raised yet, ordered by deadline id and level."""
    open_cases = open_case_filter()
    if open_cases is None:
        return []
    calendar = get_calendar()
    groups: dict[Boundaries, list[int]] = defaultdict(list)
    for jurisdiction_id in Jurisdiction.objects.values_list("id", flat=True):
        bounds = boundaries_for(
            today, jurisdiction_id, soon_days=soon_days, escalate_days=escalate_days, calendar=calendar
        )
        groups[bounds].append(jurisdiction_id)
    base = Deadline.objects.filter(status=Deadline.Status.OPEN).filter(open_cases)
    found = []
    for level, condition in _level_filters(today, groups).items():
        raised = DeadlineAlert.objects.filter(deadline=OuterRef("pk"), level=level, due_on=OuterRef("due_on"))
        for deadline in base.filter(condition).filter(~Exists(raised)).order_by("pk"):
            found.append((deadline, level))
    found.sort(key=lambda pair: (pair[0].pk, AlertLevel.values.index(pair[1])))
    return found


# --- texts ------------------------------------------------------------------------------------------
def _days_between(a: date, b: date, jurisdiction_id, cache: dict) -> int:
    """``working_days_between`` remembered for the sweep: many deadlines share a due date."""
    key = (a, b, jurisdiction_id)
    if key not in cache:
        cache[key] = working_days_between(a, b, jurisdiction_id, calendar=get_calendar())
    return cache[key]


def _alert_text(level: str, deadline: Deadline, type_label: str, today: date, cache: dict) -> tuple[str, str]:
    due = deadline.due_on
    due_text = f"{due.year}年{due.month}月{due.day}日"
    subject = f"{deadline.case_number} {deadline.title}"
    phrase = _("%(number)s的%(title)s") % {"number": deadline.case_number, "title": deadline.title}
    article = _("（依据：%(article)s）") % {"article": deadline.article} if deadline.article else ""
    if level == AlertLevel.DUE_SOON:
        left = _days_between(today, due, deadline.jurisdiction_id, cache)
        title = _("期限即将届满：%(s)s") % {"s": subject}
        body = _("%(type)s%(s)s将于%(due)s届满，还剩%(n)d个工作日，请及时办理。") % {
            "type": type_label,
            "s": phrase,
            "due": due_text,
            "n": left,
        }
    elif level == AlertLevel.DUE_TODAY:
        title = _("今日到期：%(s)s") % {"s": subject}
        body = _("%(type)s%(s)s今日（%(due)s）届满，请在今日内办结。") % {
            "type": type_label,
            "s": phrase,
            "due": due_text,
        }
    else:
        late = _days_between(due, today, deadline.jurisdiction_id, cache)
        if level == AlertLevel.OVERDUE:
            title = _("已超期：%(s)s") % {"s": subject}
            body = _("%(type)s%(s)s已于%(due)s届满，已超期%(n)d个工作日，请立即处理；已同时告知负责人。")
        else:
            title = _("超期督办：%(s)s") % {"s": subject}
            body = _("%(type)s%(s)s已于%(due)s届满，已超期%(n)d个工作日，已报局领导督办。")
        body = body % {"type": type_label, "s": phrase, "due": due_text, "n": late}
    return title, body + article


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


def _recipients(level: str, case_id: int, jurisdiction_id: int, *, assignees, heads_roles, staff) -> set[int]:
    assigned = assignees.get(case_id, set())
    heads = staff.heads(jurisdiction_id, heads_roles)
    if level in (AlertLevel.DUE_SOON, AlertLevel.DUE_TODAY):
        return set(assigned) or heads
    recipients = set(assigned) | heads
    if level == AlertLevel.ESCALATED:
        recipients |= staff.directors(jurisdiction_id)
    return recipients


def _channel_choices(user_ids: set[int]) -> dict[int, tuple[bool, bool]]:
    """(e-mail?, SMS?) per user, from their address and preferences (one query)."""
    from casework.models import User

    out = {}
    rows = User.objects.filter(pk__in=user_ids).values_list(
        "pk",
        "email",
        "notification_preference__email_enabled",
        "notification_preference__sms_enabled",
        "notification_preference__mobile",
    )
    for pk, email, email_on, sms_on, mobile in rows:
        out[pk] = (bool(email) and email_on is not False, bool(sms_on and mobile))
    return out


def _claim_batch(
    pairs, *, today: date, now: datetime, token: uuid.UUID, staff, result: SweepResult, day_counts: dict
) -> None:
    """Claim one batch of alerts and create their notifications, in one transaction."""
    sms_levels = set(settings.ALERT_SMS_LEVELS)
    with transaction.atomic():
        DeadlineAlert.objects.bulk_create(
            [
                DeadlineAlert(
                    deadline_id=d.pk,
                    level=level,
                    due_on=d.due_on,
                    content_type_id=d.content_type_id,
                    object_id=d.object_id,
                    case_number=d.case_number,
                    raised_on=today,
                    sweep=token,
                    created_at=now,
                )
                for d, level in pairs
            ],
            ignore_conflicts=True,
        )
        by_key = {(d.pk, level): d for d, level in pairs}
        claimed = [
            alert
            for alert in DeadlineAlert.objects.filter(sweep=token, deadline_id__in={d.pk for d, _l in pairs})
            if (alert.deadline_id, alert.level) in by_key
        ]
        if not claimed:
            return
        # The cases, their assignees and URLs: one query per case type in the batch.
        ids_by_ct: dict[int, set[int]] = defaultdict(set)
        for alert in claimed:
            ids_by_ct[alert.content_type_id].add(alert.object_id)
        cases, assignees, head_roles = {}, {}, {}
        for ct_id, ids in ids_by_ct.items():
            model = ContentType.objects.get_for_id(ct_id).model_class()
            for pk, case in model._default_manager.in_bulk(list(ids)).items():
                cases[(ct_id, pk)] = case
            assignees[ct_id] = who.assignees_by_case(model, ids)
            head_roles[ct_id] = who.head_roles_for(model)
        planned, nobody = [], []
        for alert in claimed:
            deadline = by_key[(alert.deadline_id, alert.level)]
            case = cases.get((alert.content_type_id, alert.object_id))
            type_label = str(getattr(case, "TYPE_LABEL", "")) if case is not None else ""
            url = case.get_absolute_url() if case is not None and hasattr(case, "get_absolute_url") else ""
            title, body = _alert_text(alert.level, deadline, type_label, today, day_counts)
            users = _recipients(
                alert.level,
                alert.object_id,
                deadline.jurisdiction_id,
                assignees=assignees[alert.content_type_id],
                heads_roles=head_roles[alert.content_type_id],
                staff=staff,
            )
            if not users:
                nobody.append(alert.pk)
            planned.append((alert, title, body, url, users))
            result.alerts[alert.level] = result.alerts.get(alert.level, 0) + 1
        if nobody:
            # One line per batch: a warning per alert (formatting each alert's label) was a third of the
            # sweep's time when a jurisdiction had no staff (docs/performance.md).
            logger.warning("%d alert(s): each has nobody to tell (ids %s…)", len(nobody), nobody[:20])
        channels = _channel_choices({u for *_rest, users in planned for u in users})
        notifications = []
        for alert, title, body, url, users in planned:
            for user_id in sorted(users):
                email, sms = channels.get(user_id, (False, False))
                sms = sms and alert.level in sms_levels
                notifications.append(
                    Notification(
                        recipient_id=user_id,
                        kind=Notification.Kind.DEADLINE,
                        alert=alert,
                        level=alert.level,
                        title=title[:200],
                        body=body,
                        url=url[:300],
                        created_at=now,
                        email=email,
                        sms=sms,
                        dispatched_at=None if (email or sms) else now,
                    )
                )
        created = Notification.objects.bulk_create(notifications)
        to_send = [n.pk for n in created if n.dispatched_at is None]
        result.notifications += len(created)
        transaction.on_commit(lambda: enqueue_delivery(to_send))


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
        pairs = pending_alerts(today=today, soon_days=soon_days, escalate_days=escalate_days)
        result.candidates = len(pairs)
        if pairs:
            staff = who.StaffDirectory.load(who.all_head_roles(case_models()))
            day_counts: dict = {}
            for start in range(0, len(pairs), BATCH_SIZE):
                _claim_batch(
                    pairs[start : start + BATCH_SIZE],
                    today=today,
                    now=now,
                    token=token,
                    staff=staff,
                    result=result,
                    day_counts=day_counts,
                )
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
