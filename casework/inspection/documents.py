"""Documents of a labour-inspection case (statutes.md §2 "Usual documents"), each a PDF.

A document exists once the step that issues it has happened; the case's own dates and records say so,
whatever state it has moved on to since (an archived refused complaint has no 受理通知书). Each record of the
investigation (调查询问通知书, 询问笔录, 现场检查笔录) is a document of its own, ``record-<id>``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

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
    Document("case-file", "卷宗封面及卷内目录", lambda c: c.filed_on is not None),
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


def documents_for(case) -> list[dict]:
    return [
        {"slug": d.slug, "title": d.title, "url": reverse("complaint-document", args=[case.pk, d.slug])}
        for d in issued_documents(case)
    ]
