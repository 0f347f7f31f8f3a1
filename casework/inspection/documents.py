"""Documents of a labour-inspection case (statutes.md §2 "Usual documents"), each a PDF carrying the case number."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

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
    Document("case-file", "卷宗封面及卷内目录", lambda c: c.filed_on is not None),
]
BY_SLUG = {d.slug: d for d in DOCUMENTS}


def documents_for(case) -> list[dict]:
    return [
        {"slug": d.slug, "title": d.title, "url": reverse("complaint-document", args=[case.pk, d.slug])}
        for d in DOCUMENTS
        if d.available(case)
    ]
