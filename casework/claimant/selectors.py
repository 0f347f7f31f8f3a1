"""Reads of the claimant page (one verified person, one case) and of the staff inbox on the case page.

The page's reads are set-based (hooks take lists of cases / (case, person) pairs), so the page costs the same
queries whichever case it shows; ``claimant_pages`` builds any number at once."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from casework.models import ClaimantMessage, ElectronicService, Evidence, WithdrawalRequest
from casework.public.registry import HearingRow, PaymentRow
from casework.public.selectors import Match, PublicProgress, public_progress_list


@dataclass
class ServedDocument:
    title: str
    number: str
    sent_on: object
    opened: bool
    url: str  # the e-service link: opening it records the service


@dataclass
class ClaimantPage:
    match: Match
    progress: PublicProgress
    steps: list[str]
    current_step: int
    hearings: list[HearingRow] = field(default_factory=list)
    documents: list[ServedDocument] = field(default_factory=list)
    payments: list[PaymentRow] = field(default_factory=list)
    messages: list[ClaimantMessage] = field(default_factory=list)
    withdrawals: list[WithdrawalRequest] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    # (Properties, not the hooks themselves: a template would call a callable it is given.)
    @property
    def shows_hearings(self) -> bool:
        return self.match.case_type.hearings is not None

    @property
    def shows_payments(self) -> bool:
        return self.match.case_type.payments is not None

    @property
    def pending_withdrawal(self) -> bool:
        return any(not w.decision for w in self.withdrawals)


def _case_q(cases, prefix: str = "") -> Q:
    q = Q(pk__in=[])
    for case in cases:
        ct = ContentType.objects.get_for_model(case)
        q |= Q(**{f"{prefix}content_type_id": ct.pk, f"{prefix}object_id": case.pk})
    return q


def served_documents(matches: list[Match]) -> dict[tuple[int, int, int], list[ServedDocument]]:
    """The electronic services of each match's case addressed to that person (by their ID number on the
    送达地址确认书), keyed by (content type, case, person): one query for all."""
    from casework.documents.electronic import link_token

    out: dict[tuple[int, int, int], list[ServedDocument]] = {}
    ids = {m.person.id_number for m in matches if m.person.id_number}
    if not ids:
        return out
    rows = (
        ElectronicService.objects.filter(_case_q([m.case for m in matches], "document__"))
        .filter(address__id_number__in=ids)
        .select_related("document", "address")
        .order_by("sent_at", "id")
    )
    for es in rows:
        for m in matches:
            key = (ContentType.objects.get_for_model(m.case).pk, m.case.pk, m.person.pk)
            doc = es.document
            if (doc.content_type_id, doc.object_id) == key[:2] and es.address.id_number == m.person.id_number:
                out.setdefault(key, []).append(
                    ServedDocument(
                        title=doc.title,
                        number=doc.number,
                        sent_on=es.sent_at,
                        opened=es.first_opened_at is not None,
                        url=reverse("green:e-service", args=[link_token(es)]),
                    )
                )
    return out


def _by_case_person(rows, matches, person_attr="person_id"):
    out: dict[tuple[int, int, int], list] = {}
    for row in rows:
        out.setdefault((row.content_type_id, row.object_id, getattr(row, person_attr)), []).append(row)
    return out


def claimant_pages(matches: list[Match]) -> list[ClaimantPage]:
    """Everything the claimant page shows for each match — a constant number of queries for any number of
    cases and types: progress (casework.public.selectors), one per hook present, one each for documents,
    messages, withdrawal requests and the person's own added evidence."""
    if not matches:
        return []
    progress = public_progress_list(matches)
    cases = [m.case for m in matches]
    hearings: dict = {}
    payments: dict = {}
    for case_type in {m.case_type.model_label: m.case_type for m in matches}.values():
        of_type = [m for m in matches if m.case_type is case_type]
        if case_type.hearings is not None:
            hearings.update(
                {
                    (case_type.model_label, k): v
                    for k, v in case_type.hearings([m.case for m in of_type]).items()
                }
            )
        if case_type.payments is not None:
            rows = case_type.payments([(m.case, m.person) for m in of_type])
            payments.update({(case_type.model_label, *k): v for k, v in rows.items()})
    documents = served_documents(matches)
    persons = {m.person.pk for m in matches}
    messages = _by_case_person(
        ClaimantMessage.objects.filter(_case_q(cases), person_id__in=persons).order_by("-sent_at", "-id"),
        matches,
    )
    withdrawals = _by_case_person(
        WithdrawalRequest.objects.filter(_case_q(cases), person_id__in=persons).order_by("-requested_at"),
        matches,
    )
    # The person's own additions only (never another worker's files on the same case).
    evidence = _by_case_person(
        Evidence.objects.filter(_case_q(cases), party_id__in=persons).order_by("uploaded_at", "id"),
        matches,
        "party_id",
    )
    pages = []
    for m, p in zip(matches, progress, strict=True):
        ct = ContentType.objects.get_for_model(m.case).pk
        steps, current = m.case_type.step_bar(m.case)
        pages.append(
            ClaimantPage(
                match=m,
                progress=p,
                steps=steps,
                current_step=current,
                hearings=hearings.get((m.case_type.model_label, m.case.pk), []),
                documents=documents.get((ct, m.case.pk, m.person.pk), []),
                payments=payments.get((m.case_type.model_label, m.case.pk, m.person.pk), []),
                messages=messages.get((ct, m.case.pk, m.person.pk), []),
                withdrawals=withdrawals.get((ct, m.case.pk, m.person.pk), []),
                evidence=evidence.get((ct, m.case.pk, m.person.pk), []),
            )
        )
    return pages
