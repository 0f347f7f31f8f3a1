"""Reads for the mediation and arbitration pages, exports, PDFs and API — always through ``visible_to``.

Lists are ordered by urgency: open cases first; among them collective cases, then the green channel,
then the nearest statutory deadline; then the newest.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
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
    condition = (
        Q(number__icontains=q)
        | Q(respondent__name__icontains=q)
        | Q(respondent_name_given__icontains=q)
        | Q(pk__in=qs.model.objects.filter(applicants__name=q).values("pk"))
    )
    code = validators.normalise_credit_code(q)
    if len(code) == 18:
        condition |= Q(respondent__credit_code=code)
    return qs.filter(condition)


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


def _urgency(qs: QuerySet, open_states, *, collective: bool) -> QuerySet:
    is_open = Case(
        When(state__in=list(open_states), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    order = ["closed_rank", *(["-collective"] if collective else []), "-green_channel"]
    return qs.annotate(closed_rank=is_open).order_by(*order, F("next_due").asc(nulls_last=True), "-id")


def arbitration_list(user, filters: CaseFilters | None = None) -> QuerySet[ArbitrationCase]:
    visible = visible_to(user, ArbitrationCase.objects.all(), large_list=True)
    qs = _filter(visible, filters or CaseFilters(), user, OPEN_ARBITRATION_STATES)
    qs = qs.select_related("jurisdiction", "respondent").prefetch_related("applicants")
    return _urgency(qs, OPEN_ARBITRATION_STATES, collective=True)


def mediation_list(user, filters: CaseFilters | None = None) -> QuerySet[MediationCase]:
    visible = visible_to(user, MediationCase.objects.all(), large_list=True)
    qs = _filter(visible, filters or CaseFilters(), user, OPEN_MEDIATION_STATES)
    qs = qs.select_related("jurisdiction", "respondent").prefetch_related("applicants")
    return _urgency(qs, OPEN_MEDIATION_STATES, collective=False)


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
