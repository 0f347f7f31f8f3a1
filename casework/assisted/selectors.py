"""Reads of assisted filing: a helper's own filings (30 days), and the 代为提交 note of a case page."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import AssistedFiling

# A helper follows what they filed for a month; after that the worker looks the case up themselves and the
# helper sees nothing of it (the data is the worker's, not the helper's).
HELPER_SEES_FOR = timedelta(days=30)


def filings_of(helper):
    """The helper's own filings of the last 30 days, newest first, with their cases (one query per type)."""
    since = timezone.now() - HELPER_SEES_FOR
    return (
        AssistedFiling.objects.filter(helper=helper, filed_at__gte=since)
        .select_related("content_type")
        .order_by("-filed_at", "-pk")
    )


def filing_of(helper, pk: int) -> AssistedFiling | None:
    """One of the helper's own filings of the last 30 days; None for anyone else's or an older one."""
    filing = filings_of(helper).filter(pk=pk).first()
    if filing is not None:
        filing.case  # noqa: B018 — loads the case (one query)
    return filing


def filing_for_case(case) -> AssistedFiling | None:
    """The 代为提交 record of a case, if a helper filed it (the staff case page's note)."""
    return AssistedFiling.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    ).first()
