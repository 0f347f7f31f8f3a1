"""Reads for the mediation and arbitration pages, exports, PDFs and API — always through ``visible_to``.

Lists are ordered by urgency: open cases first; among them collective cases, then the green channel,
then the nearest statutory deadline; then the newest.
"""

from collections.abc import Callable

from django.db.models import Prefetch, Q, QuerySet

from arbitration.models import (
    ArbitrationCase,
    ClaimItem,
    Hearing,
    MediationCase,
    Representative,
    Suspension,
    TribunalMember,
)
from casework.kernel.lists import CaseFilters, CaseList
from casework.selectors.parties import employers_with_code
from casework.selectors.search import case_search
from casework.selectors.visibility import visible_to


def arbitrations_visible_to(user) -> QuerySet[ArbitrationCase]:
    return visible_to(user, ArbitrationCase.objects.all())


def mediations_visible_to(user) -> QuerySet[MediationCase]:
    return visible_to(user, MediationCase.objects.all())


def _search_of(model) -> Callable[[str], Q]:
    def search(q: str) -> Q:
        """Exactly a respondent's credit code or an applicant's name; the case number and the respondent's
        name (as given or registered) are found by the kernel's search index (``search_text``)."""
        applicants = model.applicants.through.objects.filter(person__name=q)
        return case_search(
            q,
            contains=[],
            related=[
                ("respondent_id", employers_with_code(q)),
                ("pk", applicants.values(model.applicants.field.m2m_field_name())),
            ],
        )

    return search


ARBITRATION_LIST = CaseList(
    ArbitrationCase,
    search=_search_of(ArbitrationCase),
    related=("jurisdiction", "respondent"),
    prefetch=("applicants",),
    flags={"collective": Q(collective=True)},
    collective=True,  # collective cases first
)
MEDIATION_LIST = CaseList(
    MediationCase,
    search=_search_of(MediationCase),
    related=("jurisdiction", "respondent"),
    prefetch=("applicants",),
)


def arbitration_list(user, filters: CaseFilters | None = None) -> QuerySet[ArbitrationCase]:
    return ARBITRATION_LIST.cases(user, filters)


def mediation_list(user, filters: CaseFilters | None = None) -> QuerySet[MediationCase]:
    return MEDIATION_LIST.cases(user, filters)


def arbitration_detail(user, pk: int) -> ArbitrationCase:
    return (
        arbitrations_visible_to(user)
        .select_related(
            "jurisdiction", "respondent", "from_mediation", "extension_approved_by", "closing_approved_by"
        )
        .prefetch_related(
            "applicants",
            "assignees",
            Prefetch("claims", queryset=ClaimItem.objects.order_by("position", "id")),
            Prefetch("hearings", queryset=Hearing.objects.order_by("sequence")),
            "awards__items",
            Prefetch("representatives", queryset=Representative.objects.select_related("person")),
            Prefetch("suspensions", queryset=Suspension.objects.select_related("approved_by")),
        )
        .get(pk=pk)
    )


def mediation_detail(user, pk: int) -> MediationCase:
    return (
        mediations_visible_to(user)
        .select_related("jurisdiction", "respondent")
        .prefetch_related("applicants", "assignees", "claims", "sessions__mediator")
        .get(pk=pk)
    )


def tribunal_of(case) -> list[TribunalMember]:
    from arbitration.services.tribunal import tribunal_members

    return tribunal_members(case)
