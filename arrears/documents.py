"""Documents of an arrears case and of a blacklist entry, each a PDF carrying its number (casework.pdf)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from arrears.models import BlacklistState, PoliceStatus
from casework.documents.kinds import DocumentKind


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


# The documents the bureau numbers (吉人社监责〔2026〕3号) and serves (casework.documents).
CASE_KINDS = (
    DocumentKind(
        "payment-order",
        "责令支付通知书",
        letters="监责",
        service_starts="arrears.payment_order",  # LIR Art 26: the period runs from service
        enforcement=True,
    ),
    DocumentKind("police-transfer", "移送书", letters="监移", served=False, enforcement=True),
)
BLACKLIST_KINDS = (
    DocumentKind(
        "notice",
        "失信联合惩戒对象名单列入告知书",
        letters="失告",
        service_starts="blacklist.defence",  # 人社部令第45号: the defence period runs from service
    ),
    DocumentKind("decision", "失信联合惩戒对象名单列入决定书", letters="失决"),
)


def _numbered(record, slug: str, spec) -> dict:
    from casework.documents.services import issued_number
    from casework.pdf import issuing_body_for

    return {
        "title": spec.title,
        "doc_number": issued_number(record, slug),
        "issuing_body": issuing_body_for(record.jurisdiction),
    }


def render_case_document(case, slug: str) -> bytes:
    from arrears.selectors.cases import ledger_lines
    from arrears.selectors.thresholds import evaluate_crime_thresholds
    from casework.pdf import render_pdf

    lines = ledger_lines(case)
    assessment = evaluate_crime_thresholds(case, lines=lines)
    return render_pdf(
        f"pdf/arrears/{slug}.html",
        {
            **_numbered(case, slug, CASE_BY_SLUG[slug]),
            "case": case,
            "lines": lines,
            "assessment": assessment,
            "undertakers": list(case.assignees.all()) if slug in {k.slug for k in CASE_KINDS} else [],
        },
    )


def render_blacklist_document(entry, slug: str) -> bytes:
    from casework.pdf import render_pdf

    return render_pdf(
        f"pdf/arrears/blacklist-{slug}.html",
        {**_numbered(entry, slug, BLACKLIST_BY_SLUG[slug]), "entry": entry, "case": entry.arrears_case},
    )
