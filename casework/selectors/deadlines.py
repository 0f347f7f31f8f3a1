"""Deadlines as shown on a case page: due date, days left (working days), provisional flag."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from casework.models import Deadline


def deadline_rows(case) -> list[dict]:
    from casework.calendar.workdays import working_days_between

    today = timezone.localdate()
    rows = []
    qs = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(case), object_id=case.pk)
    for d in qs.order_by("status", "due_on"):
        running = d.status in (Deadline.Status.OPEN, Deadline.Status.PAUSED)
        days_left = None
        if d.status == Deadline.Status.OPEN:
            days_left = (d.due_on - today).days
        rows.append(
            {
                "deadline": d,
                "running": running,
                "days_left": days_left,
                "overdue": d.status == Deadline.Status.OPEN and d.due_on < today,
                "overdue_days": (today - d.due_on).days,
                "working_days_left": working_days_between(today, d.due_on, d.jurisdiction_id)
                if d.status == Deadline.Status.OPEN and d.due_on >= today
                else None,
            }
        )
    return rows
