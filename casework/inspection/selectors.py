"""Reads for complaint pages, exports and the API — always through ``visible_to``."""

from django.db.models import QuerySet

from casework.inspection.models import OPEN_COMPLAINT_STATES, Complaint
from casework.kernel.lists import CaseFilters, CaseList
from casework.models import Person
from casework.selectors.parties import employers_with_code
from casework.selectors.search import case_search
from casework.selectors.visibility import visible_to


def complaints_visible_to(user) -> QuerySet:
    return visible_to(user, Complaint.objects.all())


def _search(q: str):
    """Exactly an employer's credit code or a complainant's name; the number and the employer's name (as given
    or registered) are found by the kernel's search index (``search_text`` in ``case_type.py``)."""
    return case_search(
        q,
        contains=[],
        related=[
            ("employer_id", employers_with_code(q)),
            ("complainant_id", Person.objects.filter(name=q).values("pk")),
        ],
    )


COMPLAINT_LIST = CaseList(Complaint, search=_search, related=("jurisdiction", "employer", "complainant"))


def complaint_list(user, filters: CaseFilters | None = None) -> QuerySet:
    """The staff list (``casework.kernel.lists``): open cases first, the green channel, the nearest deadline,
    the newest."""
    return COMPLAINT_LIST.cases(user, filters)


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
        .select_related(
            "jurisdiction",
            "employer",
            "complainant",
            "transferred_to",
            "penalty_procedure__presiding_officer",
            "handling_decision",
            "findings",
        )
        .prefetch_related("assignees", "co_complainants", "findings__bases", "findings__records")
        .get(pk=pk)
    )
