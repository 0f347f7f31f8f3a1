"""Documents of a labour-inspection case (statutes.md §2 "Usual documents"): which exist for a case, the kinds
the kernel numbers and serves (``DOCUMENT_KINDS``, casework.documents), and their rendering.

A numbered document carries its own 文号 once issued (a draft carries none); documents issued by inspectors
name the 承办人 with their 执法证号 (LIR Art 16).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from casework.documents.kinds import DocumentKind
from casework.inspection.models import Outcome

# A document exists once the step that issues it has happened; the case's own dates and fields say so,
# whatever state it has moved on to since (an archived refused complaint has no 受理通知书).


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    available: Callable


DOCUMENTS = [
    Document("registration", "投诉登记表", lambda c: True),
    Document("acceptance", "受理通知书", lambda c: c.accepted_on is not None and not c.anonymous),
    Document(
        "refusal",
        "不予受理通知书",
        lambda c: bool(c.refusal_reason),
    ),
    Document("filing-approval", "立案审批表", lambda c: c.filed_on is not None),
    Document("inquiry-record", "询问笔录", lambda c: c.filed_on is not None),
    Document("rectification-order", "限期改正指令书", lambda c: c.rectification_due is not None),
    Document(
        "penalty-notice",
        "行政处罚事先告知书",
        lambda c: c.fine_amount is not None,
    ),
    Document("penalty-decision", "行政处罚决定书", lambda c: c.decision_kind == "penalty"),
    Document(
        "police-transfer",
        "移送书",
        lambda c: c.transfer_target == "公安机关" or c.outcome == Outcome.POLICE_TRANSFERRED,
    ),
    Document("closing-approval", "结案审批表", lambda c: c.closed_at is not None),
    Document("case-file", "卷宗", lambda c: c.filed_on is not None),
]
BY_SLUG = {d.slug: d for d in DOCUMENTS}

# The documents the bureau issues with a number (letters: 吉人社监令〔2026〕12号) and, where it must, serves.
DOCUMENT_KINDS = (
    DocumentKind("acceptance", "受理通知书", letters="监受"),
    DocumentKind("refusal", "不予受理通知书", letters="监不受"),
    DocumentKind(
        "rectification-order",
        "限期改正指令书",
        letters="监令",
        service_starts="inspection.rectification",  # LIR Art 18: the period runs from service
        enforcement=True,
    ),
    DocumentKind("penalty-notice", "行政处罚事先告知书", letters="监告", enforcement=True),
    DocumentKind(
        "penalty-decision",
        "行政处罚决定书",
        letters="监罚",
        service_meets=("inspection.penalty_serve",),  # APL Art 61: served within 7 days
        enforcement=True,
    ),
    DocumentKind("police-transfer", "移送书", letters="监移", served=False, enforcement=True),
)
NUMBERED = {k.slug for k in DOCUMENT_KINDS}
# Internal forms and records: filed in the case file, never issued to a party.
NOT_BOUND = {"case-file"}


def documents_for(case) -> list[dict]:
    return [
        {"slug": d.slug, "title": d.title, "url": reverse("complaint-document", args=[case.pk, d.slug])}
        for d in DOCUMENTS
        if d.available(case)
    ]


def document_context(case, slug: str, *, shared: dict | None = None) -> dict:
    """What document ``slug`` of ``case`` shows. ``shared``: what every document of the case needs (the
    timeline, the issued numbers, evidence), fetched once when several are rendered together."""
    from casework.pdf import issuing_body_for

    shared = shared if shared is not None else shared_context(case)
    issued = shared["issued"].get(slug)
    return {
        "case": case,
        "title": BY_SLUG[slug].title,
        "doc_number": issued.number if issued else "",
        "issuing_body": issuing_body_for(case.jurisdiction),
        "undertakers": shared["assignees"] if slug in NUMBERED else [],
        **({"today": issued.issued_on} if issued else {}),
        **shared,
        "documents": [d for d in DOCUMENTS if d.available(case) and d.slug not in NOT_BOUND],
    }


def shared_context(case) -> dict:
    from casework.documents.services import issued_documents
    from casework.selectors.timeline import timeline_for
    from casework.services.evidence import evidence_for

    timeline = list(timeline_for(case))
    return {
        "timeline": timeline,
        "entry": {e.transition: e for e in timeline},
        "evidence": list(evidence_for(case)),
        "issued": issued_documents(case),
        "assignees": list(case.assignees.all()),
    }


def render_document(case, slug: str) -> bytes:
    """Document ``slug`` of ``case`` as a PDF (the case file binds all of them: casework.inspection.case_file)."""
    from casework.pdf import render_pdf

    if slug == "case-file":
        from casework.inspection.case_file import render_case_file

        return render_case_file(case)
    return render_pdf(f"pdf/complaint/{slug}.html", document_context(case, slug))
