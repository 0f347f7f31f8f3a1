"""Reads for the mediation and arbitration pages, exports, PDFs and API — always through ``visible_to``.

Lists are ordered by urgency: open cases first; among them collective cases, then the green channel,
then the nearest statutory deadline; then the newest.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from arbitration.models import (
    ArbitrationCase,
    ClaimItem,
    Hearing,
    MediationCase,
    Representative,
    Suspension,
    TribunalMember,
)
from arbitration.models.arbitration import OPEN_ARBITRATION_STATES
from arbitration.models.mediation import OPEN_MEDIATION_STATES
from casework import validators
from casework.models import Employer
from casework.models.case import urgency_order
from casework.selectors.search import case_search
from casework.selectors.visibility import visible_to


@dataclass
class CaseFilters:
    q: str = ""
    state: str = ""
    jurisdiction: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    green_channel: bool = False
    collective: bool = False
    mine: bool = False


def arbitrations_visible_to(user) -> QuerySet[ArbitrationCase]:
    return visible_to(user, ArbitrationCase.objects.all())


def mediations_visible_to(user) -> QuerySet[MediationCase]:
    return visible_to(user, MediationCase.objects.all())


def _search(qs: QuerySet, q: str) -> QuerySet:
    """Case number, respondent name, exactly a credit code, exactly an applicant's name."""
    q = (q or "").strip()
    if not q:
        return qs
    respondents = Q(name__icontains=q)
    code = validators.normalise_credit_code(q)
    if len(code) == 18:
        respondents |= Q(credit_code=code)
    applicants = qs.model.applicants.through.objects.filter(person__name=q)
    return qs.filter(
        case_search(
            q,
            contains=["number", "respondent_name_given"],
            related=[
                ("respondent_id", Employer.objects.filter(respondents).values("pk")),
                ("pk", applicants.values(f"{qs.model._meta.model_name}_id")),
            ],
        )
    )


def _filter(qs: QuerySet, f: CaseFilters, user, open_states) -> QuerySet:
    qs = _search(qs, f.q)
    if f.state:
        qs = qs.filter(state=f.state)
    if f.jurisdiction:
        qs = qs.filter(jurisdiction_id=f.jurisdiction)
    if f.received_from:
        qs = qs.filter(received_on__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_on__lte=f.received_to)
    if f.overdue:
        qs = qs.filter(state__in=open_states, next_due__lt=timezone.localdate())
    if f.green_channel:
        qs = qs.filter(green_channel=True)
    if f.collective and hasattr(qs.model, "collective"):
        qs = qs.filter(collective=True)
    if f.mine:
        qs = qs.filter(
            pk__in=qs.model.assignees.through.objects.filter(user_id=user.pk).values(
                f"{qs.model._meta.model_name}_id"
            )
        )
    return qs


def _urgency(qs: QuerySet, f: CaseFilters, open_states, *, collective: bool) -> QuerySet:
    searched = bool((f.q or "").strip())
    return qs.order_by(*urgency_order(open_states, collective=collective, searched=searched))


def arbitration_list(user, filters: CaseFilters | None = None) -> QuerySet[ArbitrationCase]:
    f = filters or CaseFilters()
    qs = _filter(visible_to(user, ArbitrationCase.objects.all()), f, user, OPEN_ARBITRATION_STATES)
    qs = qs.select_related("jurisdiction", "respondent").prefetch_related("applicants")
    return _urgency(qs, f, OPEN_ARBITRATION_STATES, collective=True)


def mediation_list(user, filters: CaseFilters | None = None) -> QuerySet[MediationCase]:
    f = filters or CaseFilters()
    qs = _filter(visible_to(user, MediationCase.objects.all()), f, user, OPEN_MEDIATION_STATES)
    qs = qs.select_related("jurisdiction", "respondent").prefetch_related("applicants")
    return _urgency(qs, f, OPEN_MEDIATION_STATES, collective=False)


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
