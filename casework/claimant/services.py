"""Every write of the claimant page, and the staff's answers to it, through the kernel's ``case_action``: the case
row locked, the change and its hash-chained log entry in one transaction, effects (SMS) after the commit.

The worker's changes run as the system (``actor=None``: there is no staff user) with the verified person's id in
the log entry's details — never their name, ID number or phone. Staff changes are the kernel's common actions
``review_party_evidence``, ``reply_claimant_message`` and ``decide_withdrawal`` (``casework.claimant.actions``),
checked against the case type's write roles like every other change.
"""

from contextlib import contextmanager
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.inputs import parse_id
from casework.models import ClaimantMessage, Evidence, WithdrawalDecision, WithdrawalRequest
from casework.models.claimant import MESSAGE_MAX, REASON_MAX
from casework.models.evidence import EvidenceCategory
from casework.public.registry import AlreadyDone
from casework.services.evidence import check_upload, discard, store_evidence
from casework.services.transitions import PreconditionFailed, case_action

# The claimant page takes photos and PDFs only (the kernel's rules for each: casework.services.evidence).
PARTY_TYPES = {"jpg": EvidenceCategory.PHOTO, "jpeg": EvidenceCategory.PHOTO, "png": EvidenceCategory.PHOTO}
PARTY_TYPES_LABEL = "照片（JPG、PNG）或 PDF"


@contextmanager
def claimant_action(match, name: str, label: str):
    """A change made by the verified person of ``match`` (``casework.public.selectors.Match``) on its case."""
    with case_action(
        match.case_type.model,
        match.case.pk,
        name,
        actor=None,
        label=label,
        details={"by": "当事人（绿色通道）", "person": match.person.pk},
    ) as step:
        yield step


def _text(value, field: str, *, limit: int, missing: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError({field: [missing]})
    if len(text) > limit:
        raise ValidationError({field: [f"最多{limit}个字，现在有{len(text)}个字，请删短一些"]})
    return text


# --- the worker's changes ------------------------------------------------------------------------------
def confirm_receipt(match, payment_id) -> bool:
    """ "已收到": the worker confirms receiving one payment recovered for them. Returns False when it was already
    confirmed (nothing written again: a double tap records one confirmation, one log entry)."""
    hook = match.case_type.confirm_payment
    if hook is None:
        raise ValidationError({"payment": ["这类案件没有追回款项"]})
    payment_id = parse_id(payment_id, "payment")
    try:
        with claimant_action(match, "confirm_receipt", "当事人确认收到工资") as step:
            step.details.update(hook(step.case, match.person, payment_id) or {})
    except AlreadyDone:
        return False
    return True


def check_party_file(uploaded_file) -> str:
    """The kernel's type and size rules, narrowed to photos and PDFs; returns the evidence category."""
    if uploaded_file is None:
        raise ValidationError({"file": ["请选择要上传的照片或 PDF 文件"]})
    name = PurePath(uploaded_file.name or "").name
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in (*PARTY_TYPES, "pdf"):
        raise ValidationError(
            {"file": [f"不能上传“{ext or '无扩展名'}”文件。请上传{PARTY_TYPES_LABEL}，可以用手机拍照后上传"]}
        )
    check_upload(uploaded_file)
    return PARTY_TYPES.get(ext, EvidenceCategory.OTHER)


def add_party_evidence(match, *, uploaded_file, description: str = "") -> Evidence:
    """当事人补充: a photo or PDF from the worker, stored like any evidence (checked, hashed) and flagged for staff
    review. Nothing is stored if anything is wrong."""
    description = " ".join((description or "").split())[:200]
    stored: list[Evidence] = []
    try:
        with claimant_action(match, "party_evidence", "当事人补充证据材料") as step:
            if not step.case.is_open:
                raise PreconditionFailed("案件已办结，不能再补充材料。如有新情况，请打电话给办案单位。")
            category = check_party_file(uploaded_file)
            evidence = store_evidence(
                step.case,
                actor=None,
                uploaded_file=uploaded_file,
                category=category,
                description=description or "当事人补充",
                public=True,
                stored=stored,
                party=match.person,
            )
            step.details.update(evidence=evidence.pk, sha256=evidence.sha256, size=evidence.size)
    except BaseException:
        discard(stored)
        raise
    return evidence


def send_message(match, text) -> ClaimantMessage:
    """A short message to the handling unit, shown in the case page's inbox."""
    text = _text(text, "text", limit=MESSAGE_MAX, missing="请写下您想对办案单位说的话")
    with claimant_action(match, "claimant_message", "当事人留言") as step:
        message = ClaimantMessage.objects.create(
            content_type=ContentType.objects.get_for_model(step.case),
            object_id=step.case.pk,
            case_number=step.case.number or "",
            person=match.person,
            text=text,
        )
        step.details.update(message=message.pk, length=len(text))
    return message


def request_withdrawal(match, reason) -> WithdrawalRequest:
    """The worker asks to withdraw; staff decide (and the decision goes to the worker by SMS). One pending
    request per person and case."""
    reason = _text(reason, "reason", limit=REASON_MAX, missing="请写下您为什么要撤回")
    with claimant_action(match, "request_withdrawal", "当事人申请撤回") as step:
        if not step.case.is_open:
            raise PreconditionFailed("案件已办结，不需要再申请撤回。")
        content_type = ContentType.objects.get_for_model(step.case)
        pending = WithdrawalRequest.objects.filter(
            content_type=content_type,
            object_id=step.case.pk,
            person=match.person,
            decision=WithdrawalDecision.PENDING,
        ).exists()
        if pending:
            raise PreconditionFailed("您已经申请过撤回，正在等办案单位决定，请不要重复申请。")
        request = WithdrawalRequest.objects.create(
            content_type=content_type,
            object_id=step.case.pk,
            case_number=step.case.number or "",
            person=match.person,
            reason=reason,
        )
        step.details.update(request=request.pk)
    return request


# --- staff answers (the kernel's common actions) -----------------------------------------------------
def _of_case(model, step, pk, field: str, missing: str):
    row = model.objects.filter(
        content_type=ContentType.objects.get_for_model(step.case), object_id=step.case.pk, pk=pk
    ).first()
    if row is None:
        raise ValidationError({field: [missing]})
    return row


def review_party_evidence(model, pk, *, actor, evidence) -> Evidence:
    """Staff have looked at a file the worker added (当事人补充)."""
    evidence_id = parse_id(evidence, "evidence")
    with case_action(model, pk, "review_party_evidence", actor=actor) as step:
        row = _of_case(Evidence, step, evidence_id, "evidence", "该材料不属于本案")
        if not row.party_supplement:
            raise ValidationError({"evidence": ["该材料不是当事人补充的材料"]})
        if row.reviewed_at is not None:
            raise PreconditionFailed("该材料已审阅")
        row.reviewed_by, row.reviewed_at = actor, timezone.now()
        row.save(update_fields=["reviewed_by", "reviewed_at"])
        step.details.update(evidence=row.pk)
    return row


def reply_claimant_message(model, pk, *, actor, message, reply) -> ClaimantMessage:
    """Answer a worker's message; the answer goes to them by SMS (the milestone outbox, after the commit)."""
    from casework.services.notify_public import notify_person

    message_id = parse_id(message, "message")
    reply = _text(reply, "reply", limit=MESSAGE_MAX - 100, missing="请填写答复内容")
    with case_action(model, pk, "reply_claimant_message", actor=actor) as step:
        row = _of_case(ClaimantMessage, step, message_id, "message", "该留言不属于本案")
        if row.replied_at is not None:
            raise PreconditionFailed("该留言已答复")
        row.reply, row.replied_by, row.replied_at = reply, actor, timezone.now()
        row.save(update_fields=["reply", "replied_by", "replied_at"])
        queued = notify_person(row.person, step.case, "message_replied", reply=reply, occurrence=f"m{row.pk}")
        step.details.update(message=row.pk, sms=queued)
    return row


def decide_withdrawal(model, pk, *, actor, request, decision, note: str = "") -> WithdrawalRequest:
    """Staff decide a worker's request to withdraw. Accepted: the case type's own withdrawal transition runs in
    the same transaction (``withdraw`` hook of the green-channel registration), when it has one; refused, or a
    type without one: the decision is recorded and logged."""
    from casework.public.registry import case_type_for
    from casework.services.notify_public import notify_person

    request_id = parse_id(request, "request")
    if decision not in (WithdrawalDecision.ACCEPTED, WithdrawalDecision.REFUSED):
        raise ValidationError({"decision": ["请选择同意或不同意撤回"]})
    note = " ".join((note or "").split())[:REASON_MAX]
    if decision == WithdrawalDecision.REFUSED and not note:
        raise ValidationError({"note": ["不同意撤回的，请写明理由"]})
    with transaction.atomic():
        with case_action(model, pk, "decide_withdrawal", actor=actor) as step:
            row = _of_case(WithdrawalRequest, step, request_id, "request", "该撤回申请不属于本案")
            if row.decision:
                raise PreconditionFailed("该撤回申请已作出决定")
            row.decision, row.decision_note = decision, note
            row.decided_by, row.decided_at = actor, timezone.now()
            row.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
            step.details.update(request=row.pk, decision=decision)
            reason = row.reason
            said = "同意撤回" if decision == WithdrawalDecision.ACCEPTED else f"不同意撤回（{note}）"
            notify_person(row.person, step.case, "withdrawal_decided", decision=said, occurrence=f"w{row.pk}")
        hook = getattr(case_type_for(model), "withdraw", None)
        if decision == WithdrawalDecision.ACCEPTED and hook is not None:
            hook(actor=actor, case_id=pk, reason=f"当事人在绿色通道申请撤回：{reason}")
    return row
