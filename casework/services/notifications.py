"""Staff notifications: sending them out (e-mail, SMS), marking them read, the daily digest.

Sending is idempotent, so a redelivered or repeated ``send_notification(s)`` task sends nothing twice:
  1. claim — ``UPDATE … SET dispatch_claimed_at = now WHERE id = ? AND dispatched_at IS NULL AND (no
     claim or the claim's lease ran out)``; whoever updates no row stops here;
  2. send each wanted channel not sent yet and stamp it (``email_sent_at``, ``sms_sent_at``), each with a
     conditional update;
  3. stamp ``dispatched_at``. A sender that dies between 1 and 3 leaves the lease to expire; the sweep
     then re-queues the notification and only the channels not yet stamped go out. A channel that fails
     is retried by later sweeps, up to ``MAX_DISPATCH_ATTEMPTS`` times, then given up (``dispatch_error``).
"""

import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import channels
from casework.models import AlertLevel, Deadline, Notification, NotificationPreference, User
from casework.models.notifications import LEVEL_RANK

logger = logging.getLogger(__name__)

DISPATCH_LEASE = timedelta(minutes=10)
MAX_DISPATCH_ATTEMPTS = 5


def deliver_notification(*, notification_id: int, now: datetime | None = None) -> str:
    """Send one notification's e-mail and SMS if not sent yet. Returns what happened (for the log)."""
    now = now or timezone.now()
    claimable = Q(dispatch_claimed_at__isnull=True) | Q(dispatch_claimed_at__lt=now - DISPATCH_LEASE)
    claimed = (
        Notification.objects.filter(pk=notification_id, dispatched_at__isnull=True)
        .filter(claimable)
        .update(dispatch_claimed_at=now, dispatch_attempts=F("dispatch_attempts") + 1)
    )
    if not claimed:
        return "skipped"
    notification = Notification.objects.select_related("recipient", "recipient__notification_preference").get(
        pk=notification_id
    )
    errors = []
    for wanted, stamp, send in (
        (notification.email, "email_sent_at", channels.send_email),
        (notification.sms, "sms_sent_at", channels.send_sms),
    ):
        if not wanted or getattr(notification, stamp) is not None:
            continue
        try:
            sent = send(notification)
        except Exception as exc:  # any gateway error: keep the notification for a later attempt
            logger.warning("notification %s: %s failed: %s", notification_id, stamp[:-8], exc)
            errors.append(f"{stamp[:-8]}: {exc}"[:150])
            continue
        if sent:  # False: no address or turned off since; nothing to send, nothing to stamp
            Notification.objects.filter(pk=notification_id, **{f"{stamp}__isnull": True}).update(
                **{stamp: timezone.now()}
            )
    if errors and notification.dispatch_attempts < MAX_DISPATCH_ATTEMPTS:
        Notification.objects.filter(pk=notification_id).update(
            dispatch_claimed_at=None, dispatch_error="; ".join(errors)[:300]
        )
        return "retry"
    Notification.objects.filter(pk=notification_id, dispatched_at__isnull=True).update(
        dispatched_at=timezone.now(), dispatch_claimed_at=None, dispatch_error="; ".join(errors)[:300]
    )
    return "given up" if errors else "sent"


# --- reading ----------------------------------------------------------------------------------------
def notification_mark_read(*, user, notification_id: int, now: datetime | None = None) -> Notification:
    """Mark one of ``user``'s notifications read (someone else's does not exist for them)."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user, now: datetime | None = None) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


@transaction.atomic
def notification_preference_update(
    *, user, email_enabled: bool, digest_enabled: bool, sms_enabled: bool, mobile: str = ""
) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.get_or_create(user=user)
    pref.email_enabled, pref.digest_enabled = email_enabled, digest_enabled
    pref.sms_enabled, pref.mobile = sms_enabled, mobile or ""
    pref.full_clean()
    pref.save()
    return pref


# --- the daily digest -------------------------------------------------------------------------------
def open_alert_rows(user_ids=None):
    """Each user's alerts on deadlines still running at the date they were raised for, on open cases."""
    from casework.services.alerts import open_case_filter

    open_cases = open_case_filter()
    if open_cases is None:
        return Notification.objects.none()
    running = Deadline.objects.filter(status=Deadline.Status.OPEN).filter(open_cases)
    qs = Notification.objects.filter(
        kind=Notification.Kind.DEADLINE,
        alert__deadline__in=running,
        alert__due_on=F("alert__deadline__due_on"),
        recipient__is_active=True,
    )
    if user_ids is not None:
        qs = qs.filter(recipient_id__in=user_ids)
    return qs


def _digest_body(items: list[dict], today: date, summaries: list[tuple[str, str]] = ()) -> str:
    n = len(items) + len(summaries)
    lines = [_("截至%(date)s，您有%(n)d项案件期限需要关注：") % {"date": today.isoformat(), "n": n}]
    for title, url in summaries:
        lines.append(_("· %(title)s %(url)s") % {"title": title, "url": channels.absolute_url(url)})
    for item in items:
        lines.append(
            _("· [%(level)s] %(number)s %(title)s，到期日%(due)s %(url)s")
            % {
                "level": AlertLevel(item["level"]).label,
                "number": item["number"],
                "title": item["title"],
                "due": item["due"].isoformat(),
                "url": channels.absolute_url(item["url"]),
            }
        )
    return "\n".join(lines)


def send_daily_digests(*, today: date | None = None, now: datetime | None = None) -> int:
    """One e-mail per user summarising their open alerts (once a day: unique per user and date).

    Users without an e-mail address or who turned the digest off get none; their alerts stay under
    the bell. The digest is recorded as an already-read notification, so it does not ring the bell.
    """
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    per_user: dict[int, dict[int, dict]] = defaultdict(dict)
    rows = open_alert_rows().values_list(
        "recipient_id",
        "alert__deadline_id",
        "alert__level",
        "alert__case_number",
        "alert__deadline__title",
        "alert__deadline__due_on",
        "url",
    )
    for user_id, deadline_id, level, number, title, due, url in rows:
        current = per_user[user_id].get(deadline_id)
        if current is None or LEVEL_RANK[level] > LEVEL_RANK[current["level"]]:
            per_user[user_id][deadline_id] = {
                "level": level,
                "number": number,
                "title": title,
                "due": due,
                "url": url,
            }
    # Alerts told in one summary (services/alerts.py: Summaries) are listed by that summary until it is read.
    summaries: dict[int, list[tuple[str, str]]] = defaultdict(list)
    unread_summaries = Notification.objects.filter(
        kind=Notification.Kind.SUMMARY, read_at__isnull=True, recipient__is_active=True
    ).order_by("created_at", "id")
    for user_id, title, url in unread_summaries.values_list("recipient_id", "title", "url"):
        summaries[user_id].append((title, url))
    if not per_user and not summaries:
        return 0
    wanted = set(
        User.objects.filter(pk__in=per_user.keys() | summaries.keys(), is_active=True)
        .exclude(email="")
        .exclude(notification_preference__digest_enabled=False)
        .exclude(notification_preference__email_enabled=False)
        .values_list("pk", flat=True)
    )
    digests = []
    for user_id in sorted(wanted):
        items = sorted(per_user[user_id].values(), key=lambda i: (i["due"], i["number"]))
        n = len(items) + len(summaries[user_id])
        digests.append(
            Notification(
                recipient_id=user_id,
                kind=Notification.Kind.DIGEST,
                digest_on=today,
                title=_("每日期限提醒摘要（%(date)s）：%(n)d项") % {"date": today.isoformat(), "n": n},
                body=_digest_body(items, today, summaries[user_id]),
                created_at=now,
                read_at=now,
                email=True,
            )
        )
    with transaction.atomic():
        Notification.objects.bulk_create(digests, ignore_conflicts=True)
        ids = list(
            Notification.objects.filter(
                kind=Notification.Kind.DIGEST, digest_on=today, dispatched_at__isnull=True
            ).values_list("pk", flat=True)
        )
        from casework.services.alerts import enqueue_delivery

        transaction.on_commit(lambda: enqueue_delivery(ids))
    return len(ids)


# --- notifications raised by a case type's own monitoring -----------------------------------------------
def notify_staff(messages, *, kind: str = Notification.Kind.WARNING, sms: bool = False, now=None) -> int:
    """Bell notifications (and e-mail, per each person's choice) for messages a case type's monitoring raised:
    ``messages`` is an iterable of ``(user id, title, body, url)``. A fixed number of queries whatever their number
    (the recipients' addresses and choices, one INSERT); sending happens after commit, as for deadline alerts.
    ``sms``: also by SMS to those who turned it on (for the most urgent levels)."""
    from casework.services.alerts import enqueue_delivery

    messages = list(messages)
    if not messages:
        return 0
    now = now or timezone.now()
    channels = {
        pk: (bool(email) and email_on is not False, bool(sms_on and mobile))
        for pk, email, email_on, sms_on, mobile in User.objects.filter(
            pk__in={m[0] for m in messages}, is_active=True
        ).values_list(
            "pk",
            "email",
            "notification_preference__email_enabled",
            "notification_preference__sms_enabled",
            "notification_preference__mobile",
        )
    }
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            title=title[:200],
            body=body,
            url=url[:300],
            created_at=now,
            email=channels[user_id][0],
            sms=sms and channels[user_id][1],
            # nothing to send out: done at once, so the sweep's re-dispatch never picks it up
            dispatched_at=None if channels[user_id][0] or (sms and channels[user_id][1]) else now,
        )
        for user_id, title, body, url in messages
        if user_id in channels
    ]
    created = Notification.objects.bulk_create(rows)
    waiting = [n.pk for n in created if (n.email or n.sms) and n.pk is not None]
    if waiting:
        transaction.on_commit(lambda: enqueue_delivery(waiting))
    return len(created)
