"""Documents of a labour-inspection case (statutes.md §2 "Usual documents"): which exist for a case, the kinds
the kernel numbers and serves (``DOCUMENT_KINDS``, casework.documents), and their rendering.

A document exists once the step that issues it has happened; the case's own dates and records say so,
whatever state it has moved on to since (an archived refused complaint has no 受理通知书). Each record of the
investigation (调查询问通知书, 询问笔录, 现场检查笔录) is a document of its own, ``record-<id>``. A numbered
document carries its own 文号 once issued (a draft carries none); documents issued by inspectors name the 承办人
with their 执法证号 (LIR Art 16).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from casework.documents.kinds import DocumentKind
from casework.inspection.models import Outcome
from casework.inspection.procedure_models import (
    Findings,
    HandlingDecision,
    InvestigationRecord,
    PenaltyProcedure,
    RecordKind,
)


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    available: Callable
    template: str = ""  # pdf/complaint/<template or slug>.html

    @property
    def template_name(self) -> str:
        return f"pdf/complaint/{self.template or self.slug}.html"


def procedure(case) -> PenaltyProcedure | None:
    try:
        return case.penalty_procedure
    except PenaltyProcedure.DoesNotExist:
        return None


def handling(case) -> HandlingDecision | None:
    try:
        return case.handling_decision
    except HandlingDecision.DoesNotExist:
        return None


def findings(case) -> Findings | None:
    try:
        return case.findings
    except Findings.DoesNotExist:
        return None


def _hearing_noticed(c) -> bool:
    p = procedure(c)
    return p is not None and p.hearing_at is not None


def _hearing_held(c) -> bool:
    p = procedure(c)
    return p is not None and p.hearing_held_on is not None


def _compensation(c) -> bool:
    h = handling(c)
    return h is not None and h.compensation_amount is not None


DOCUMENTS = [
    Document("registration", "投诉登记表", lambda c: True),
    Document("acceptance", "受理通知书", lambda c: c.accepted_on is not None and not c.anonymous),
    Document("refusal", "不予受理通知书", lambda c: bool(c.refusal_reason)),
    Document("filing-approval", "立案审批表", lambda c: c.filed_on is not None),
    Document("rectification-order", "限期改正指令书", lambda c: c.rectification_due is not None),
    Document("penalty-notice", "行政处罚事先告知书", lambda c: procedure(c) is not None),
    Document("hearing-notice", "听证通知书", _hearing_noticed),
    Document("hearing-record", "听证笔录", _hearing_held),
    Document("hearing-report", "听证报告", _hearing_held),
    Document("penalty-decision", "行政处罚决定书", lambda c: c.decision_kind == "penalty"),
    Document("handling-decision", "行政处理决定书", lambda c: handling(c) is not None),
    Document("compensation-decision", "加付赔偿金决定书", _compensation),
    Document(
        "police-transfer",
        "移送书",
        lambda c: c.transfer_target == "公安机关" or c.outcome == Outcome.POLICE_TRANSFERRED,
    ),
    Document("closing-approval", "结案审批表", lambda c: c.closed_at is not None),
    Document("case-file", "卷宗", lambda c: c.filed_on is not None),
]
BY_SLUG = {d.slug: d for d in DOCUMENTS}
RECORD_TEMPLATES = {
    RecordKind.NOTICE: "investigation-notice",
    RecordKind.INQUIRY: "inquiry-record",
    RecordKind.SITE: "site-inspection-record",
}


def records_of(case) -> list[InvestigationRecord]:
    return list(
        InvestigationRecord.objects.filter(complaint=case)
        .select_related("recorder")
        .prefetch_related("inspectors")
    )


def record_document(record: InvestigationRecord) -> Document:
    return Document(
        record.slug,
        f"{record.get_kind_display()}（{record.subject}）",
        lambda c: True,
        RECORD_TEMPLATES[record.kind],
    )


def issued_documents(case, records=None) -> list[Document]:
    """The case's documents in the order they are issued: the investigation's records after the filing."""
    records = records_of(case) if records is None else records
    fixed = [d for d in DOCUMENTS if d.available(case)]
    at = next((i + 1 for i, d in enumerate(fixed) if d.slug == "filing-approval"), len(fixed))
    return fixed[:at] + [record_document(r) for r in records] + fixed[at:]


def document_for(case, slug: str) -> tuple[Document, InvestigationRecord | None] | None:
    """The document ``slug`` of ``case`` and, for a record, the record; None when the case has no such one."""
    if slug.startswith("record-") and slug[len("record-") :].isdigit():
        record = (
            InvestigationRecord.objects.filter(complaint=case, pk=int(slug[len("record-") :]))
            .select_related("recorder")
            .prefetch_related("inspectors")
            .first()
        )
        return (record_document(record), record) if record else None
    spec = BY_SLUG.get(slug)
    return (spec, None) if spec is not None and spec.available(case) else None


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
    DocumentKind("hearing-notice", "听证通知书", letters="监听", enforcement=True),  # APL Art 64
    DocumentKind(
        "penalty-decision",
        "行政处罚决定书",
        letters="监罚",
        service_meets=("inspection.penalty_serve",),  # APL Art 61: served within 7 days
        enforcement=True,
    ),
    DocumentKind("handling-decision", "行政处理决定书", letters="监处", enforcement=True),  # LIR Art 26
    DocumentKind("compensation-decision", "加付赔偿金决定书", letters="监赔", enforcement=True),  # LIR Art 26
    DocumentKind("police-transfer", "移送书", letters="监移", served=False, enforcement=True),
)
NUMBERED = {k.slug for k in DOCUMENT_KINDS}
# Internal forms and records: filed in the case file, never issued to a party.
NOT_BOUND = {"case-file"}


def documents_for(case) -> list[dict]:
    return [
        {"slug": d.slug, "title": d.title, "url": reverse("complaint-document", args=[case.pk, d.slug])}
        for d in issued_documents(case)
    ]


def document_context(case, spec: Document, record=None, *, shared: dict | None = None) -> dict:
    """What document ``spec`` of ``case`` shows. ``shared``: what every document of the case needs (the
    timeline, the issued numbers, evidence, findings), fetched once when several are rendered together."""
    from casework.pdf import issuing_body_for

    shared = shared if shared is not None else shared_context(case)
    issued = shared["issued"].get(spec.slug)
    return {
        **shared,
        "case": case,
        "title": spec.title,
        "doc_number": issued.number if issued else "",
        "issuing_body": issuing_body_for(case.jurisdiction),
        "undertakers": shared["assignees"] if spec.slug in NUMBERED else [],
        **({"today": issued.issued_on} if issued else {}),
        "record": record,
        "documents": [d for d in shared["case_documents"] if d.slug not in NOT_BOUND],
    }


def shared_context(case) -> dict:
    from casework.documents.services import issued_documents as numbered_documents
    from casework.inspection.procedure_models import LegalBasis
    from casework.selectors.timeline import timeline_for
    from casework.services.evidence import evidence_for

    timeline = list(timeline_for(case))
    found = findings(case)
    bases = list(found.bases.all()) if found else []
    records = records_of(case)
    return {
        "timeline": timeline,
        "entry": {e.transition: e for e in timeline},
        "evidence": list(evidence_for(case)),
        "issued": numbered_documents(case),
        "assignees": list(case.assignees.all()),
        "records": records,
        "case_documents": issued_documents(case, records),
        "findings": found,
        "violated": [b for b in bases if b.kind == LegalBasis.Kind.VIOLATED],
        "sanctions": [b for b in bases if b.kind == LegalBasis.Kind.SANCTION],
        "procedure": procedure(case),
        "handling": handling(case),
    }


def render_document(case, slug: str) -> bytes:
    """Document ``slug`` of ``case`` as a PDF (the case file binds all of them: casework.inspection.case_file).
    Raises LookupError when the case has no such document."""
    from casework.pdf import render_pdf

    if slug == "case-file":
        from casework.inspection.case_file import render_case_file

        return render_case_file(case)
    found = document_for(case, slug)
    if found is None:
        raise LookupError(slug)
    spec, record = found
    return render_pdf(spec.template_name, document_context(case, spec, record))
