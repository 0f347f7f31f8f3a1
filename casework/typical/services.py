"""Propose a typical case from a closed case, approve (publish) it, withdraw it — each a logged action on the
case (``case_action``: lock, visibility 404, write role 403, the case's hash-chained log)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.kernel.registry import case_type_for
from casework.services.transitions import PreconditionFailed, case_action

from .models import TypicalCase
from .privacy import personal_data_in

ENFORCEMENT = "enforcement"  # CaseType.disclosure: the employer may be named (人社部令第29号)


def _check_text(case, text: str, *, names_employer: bool, field: str = "text") -> None:
    found = personal_data_in(text, case, employer_named=names_employer)
    if found:
        raise ValidationError({field: [f"正文含有不得公开的信息：{'、'.join(found)}。请改为“某某”后再提交"]})


def _typical_of(case, typical_id: int) -> TypicalCase:
    found = TypicalCase.of_case(case).filter(pk=typical_id).first()
    if found is None:
        raise ValidationError({"typical": ["本案没有这个典型案例"]})
    return found


def propose(model, pk, *, actor, title: str, text: str, names_employer: bool = False) -> TypicalCase:
    with case_action(model, pk, "propose_typical", actor=actor) as step:
        case = step.case
        if case.is_open:
            raise PreconditionFailed("案件办结后才能推荐为典型案例")
        if names_employer and case_type_for(case).disclosure != ENFORCEMENT:
            raise ValidationError({"names_employer": ["此类案件的典型案例不公布用人单位名称"]})
        _check_text(case, f"{title}\n{text}", names_employer=names_employer)
        typical = TypicalCase.create_for(
            case,
            title=title,
            text=text,
            names_employer=names_employer,
            proposed_by=actor,
        )
        step.details.update(typical=typical.pk, title=title)
    return typical


def approve(model, pk, *, actor, typical: int) -> TypicalCase:
    """The head approves: published at once. The text is scanned again (a party may have been added)."""
    with case_action(model, pk, "approve_typical", actor=actor) as step:
        found = _typical_of(step.case, typical)
        if found.status != TypicalCase.Status.PROPOSED:
            raise PreconditionFailed(f"该典型案例{found.get_status_display()}，不能发布")
        _check_text(
            step.case, f"{found.title}\n{found.text}", names_employer=found.names_employer, field="typical"
        )
        found.status = TypicalCase.Status.PUBLISHED
        found.approved_by, found.published_at = actor, timezone.now()
        found.save()
        step.details.update(typical=found.pk, title=found.title)
    return found


def withdraw(model, pk, *, actor, typical: int, reason: str) -> TypicalCase:
    """Off the public page and feed; the record stays (a proposal not approved is withdrawn the same way)."""
    with case_action(model, pk, "withdraw_typical", actor=actor, reason=reason) as step:
        found = _typical_of(step.case, typical)
        if found.status == TypicalCase.Status.WITHDRAWN:
            raise PreconditionFailed("该典型案例已撤回")
        found.status = TypicalCase.Status.WITHDRAWN
        found.withdrawn_by, found.withdrawn_at, found.withdraw_reason = actor, timezone.now(), reason
        found.save()
        step.details.update(typical=found.pk, title=found.title)
    return found
