"""The case file (卷宗) of a labour-inspection case: cover (file number, retention period), 卷内目录 (date, 文号,
title, page range), every document of the case bound in order with one continuous page numbering, the 备考表
(casework.documents.binding).

Retention (保管期限) by outcome, after 《人力资源社会保障业务档案管理规定》 and its 保管期限表 (劳动保障监察
案件材料): cases ending in an administrative penalty, a 行政处理决定 or a transfer to the police are kept 30 years,
others 10 years. The values are the bureau's rule table, to be confirmed with its archive
(``settings.INSPECTION_RETENTION`` overrides them by outcome code).
"""

from django.conf import settings
from django.utils import timezone

from casework.documents.binding import Part, bind
from casework.inspection.documents import BY_SLUG, NOT_BOUND, document_context, shared_context
from casework.inspection.models import Outcome
from casework.pdf import issuing_body_for, render_html

LONG, SHORT = "30年", "10年"
RETENTION = {
    Outcome.PENALTY_IMPOSED: LONG,
    Outcome.HANDLING_DECISION: LONG,
    Outcome.POLICE_TRANSFERRED: LONG,
}


def retention(case) -> str:
    configured = getattr(settings, "INSPECTION_RETENTION", {}) or {}
    if case.outcome in configured:
        return configured[case.outcome]
    if case.outcome in RETENTION or case.decision_kind == "penalty":
        return RETENTION.get(case.outcome, LONG)
    return SHORT


def _document_date(case, slug: str, shared: dict, record=None):
    issued = shared["issued"].get(slug)
    if issued is not None:
        return issued.issued_on
    if record is not None:
        return timezone.localtime(record.started_at).date()
    fields = {
        "registration": case.received_on,
        "acceptance": case.accepted_on,
        "filing-approval": case.filed_on,
        "closing-approval": case.closed_at and timezone.localtime(case.closed_at).date(),
    }
    return fields.get(slug) or (case.closed_at and timezone.localtime(case.closed_at).date())


def parts(case, shared: dict) -> list[Part]:
    """Every document of the case in the order issued, the investigation's records after the filing."""
    records = {r.slug: r for r in shared["records"]}

    def html(spec, record):
        return lambda first: render_html(
            spec.template_name, {**document_context(case, spec, record, shared=shared), "first_page": first}
        )

    out = []
    for doc in shared["case_documents"]:
        if doc.slug in NOT_BOUND:
            continue
        record = records.get(doc.slug)
        issued = shared["issued"].get(doc.slug)
        out.append(
            Part(
                doc.title,
                _document_date(case, doc.slug, shared, record),
                html(doc, record),
                issued.number if issued else "",
            )
        )
    return out


def render_case_file(case) -> bytes:
    return build_case_file(case)[1]


def build_case_file(case):
    """(the index entries, the bound PDF)."""
    shared = shared_context(case)
    context = {
        "case": case,
        "title": f"{case.number}{BY_SLUG['case-file'].title}",
        "issuing_body": issuing_body_for(case.jurisdiction),
        "file_number": case.number,
        "retention": retention(case),
        "assignees": shared["assignees"],
        "evidence": shared["evidence"],
        "timeline": shared["timeline"],
    }

    def front(entries):
        return render_html(
            "pdf/complaint/case-file.html",
            {**context, "entries": entries, "total_pages": sum(e.pages for e in entries)},
        )

    def back(entries):
        return render_html(
            "pdf/case-file-notes.html",
            {**context, "entries": entries, "total_pages": sum(e.pages for e in entries)},
        )

    return bind(parts(case, shared), front=front, back=back)
