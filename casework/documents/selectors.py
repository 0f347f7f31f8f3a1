"""The documents card (文书) of a case page: every document that exists for the case, with its 文号, issue date
and service status once issued; the forms to issue, serve and serve electronically where the user may."""

from dataclasses import dataclass, field

from django.urls import reverse

from casework.documents.kinds import kind_for
from casework.documents.services import issued_documents, service_addresses
from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.models import IssuedDocument


@dataclass
class DocumentRow:
    slug: str
    title: str
    url: str
    numbered: bool  # a kind the case type issues with a number
    issued: IssuedDocument | None = None
    services: list = field(default_factory=list)
    pending_e: list = field(default_factory=list)  # electronic services sent and not opened yet
    full_copy_url: str = (
        ""  # the logged full-number copy (casework.documents.masking), for those who may make it
    )

    @property
    def status(self) -> str:
        if self.issued is None:
            return "未签发" if self.numbered else ""
        if not self.issued.must_serve:
            return "无需送达"
        if self.services:
            return "；".join(
                f"{s.get_method_display()} {s.served_on:%Y-%m-%d}（{s.recipient}）" for s in self.services
            )
        if self.pending_e:
            return "已发送电子送达，待受送达人查阅"
        return "未送达"


def document_rows(case, user=None) -> list[DocumentRow]:
    from casework.documents.masking import may_have_full_copy
    from casework.services.personal_data import may_reveal_personal_data

    registered = case_type_for(case)
    may_reveal = user is not None and may_reveal_personal_data(user)
    listing = registered.document_list(case) if registered and registered.document_list else []
    issued = issued_documents(case)
    rows = []
    for doc in listing:
        row = DocumentRow(
            doc["slug"], doc["title"], doc["url"], kind_for(registered.code, doc["slug"]) is not None
        )
        row.issued = issued.get(doc["slug"])
        if may_reveal and may_have_full_copy(registered.code, doc["slug"]):
            row.full_copy_url = f"{doc['url']}?full=1"
        if row.issued is not None:
            row.services = list(row.issued.services.all())
            row.pending_e = [e for e in row.issued.e_services.all() if e.first_opened_at is None]
        rows.append(row)
    return rows


def documents_card(case, user) -> dict:
    """The context of ``casework/case/documents.html``."""
    registered = case_type_for(case)
    if registered is None or not registered.documents:
        return {"document_rows": None}

    def may(name):
        return may_write(user, registered, name)

    rows = document_rows(case, user)
    return {
        "document_rows": rows,
        "document_actions": {
            name: reverse("case-change", args=[case.CASE_TYPE, case.pk, "actions", name])
            for name in ("issue_document", "record_service", "record_service_address", "send_e_service")
            if may(name)
        },
        "service_addresses": list(service_addresses(case)),
        "servable": [r for r in rows if r.issued is not None and r.issued.must_serve],
    }
