"""The documents of a mediation or arbitration case, each a PDF carrying the case number.

``arbitration_documents(case)`` / ``mediation_documents(case)`` list what exists for the case *now*, in
file order, each tagged with its volume: 正卷 (``main``, what the parties see: notices, records, awards)
or 副卷 (``internal``, approval forms). The case-file PDFs (卷宗) bind them (arbitration.case_file).
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

from arbitration.models import ArbitrationCase, MediationCase
from arbitration.services.arbitration.served import respondent_received_copy
from casework.documents.kinds import DocumentKind
from casework.pdf import render_html, render_pdf

MAIN, INTERNAL = "main", "internal"

# The documents the commission numbers (吉劳人仲裁〔2026〕5号) and serves (casework.documents).
ARBITRATION_KINDS = tuple(
    DocumentKind(slug, title, letters=letters, authority="劳人仲")
    for slug, title, letters in (
        ("acceptance", "受理通知书", "受"),
        ("refusal", "不予受理通知书", "不受"),
        ("materials-notice", "补正通知书", "补"),
        ("tribunal-notice", "仲裁庭组成通知书", "组"),
        ("hearing-notice", "开庭通知书", "庭"),
        ("mediation-document", "调解书", "调"),
        ("award", "裁决书", "裁"),
    )
) + (
    # The 应诉通知书 carries the application copy to the respondent: its service is the receipt the 10 days
    # of defence run from (LDMAL Art 30; ARB-RULES Arts 33, 80) and meets the 5 days to serve the copy —
    # through the one function that starts the defence, which the 送达 step calls too.
    DocumentKind(
        "respondent-notice",
        "应诉通知书",
        letters="应",
        authority="劳人仲",
        on_served=respondent_received_copy,
    ),
)
MEDIATION_KINDS = (
    DocumentKind("failure-notice", "调解终止书", letters="调终", authority="劳人仲"),
    DocumentKind("review-document", "调解书", letters="调审", authority="劳人仲"),
)


@dataclass(frozen=True)
class Doc:
    slug: str
    title: str
    template: str
    on: date | None
    volume: str = MAIN
    extra: dict = field(default_factory=dict, hash=False, compare=False)


def commission_name(jurisdiction) -> str:
    """The issuing body of arbitration documents: the labour and personnel dispute arbitration commission."""
    if jurisdiction is None or jurisdiction.is_prefecture:
        return "湘西土家族苗族自治州劳动人事争议仲裁委员会"
    if jurisdiction.level == "zone":
        return "湘西经济开发区劳动人事争议仲裁委员会"
    return f"{jurisdiction.name}劳动人事争议仲裁委员会"


def _day(moment) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def arbitration_documents(case: ArbitrationCase) -> list[Doc]:
    t = "pdf/arbitration/"
    docs = [Doc("application", "仲裁申请登记表", t + "application.html", case.received_on)]
    if case.evidence_list:
        docs.append(Doc("evidence", "证据材料目录", t + "evidence.html", case.received_on))
    if case.materials_requested_on:
        docs.append(
            Doc("materials-notice", "补正通知书", t + "materials-notice.html", case.materials_requested_on)
        )
    if case.accepted_on:
        docs.append(Doc("acceptance", "受理通知书", t + "acceptance.html", case.accepted_on))
        docs.append(Doc("respondent-notice", "应诉通知书", t + "respondent-notice.html", case.accepted_on))
    if case.refusal_reason:
        docs.append(Doc("refusal", "不予受理通知书", t + "refusal.html", _day(case.closed_at)))
    if case.tribunal_formed_on:
        docs.append(
            Doc("tribunal-notice", "仲裁庭组成通知书", t + "tribunal-notice.html", case.tribunal_formed_on)
        )
    for hearing in case.hearings.all():
        docs.append(
            Doc(
                f"hearing-notice-{hearing.sequence}",
                f"开庭通知书（第{hearing.sequence}次）",
                t + "hearing-notice.html",
                hearing.notice_on,
                extra={"hearing": hearing},
            )
        )
        if hearing.status == hearing.Status.HELD and hearing.record:
            docs.append(
                Doc(
                    f"hearing-record-{hearing.sequence}",
                    f"庭审笔录（第{hearing.sequence}次）",
                    t + "hearing-record.html",
                    hearing.held_on,
                    extra={"hearing": hearing},
                )
            )
    if case.mediation_terms:
        docs.append(
            Doc("mediation-document", "调解书", t + "mediation-document.html", case.mediation_signed_on)
        )
    for award in case.awards.all():
        docs.append(Doc(award.slug, award.title, t + "award.html", award.issued_on, extra={"award": award}))
    # 副卷: the internal approval forms.
    if case.extended_on:
        docs.append(
            Doc(
                "extension-approval",
                "延期审理审批表",
                t + "extension-approval.html",
                case.extended_on,
                INTERNAL,
            )
        )
    for number, suspension in enumerate(case.suspensions.all(), start=1):
        docs.append(
            Doc(
                f"suspension-approval-{number}",
                f"中止审理审批表（第{number}次）",
                t + "suspension-approval.html",
                suspension.suspended_on,
                INTERNAL,
                extra={"suspension": suspension, "number": number},
            )
        )
    if case.closed_at:
        docs.append(
            Doc("closing-approval", "结案审批表", t + "closing-approval.html", _day(case.closed_at), INTERNAL)
        )
    return docs


def mediation_documents(case: MediationCase) -> list[Doc]:
    t = "pdf/mediation/"
    docs = [Doc("application", "调解申请登记表", t + "application.html", case.received_on)]
    for session in case.sessions.all():
        docs.append(
            Doc(
                f"session-{session.sequence}",
                f"调解笔录（第{session.sequence}次）",
                t + "session.html",
                session.held_on,
                extra={"session": session},
            )
        )
    if case.agreement_on:
        docs.append(Doc("agreement", "调解协议书", t + "agreement.html", case.agreement_on))
    if case.failed_on:
        docs.append(Doc("failure-notice", "调解终止书", t + "failure-notice.html", case.failed_on))
    if case.review_issued_on:
        docs.append(Doc("review-document", "调解书", t + "review-document.html", case.review_issued_on))
    if case.closed_at:
        docs.append(
            Doc("closing-approval", "结案审批表", t + "closing-approval.html", _day(case.closed_at), INTERNAL)
        )
    return docs


def documents_for(case) -> list[Doc]:
    return arbitration_documents(case) if isinstance(case, ArbitrationCase) else mediation_documents(case)


def document_links(case) -> list[dict]:
    kind = "arbitration" if isinstance(case, ArbitrationCase) else "mediation"
    return [
        {
            "slug": d.slug,
            "title": d.title,
            "volume": d.volume,
            "url": reverse(f"{kind}-document", args=[case.pk, d.slug]),
        }
        for d in documents_for(case)
    ]


def case_context(case) -> dict:
    """What every document of the case shows and needs a query for (the tribunal, the final-award threshold):
    fetched once, so that a case file binding many documents costs the same number of queries as one."""
    from arbitration.finality import case_threshold, minimum_wage_on
    from arbitration.services.tribunal import tribunal_members
    from casework.documents.services import issued_documents

    if not isinstance(case, ArbitrationCase):
        return {"issued": issued_documents(case)}
    return {
        "issued": issued_documents(case),
        "tribunal": tribunal_members(case),
        "threshold": case_threshold(case),
        "minimum_wage": minimum_wage_on(case.jurisdiction, case.received_on),
    }


def document_context(case, doc: Doc, shared: dict | None = None) -> dict:
    """``shared``: ``case_context(case)`` when several documents of the case are rendered together."""
    shared = case_context(case) if shared is None else shared
    issued = shared["issued"].get(doc.slug)
    return {
        "case": case,
        "title": doc.title,
        "doc_number": issued.number if issued else "",
        "doc": doc,
        "issuing_body": commission_name(case.jurisdiction),
        # The document is dated the day of the act it records (an acceptance notice on the acceptance day).
        "today": doc.on or timezone.localdate(),
        **shared,
        **doc.extra,
    }


def render_document_html(case, doc: Doc, shared: dict | None = None, *, first_page: int | None = None) -> str:
    """``first_page``: the document's first page number in a bound volume (its footer numbers on from it)."""
    return render_html(doc.template, {**document_context(case, doc, shared), "first_page": first_page})


def render_document(case, slug: str) -> bytes:
    doc = next((d for d in documents_for(case) if d.slug == slug), None)
    if doc is None:
        raise LookupError(slug)
    return render_pdf(doc.template, document_context(case, doc))
