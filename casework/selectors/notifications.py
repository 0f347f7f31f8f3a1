"""Reads for the bell and the notifications page: a user's own notifications only."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from casework.models import Notification


def notifications_for(user) -> QuerySet:
    """Unread first, then newest; with the alert and its deadline for the "moved / met" remark."""
    unread_first = Case(
        When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Notification.objects.filter(recipient=user)
        .select_related("alert__deadline")
        .order_by(unread_first, "-created_at", "-id")
    )


def unread_count(user) -> int:
    """One COUNT on the partial index ``notification_unread_idx``."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def latest_unread(user, limit: int = 5) -> list:
    return list(
        Notification.objects.filter(recipient=user, read_at__isnull=True).order_by("-created_at", "-id")[
            :limit
        ]
    )
