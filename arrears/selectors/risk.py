"""The employer / project risk view: complaints, arrears cases, amounts owed and recovered, blacklist.

Each row's figures are correlated subqueries over the cases and complaints the user can see, so a page
of rows costs one query (plus the count), however many cases lie behind it.
"""

from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from arrears.models import BlacklistEntry, BlacklistState, ConstructionProject
from arrears.selectors.cases import arrears_visible_to
from casework.inspection.selectors import complaints_visible_to
from casework.models import Employer
from casework.selectors.visibility import visible_to

MONEY = DecimalField(max_digits=16, decimal_places=2)
ON_LIST = [BlacklistState.LISTED, BlacklistState.REMOVAL_APPLIED]


def _count(qs: QuerySet, key: str, ref: str = "pk"):
    grouped = qs.filter(**{key: OuterRef(ref)}).order_by().values(key).annotate(c=Count("pk", distinct=True))
    return Coalesce(Subquery(grouped.values("c")[:1], output_field=IntegerField()), Value(0))


def _sum(qs: QuerySet, key: str, field: str):
    grouped = qs.filter(**{key: OuterRef("pk")}).order_by().values(key).annotate(s=Sum(field))
    return Coalesce(
        Subquery(grouped.values("s")[:1], output_field=MONEY), Value(Decimal("0.00")), output_field=MONEY
    )


def _with_figures(qs: QuerySet, cases: QuerySet, key: str, *, complaints, entries: Q, listed_only: bool):
    """Each row's complaints, cases (``key``: the case's column pointing at the row), amounts and blacklist
    status (``entries``: the blacklist entries that concern the row), most money outstanding first."""
    qs = qs.annotate(
        complaint_count=complaints,
        arrears_count=_count(cases, key),
        owed=_sum(cases, key, "total_owed"),
        recovered=_sum(cases, key, "total_recovered"),
        blacklisted=Exists(BlacklistEntry.objects.filter(entries, state__in=ON_LIST)),
        blacklist_pending=Exists(BlacklistEntry.objects.filter(entries, state=BlacklistState.NOTICED)),
    )
    if listed_only:
        qs = qs.filter(blacklisted=True)
    return qs.annotate(
        outstanding=ExpressionWrapper(F("owed") - F("recovered"), output_field=MONEY)
    ).order_by(F("outstanding").desc(), F("arrears_count").desc(), F("complaint_count").desc(), "id")


def employer_risk(user, *, q: str = "", listed_only: bool = False) -> QuerySet[Employer]:
    """Employers with a complaint or an arrears case the user can see, most money outstanding first."""
    cases = arrears_visible_to(user)
    complaints = complaints_visible_to(user)
    qs = Employer.objects.filter(
        Q(pk__in=cases.values("employer_id"))
        | Q(pk__in=complaints.exclude(employer=None).values("employer_id"))
    )
    if q:
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(credit_code=q.strip().upper()))
    return _with_figures(
        qs.select_related("jurisdiction"),
        cases,
        "employer",
        complaints=_count(complaints, "employer"),
        entries=Q(employer=OuterRef("pk")),
        listed_only=listed_only,
    )


def projects_visible_to(user) -> QuerySet[ConstructionProject]:
    """Projects registered in the user's jurisdictions, and those of arrears cases they can see."""
    base = visible_to(user, ConstructionProject.objects.all())
    return ConstructionProject.objects.filter(
        Q(pk__in=base.values("pk"))
        | Q(pk__in=arrears_visible_to(user).exclude(project=None).values("project_id"))
    )


def project_risk(user, *, q: str = "", listed_only: bool = False) -> QuerySet[ConstructionProject]:
    """Projects with their complaints (through their arrears cases), cases, amounts and whether any of
    their contractors is on the blacklist."""
    cases = arrears_visible_to(user)
    complaints = complaints_visible_to(user)
    qs = projects_visible_to(user)
    if q:
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(location__icontains=q.strip()))
    contractor = (
        Q(employer=OuterRef("developer"))
        | Q(employer=OuterRef("main_contractor"))
        | Q(employer=OuterRef("subcontractor"))
    )
    return _with_figures(
        qs.select_related("jurisdiction", "developer", "main_contractor", "subcontractor"),
        cases,
        "project",
        complaints=_count(complaints, "arrears_cases__project"),
        entries=contractor,
        listed_only=listed_only,
    )
