"""Documents of an arrears case and of a blacklist entry, each a PDF carrying its number (casework.pdf)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from arrears.models import BlacklistState, PoliceStatus


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    available: Callable


CASE_DOCUMENTS = [
    Document("payment-order", "责令支付通知书", lambda c: c.payment_due is not None),
    Document(
        "police-transfer",
        "移送书",
        lambda c: c.police_status in (PoliceStatus.APPROVED, PoliceStatus.TRANSFERRED),
    ),
    Document("payment-confirmation", "工资支付确认表", lambda c: c.worker_count > 0),
]
CASE_BY_SLUG = {d.slug: d for d in CASE_DOCUMENTS}

BLACKLIST_DOCUMENTS = [
    Document("notice", "拖欠农民工工资失信联合惩戒对象名单列入告知书", lambda e: True),
    Document(
        "decision",
        "拖欠农民工工资失信联合惩戒对象名单列入决定书",
        lambda e: (
            e.listed_on is not None
            and e.state
            in (
                BlacklistState.LISTED,
                BlacklistState.REMOVAL_APPLIED,
                BlacklistState.REMOVED,
                BlacklistState.EXPIRED,
            )
        ),
    ),
]
BLACKLIST_BY_SLUG = {d.slug: d for d in BLACKLIST_DOCUMENTS}


def case_documents(case) -> list[dict]:
    return [
        {"slug": d.slug, "title": d.title, "url": reverse("arrears:case-document", args=[case.pk, d.slug])}
        for d in CASE_DOCUMENTS
        if d.available(case)
    ]


def blacklist_documents(entry) -> list[dict]:
    return [
        {
            "slug": d.slug,
            "title": d.title,
            "url": reverse("arrears:blacklist-document", args=[entry.pk, d.slug]),
        }
        for d in BLACKLIST_DOCUMENTS
        if d.available(entry)
    ]
