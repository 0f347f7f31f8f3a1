"""The 督办 list (supervisions of the cases a user can see, of every type) and a case page's 督办 card."""

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.selectors.case_records import of_visible_cases, with_case_links

from .models import Level, Supervision


def supervisions_visible_to(user) -> QuerySet:
    """Supervisions of cases the user can see, of every registered type."""
    return of_visible_cases(user, Supervision.objects.all())


def supervision_list(user, *, status: str = Supervision.Status.ACTIVE, overdue: bool = False) -> QuerySet:
    """The list's rows, the nearest report first; each with its report count and last report (one query a page)."""
    qs = supervisions_visible_to(user).select_related("jurisdiction")
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status=Supervision.Status.ACTIVE, next_report_due__lt=timezone.localdate())
    return qs.annotate(report_count=Count("reports"), last_report_at=Max("reports__submitted_at")).order_by(
        "status", "next_report_due", "-id"
    )


def decorate(rows, today=None) -> list:
    """The page's rows with the link to the case, its type's label and the overdue flag (no query)."""
    today = today or timezone.localdate()
    rows = with_case_links(rows)
    for s in rows:
        s.overdue = s.is_active and s.next_report_due is not None and s.next_report_due < today
    return rows


def supervision_card(case, user) -> dict:
    """What the case page's 督办 card shows: the running supervision with its reports (or the last one lifted),
    and the forms this user may use."""
    registered = case_type_for(case)
    supervisions = list(
        Supervision.of_case(case)
        .select_related("started_by", "lifted_by")
        .prefetch_related("reports__submitted_by", "reports__attachment")
        .order_by("-id")[:1]
    )
    current = supervisions[0] if supervisions else None
    active = current is not None and current.is_active

    def may(name: str) -> bool:
        return registered is not None and may_write(user, registered, name)

    today = timezone.localdate()
    return {
        "case": case,
        "supervision": current,
        "reports": list(current.reports.all()) if current else [],
        "overdue": active and current.next_report_due is not None and current.next_report_due < today,
        "may_supervise": not active and case.is_open and may("supervise"),
        "may_report": active and may("supervision_report"),
        "may_lift": active and may("lift_supervision"),
        "levels": Level.choices,
    }
