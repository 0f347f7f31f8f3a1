"""Endings: withdrawal, cancellation, termination, closing and archiving — and the court proceedings a party
may bring after the award (ARB-RULES Arts 32, 35, 48; LDMAL Arts 48–50)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from arbitration.models import ArbitrationCase, ArbitrationOutcome, TerminationReason
from arbitration.services.arbitration.base import action, end_case, transition
from arbitration.services.common import close_application
from casework.inputs import PAST, parse_date, require_text
from casework.services.transitions import PreconditionFailed


def _end_with(name: str, outcome: str, *, actor, case_id, reason: str, expected_state) -> ArbitrationCase:
    """Transition ``name`` ends the case with ``outcome`` for ``reason`` (a public step)."""
    with transition(name, case_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        end_case(step.case, outcome, reason)
    return step.case


def arbitration_withdraw(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """撤回仲裁申请 (ARB-RULES Art 35)."""
    reason = require_text(reason, "reason", "请填写撤回情况（如申请人书面申请撤回）")
    return _end_with(
        "withdraw",
        ArbitrationOutcome.WITHDRAWN,
        actor=actor,
        case_id=case_id,
        reason=reason,
        expected_state=expected_state,
    )


def arbitration_cancel(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """撤销案件: accepted but found not to meet the acceptance conditions (ARB-RULES Art 32)."""
    reason = require_text(reason, "reason", "请填写撤销案件的理由")
    return _end_with(
        "cancel",
        ArbitrationOutcome.CANCELLED,
        actor=actor,
        case_id=case_id,
        reason=reason,
        expected_state=expected_state,
    )


def arbitration_terminate(
    *, actor, case_id, reason: str, termination_reason: str = TerminationReason.OTHER, expected_state=None
) -> ArbitrationCase:
    """终止审理 (e.g. a party sued because the award was late, ARB-RULES Art 48)."""
    reason = require_text(reason, "reason", "请填写终止审理的情况")
    if termination_reason not in TerminationReason.values:
        raise ValidationError({"termination_reason": ["请选择终止审理的情形"]})
    with transition("terminate", case_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        step.case.termination_reason = termination_reason
        end_case(step.case, ArbitrationOutcome.TERMINATED, reason)
        step.details["termination_reason"] = termination_reason
    return step.case


def arbitration_close(*, actor, case_id, summary: str, expected_state=None) -> ArbitrationCase:
    """结案, approved by the chair (结案审批表)."""
    summary = require_text(summary, "summary", "请填写结案意见")
    with transition("close", case_id, actor, summary, expected_state, public=True) as step:
        close_application(step, summary)
        step.case.closing_approved_by = actor
        step.details["outcome"] = step.case.outcome
    return step.case


def arbitration_archive(*, actor, case_id, reason: str = "", expected_state=None) -> ArbitrationCase:
    with transition("archive", case_id, actor, reason, expected_state) as step:
        step.fire()
    return step.case


def arbitration_record_court_proceedings(*, actor, case_id, filed_on, note: str = "") -> ArbitrationCase:
    """A party took the award to court (sued, LDMAL Arts 48/50, or applied to revoke it, Art 49).

    Not a state change: the case stays closed; the arbitration finality rate counts it as not final.
    """
    filed_on = parse_date(filed_on, "filed_on", window=PAST, required=True)
    with action(case_id, "record_court_proceedings", actor=actor, reason=(note or "").strip()) as step:
        case = step.case
        if case.closed_at is None or case.outcome != ArbitrationOutcome.AWARD:
            raise PreconditionFailed("只有已作出裁决并结案的案件可以登记起诉情况")
        if filed_on < timezone.localtime(case.closed_at).date():
            raise ValidationError({"filed_on": ["日期应在结案之后、今天之前"]})
        case.court_proceedings_on = filed_on
        case.save(update_fields=["court_proceedings_on", "updated_at"])
        step.details["filed_on"] = filed_on
    return step.case
