"""Issue a document, record its service (送达) and the parties' service addresses — each a kernel action
(``case_action``: lock, visibility, write permission, the change and its hash-chained log entry in one
transaction).

Deadlines that run from service (``DocumentKind.service_starts``) start on the day the document is served, not
the day it was issued; a rule it fulfils (``service_meets``) is met that day.
"""

import hashlib
from datetime import date
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.deadlines.rules import get_rule
from casework.documents.kinds import kind_for
from casework.documents.numbers import next_document_sequence
from casework.models import IssuedDocument, Service, ServiceAddress, ServiceMethod
from casework.services import deadlines
from casework.services.transitions import PreconditionFailed, case_action


def issued_documents(case) -> dict[str, IssuedDocument]:
    """The case's issued documents by slug (one query)."""
    rows = IssuedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    ).prefetch_related("services", "e_services")
    return {row.slug: row for row in rows}


def issued_number(case, slug: str) -> str:
    """The document's 文号 once issued, "" while it is a draft."""
    row = (
        IssuedDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(case), object_id=case.pk, slug=slug
        )
        .values_list("number", flat=True)
        .first()
    )
    return row or ""


def _available(case, slug: str) -> dict | None:
    from casework.kernel.registry import case_type_for

    listing = case_type_for(case).document_list
    return next((d for d in (listing(case) if listing else []) if d["slug"] == slug), None)


def missing_certificates(case) -> list[str]:
    """The 承办人 of ``case`` without a 执法证号 (LIR Art 16, APL Art 42: enforcement by certified officers)."""
    return [str(u) for u in case.assignees.all() if not (u.certificate_no or "").strip()]


def issue_in_step(step, slug: str, *, on: date | None = None) -> IssuedDocument:
    """Issue document ``slug`` of ``step.case`` inside the caller's ``case_action``/``case_transition``: the
    next number of its kind's series in the case's jurisdiction and the year of issue."""
    from casework.kernel.registry import case_type_for

    case = step.case
    kind = kind_for(case_type_for(case).code, slug)
    spec = _available(case, slug)
    if kind is None or spec is None:
        raise ValidationError({"slug": ["没有可签发的该文书"]})
    content_type = ContentType.objects.get_for_model(case)
    done = IssuedDocument.objects.filter(content_type=content_type, object_id=case.pk, slug=slug).first()
    if done is not None:
        raise PreconditionFailed(f"“{done.title}”已签发，文号{done.number}")
    if kind.enforcement:
        if not case.assignees.exists():
            raise PreconditionFailed(f"本案尚未指派承办人，不能签发“{spec['title']}”")
        missing = missing_certificates(case)
        if missing:
            raise PreconditionFailed(
                f"承办人{'、'.join(missing)}未登记执法证号，请在“工作人员”中补录后再签发“{spec['title']}”"
            )
    on = on or timezone.localdate()
    seq = next_document_sequence(kind=kind.code, jurisdiction=case.jurisdiction, year=on.year)
    document = IssuedDocument.objects.create(
        content_type=content_type,
        object_id=case.pk,
        case_number=case.number,
        kind=kind.code,
        slug=slug,
        title=spec["title"][:100],
        jurisdiction=case.jurisdiction,
        year=on.year,
        sequence=seq,
        number=kind.format_number(prefix=case.jurisdiction.doc_prefix, year=on.year, seq=seq),
        issued_on=on,
        issued_by=step.actor,
        must_serve=kind.served,
    )
    step.details.update(document=slug, number=document.number, title=document.title)
    return document


def issue_document(model, pk, *, actor, slug: str) -> IssuedDocument:
    with case_action(model, pk, "issue_document", actor=actor) as step:
        return issue_in_step(step, (slug or "").strip())


def case_document(case, pk) -> IssuedDocument:
    """An issued document of ``case`` (400 naming ``document`` otherwise)."""
    found = IssuedDocument.objects.filter(
        pk=pk, content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    ).first()
    if found is None:
        raise ValidationError({"document": ["请选择本案已签发的文书"]})
    return found


def served_in_step(step, document: IssuedDocument, served_on: date) -> None:
    """The deadline hooks of a first service: ``service_starts`` runs from ``served_on``; ``service_meets``
    is met on it; the kind's ``on_served`` hook is called with it. A rule whose period the document sets keeps
    that period (or the date it names)."""
    kind = kind_for(document.kind.split(".", 1)[0], document.slug)
    if kind is None or document.services.count() > 1:  # only the first service starts deadlines
        return
    case = step.case
    if kind.service_starts:
        rule = get_rule(kind.service_starts)
        current = deadlines.running(case, kind.service_starts)
        if current is not None and current.period:
            started = deadlines.start(case, kind.service_starts, on=served_on, period=current.period)
        elif rule.period is not None:
            started = deadlines.start(case, kind.service_starts, on=served_on)
        elif current is not None:  # the document names the date itself (限期改正 by a given day)
            started = deadlines.start(case, kind.service_starts, on=served_on, due=current.due_on)
        else:
            started = None
        if started is not None:
            step.details.update(deadline=kind.service_starts, due_on=started.due_on)
    for rule in kind.service_meets:
        deadlines.meet(case, rule, on=served_on)
    if kind.on_served is not None:
        started = kind.on_served(case, served_on)
        if started is not None:
            step.details.update(deadline=started.rule, due_on=started.due_on)


def _store_proof(service: Service, uploaded) -> None:
    from casework.services.evidence import check_upload

    check_upload(uploaded)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    service.proof_name = PurePath(uploaded.name).name[:200]
    service.proof_sha256 = digest.hexdigest()
    service.proof.save(service.proof_name, uploaded, save=False)


def record_service(
    model, pk, *, actor, document, method, served_on, recipient, place="", note="", proof=None
) -> Service:
    """送达 by hand, left at the address, by post or by public notice, with the signed 送达回证 (or the
    postal receipt, the notice) uploaded as proof."""
    if method not in ServiceMethod.values or method == ServiceMethod.ELECTRONIC:
        raise ValidationError({"method": ["请选择送达方式（电子送达请用“电子送达”发送）"]})
    stored = []
    try:
        with case_action(model, pk, "record_service", actor=actor) as step:
            issued = case_document(step.case, document)
            if not issued.must_serve:
                raise ValidationError({"document": [f"“{issued.title}”无需送达"]})
            if served_on < issued.issued_on:
                raise ValidationError({"served_on": ["送达日期不能早于签发日期"]})
            if proof is None:
                raise ValidationError({"proof": ["请上传送达凭证（签收的送达回证、邮寄回执或公告）"]})
            service = Service(
                document=issued,
                method=method,
                served_on=served_on,
                recipient=recipient.strip()[:100],
                place=(place or "").strip()[:200],
                note=(note or "").strip()[:200],
                recorded_by=actor,
            )
            _store_proof(service, proof)
            stored.append(service)
            service.save()
            served_in_step(step, issued, served_on)
            step.details.update(
                number=issued.number, method=method, served_on=served_on, recipient=service.recipient
            )
    except BaseException:
        for service in stored:
            service.proof.delete(save=False)
        raise
    return service


def record_service_address(
    model, pk, *, actor, recipient, id_number, phone, signed_on, address="", electronic_consent=False
) -> ServiceAddress:
    """送达地址确认书: the recipient's address, mobile phone and whether they accept electronic service."""
    with case_action(model, pk, "record_service_address", actor=actor) as step:
        row = ServiceAddress.objects.create(
            content_type=ContentType.objects.get_for_model(step.case),
            object_id=step.case.pk,
            recipient=recipient.strip()[:100],
            id_number=id_number,
            phone=phone,
            address=(address or "").strip()[:200],
            electronic_consent=bool(electronic_consent),
            signed_on=signed_on,
            recorded_by=actor,
        )
        # no personal data in the log: the recipient and the consent only
        step.details.update(recipient=row.recipient, electronic_consent=row.electronic_consent)
    return row


def service_addresses(case):
    return ServiceAddress.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    )
