"""Reads of the credit blacklist."""

from django.db.models import QuerySet

from arrears.models import BlacklistEntry
from casework.selectors.visibility import visible_to


def blacklist_visible_to(user) -> QuerySet:
    return visible_to(user, BlacklistEntry.objects.all())


def blacklist_list(user, *, state: str = "", q: str = "") -> QuerySet:
    qs = blacklist_visible_to(user).select_related("employer", "arrears_case", "jurisdiction")
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(employer__name__icontains=q.strip())
    return qs.order_by("-id")


def blacklist_detail(user, pk: int) -> BlacklistEntry:
    return blacklist_visible_to(user).select_related("employer", "arrears_case", "jurisdiction").get(pk=pk)
