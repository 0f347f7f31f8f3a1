"""Reads for complaint pages, exports and the API — always through ``visible_to``."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from casework.inspection.models import OPEN_COMPLAINT_STATES, Complaint
from casework.models import Employer, Person
from casework.models.case import urgency_order
from casework.selectors.search import case_search
from casework.selectors.visibility import visible_to


@dataclass
class ComplaintFilters:
    q: str = ""
    state: str = ""
    jurisdiction: int | None = None
    employer: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    green_channel: bool = False
    mine: bool = False


def complaints_visible_to(user) -> QuerySet:
    return visible_to(user, Complaint.objects.all())


def complaint_list(user, filters: ComplaintFilters | None = None) -> QuerySet:
    """Ordered by urgency: open cases first, the green channel, the nearest deadline, the newest."""
    f = filters or ComplaintFilters()
    qs = visible_to(user, Complaint.objects.all())
    if f.q.strip():
        q = f.q.strip()
        employers = Employer.objects.filter(Q(name__icontains=q) | Q(credit_code=q.upper()))
        qs = qs.filter(
            case_search(
                q,
                contains=["number", "employer_name_given"],
                related=[
                    ("employer_id", employers.values("pk")),
                    ("complainant_id", Person.objects.filter(name=q).values("pk")),
                ],
            )
        )
    if f.state:
        qs = qs.filter(state=f.state)
    if f.jurisdiction:
        qs = qs.filter(jurisdiction_id=f.jurisdiction)
    if f.employer:
        qs = qs.filter(employer_id=f.employer)
    if f.received_from:
        qs = qs.filter(received_on__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_on__lte=f.received_to)
    if f.overdue:
        qs = qs.filter(state__in=OPEN_COMPLAINT_STATES, next_due__lt=timezone.localdate())
    if f.green_channel:
        qs = qs.filter(green_channel=True)
    if f.mine:
        qs = qs.filter(assignees=user)
    return qs.select_related("jurisdiction", "employer", "complainant").order_by(
        *urgency_order(OPEN_COMPLAINT_STATES, searched=bool(f.q.strip()))
    )


def open_cases_against(*, employer, jurisdiction, user) -> QuerySet:
    """At intake: open cases against the same employer (credit code) in the same jurisdiction."""
    if employer is None:
        return Complaint.objects.none()
    return (
        complaints_visible_to(user)
        .filter(
            jurisdiction=jurisdiction,
            employer__credit_code=employer.credit_code,
            state__in=OPEN_COMPLAINT_STATES,
        )
        .select_related("employer")
        .order_by("-id")
    )


def complaint_detail(user, pk: int) -> Complaint:
    return (
        complaints_visible_to(user)
        .select_related("jurisdiction", "employer", "complainant", "transferred_to")
        .prefetch_related("assignees", "co_complainants")
        .get(pk=pk)
    )


def assignable_inspectors(case: Complaint) -> QuerySet:
    """The active inspectors and unit heads of the case's jurisdiction, whom the unit head may assign."""
    from casework.models import User
    from casework.roles import Role

    return (
        User.objects.filter(
            is_active=True,
            jurisdictions=case.jurisdiction,
            groups__name__in=[Role.INSPECTOR.label, Role.INSPECTION_HEAD.label],
        )
        .distinct()
        .order_by("full_name")
    )
