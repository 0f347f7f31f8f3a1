"""Reads for arrears pages, exports and the API — always through ``visible_to``."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from arrears import conf
from arrears.models import ArrearsCase, ArrearsWorker, ConstructionProject, Payment
from arrears.models.cases import OPEN_ARREARS_STATES
from casework.calendar.workdays import add_working_days, working_days_between
from casework.models import Employer
from casework.models.case import urgency_order
from casework.selectors.search import case_search
from casework.selectors.visibility import visible_to


@dataclass
class ArrearsFilters:
    q: str = ""
    state: str = ""
    jurisdiction: int | None = None
    employer: int | None = None
    project: int | None = None
    green_channel: bool = False
    police: bool = False
    overdue: bool = False
    mine: bool = False


def arrears_visible_to(user) -> QuerySet:
    return visible_to(user, ArrearsCase.objects.all())


# Filters that are one column each: the filter's name → the case's column.
_EXACT = {
    "state": "state",
    "jurisdiction": "jurisdiction_id",
    "employer": "employer_id",
    "project": "project_id",
}


def _search(q: str):
    employers = Employer.objects.filter(Q(name__icontains=q) | Q(credit_code=q.upper()))
    projects = ConstructionProject.objects.filter(name__icontains=q)
    return case_search(
        q,
        contains=["number"],
        related=[("employer_id", employers.values("pk")), ("project_id", projects.values("pk"))],
    )


def arrears_list(user, filters: ArrearsFilters | None = None) -> QuerySet:
    """Green channel first in every queue; then open cases by nearest deadline; then newest."""
    f = filters or ArrearsFilters()
    q = f.q.strip()
    qs = arrears_visible_to(user).filter(
        **{column: getattr(f, name) for name, column in _EXACT.items() if getattr(f, name)}
    )
    if q:
        qs = qs.filter(_search(q))
    if f.green_channel:
        qs = qs.filter(green_channel=True)
    if f.police:
        qs = qs.exclude(police_status="")
    if f.overdue:
        qs = qs.filter(state__in=OPEN_ARREARS_STATES, next_due__lt=timezone.localdate())
    if f.mine:
        qs = qs.filter(assignees=user)
    return qs.select_related("jurisdiction", "employer", "project").order_by(
        *urgency_order(OPEN_ARREARS_STATES, searched=bool(q))
    )


def arrears_detail(user, pk: int) -> ArrearsCase:
    return (
        arrears_visible_to(user)
        .select_related(
            "jurisdiction",
            "employer",
            "project",
            "project__developer",
            "project__main_contractor",
            "project__subcontractor",
        )
        .prefetch_related("assignees", "complaints")
        .get(pk=pk)
    )


def ledger_lines(case: ArrearsCase) -> list[ArrearsWorker]:
    """The worker lines with their persons and payments (three queries, whatever the list's length)."""
    payments = Payment.objects.select_related("recorded_by").order_by("paid_on", "id")
    return list(
        case.workers.select_related("person")
        .prefetch_related(Prefetch("payments", queryset=payments))
        .order_by("id")
    )


def payments_of(case: ArrearsCase) -> QuerySet:
    return case.payments.select_related("line__person", "recorded_by").order_by("-paid_on", "-id")


@dataclass(frozen=True)
class Target:
    key: str
    title: str
    working_days: int
    due: date
    met_on: date | None

    @property
    def overdue(self) -> bool:
        return self.met_on is None and timezone.localdate() > self.due

    @property
    def working_days_left(self) -> int | None:
        today = timezone.localdate()
        if self.met_on is not None or today > self.due:
            return None
        return working_days_between(today, self.due)


def internal_targets(case: ArrearsCase) -> list[Target]:
    """The bureau's own targets (policy, configurable: ``ARREARS_TARGETS``), shorter on the green channel."""
    kind = "green_channel" if case.green_channel else "standard"
    targets = conf.get("ARREARS_TARGETS")
    out = []
    resolved_on = case.fully_recovered_on or case.unrecoverable_on
    for key, title, met_on in (
        ("payment_order", "作出责令支付", case.payment_ordered_on or case.fully_recovered_on),
        ("resolution", "欠薪全部追回或认定无法追回", resolved_on),
    ):
        days = targets[key][kind]
        due = add_working_days(case.opened_on, days, case.jurisdiction_id)
        out.append(Target(key, title, days, due, met_on))
    return out
