"""Reads for clue pages, exports and the API — always through ``visible_to``."""

from django.db.models import QuerySet

from casework.clues.models import Clue, ClueState
from casework.kernel.lists import CaseFilters, CaseList
from casework.selectors.parties import employers_with_code
from casework.selectors.search import case_search
from casework.selectors.visibility import visible_to


def clues_visible_to(user) -> QuerySet:
    return visible_to(user, Clue.objects.all())


def _search(q: str):
    """Exactly an employer's credit code; the clue number, channel reference, employer name and credit code as
    given are found by the kernel's search index (``search_text`` in ``case_type.py``)."""
    return case_search(q, contains=[], related=[("employer_id", employers_with_code(q))])


CLUE_LIST = CaseList(Clue, search=_search, related=("jurisdiction", "outcome"))


def clue_list(user, filters: CaseFilters | None = None, channel: str = "") -> QuerySet:
    cases = CLUE_LIST.cases(user, filters)
    return cases.filter(channel=channel) if channel else cases


def clue_detail(user, pk: int) -> Clue:
    return (
        clues_visible_to(user)
        .select_related("jurisdiction", "employer", "outcome", "merged_into", "linked_type")
        .prefetch_related("assignees")
        .get(pk=pk)
    )


def replies_to_export(user, channel: str, date_from=None, date_to=None) -> QuerySet:
    """The replied (or closed) clues of one channel the user sees, for the channel's reply file."""
    qs = clues_visible_to(user).filter(
        channel=channel, state__in=[ClueState.REPLIED, ClueState.CLOSED], replied_on__isnull=False
    )
    if date_from:
        qs = qs.filter(replied_on__gte=date_from)
    if date_to:
        qs = qs.filter(replied_on__lte=date_to)
    return qs.select_related("jurisdiction", "outcome", "employer").order_by("replied_on", "pk")
