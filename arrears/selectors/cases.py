"""Reads for arrears pages, exports and the API — always through ``visible_to``."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from arrears import conf
from arrears.models import ArrearsCase, ArrearsWorker, Payment
from casework.calendar.workdays import add_working_days, working_days_between
from casework.kernel.lists import CaseFilters, CaseList
from casework.selectors.parties import employers_with_code
from casework.selectors.search import case_search
from casework.selectors.visibility import visible_to


def arrears_visible_to(user) -> QuerySet:
    return visible_to(user, ArrearsCase.objects.all())


def _search(q: str):
    """Exactly an employer's credit code; the case number, employer name and project name are found by the
    kernel's search index (``search_text`` in ``case_type.py``)."""
    return case_search(q, contains=[], related=[("employer_id", employers_with_code(q))])


ARREARS_LIST = CaseList(
    ArrearsCase,
    search=_search,
    related=("jurisdiction", "employer", "project"),
    flags={"police": ~Q(police_status="")},  # 涉及移送公安
)


def arrears_list(user, filters: CaseFilters | None = None) -> QuerySet:
    """The staff list (``casework.kernel.lists``): open cases first, the green channel, the nearest deadline,
    the newest."""
    return ARREARS_LIST.cases(user, filters)


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
