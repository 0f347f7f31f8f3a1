"""Typical cases as the public sees them (published only) and as staff see them (of the cases they can see)."""

from django.db.models import QuerySet

from casework.kernel.registry import case_type, case_type_for
from casework.kernel.writes import may_write
from casework.selectors.case_records import of_visible_cases

from .models import TypicalCase


def published() -> QuerySet:
    return TypicalCase.objects.filter(status=TypicalCase.Status.PUBLISHED).select_related("jurisdiction")


def public_row(typical: TypicalCase) -> dict:
    """What the public page and the feed show: the anonymised account, never the case number or a party."""
    registered = case_type(typical.case_type)
    return {
        "id": typical.pk,
        "title": typical.title,
        "text": typical.text,
        "case_type": registered.label if registered else "",
        "jurisdiction": typical.jurisdiction.name,
        "published_at": typical.published_at,
    }


def typical_cases_visible_to(user) -> QuerySet:
    return of_visible_cases(user, TypicalCase.objects.all()).select_related("jurisdiction")


def typical_card(case, user) -> dict:
    """The case page's 典型案例 card: the case's typical cases and the forms this user may use."""
    registered = case_type_for(case)
    if registered is None or not registered.disclosure:
        return {"hidden": True}

    def may(name: str) -> bool:
        return may_write(user, registered, name)

    rows = list(TypicalCase.of_case(case))
    return {
        "case": case,
        "typicals": rows,
        "may_propose": not case.is_open and may("propose_typical"),
        "may_approve": may("approve_typical"),
        "may_withdraw": may("withdraw_typical"),
        "may_name_employer": registered.disclosure == "enforcement",
    }
