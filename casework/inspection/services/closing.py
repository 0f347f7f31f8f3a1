"""Closing (结案, approved by the unit head, with the outcome the statistics count), withdrawals and archiving."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.inputs import INT_MAX, parse_int, parse_yuan, require_text
from casework.inspection.models import Complaint, ComplaintState, Outcome
from casework.inspection.services.common import INVESTIGATE, complaint_step
from casework.services import deadlines
from casework.services.notify_public import notify_complainant

# The outcomes that need the case to have come that way.
OUTCOME_STATES = {
    Outcome.PENALTY_IMPOSED: {ComplaintState.DECIDED},
    Outcome.HANDLING_DECISION: {ComplaintState.DECIDED},
    Outcome.POLICE_TRANSFERRED: {ComplaintState.POLICE_TRANSFERRED},
}


def _closing_figures(outcome, recovered_amount, recovered_workers):
    if not outcome:
        raise ValidationError({"outcome": ["请选择结案情形"]})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": ["未知的结案情形"]})
    amount = parse_yuan(recovered_amount or 0, "recovered_amount", allow_zero=True)
    workers = parse_int(recovered_workers or 0, "recovered_workers", minimum=0, maximum=INT_MAX)
    if outcome == Outcome.ARREARS_RECOVERED and (amount <= 0 or workers <= 0):
        raise ValidationError({"recovered_amount": ["追回拖欠工资结案的，须填写追回金额和涉及人数"]})
    return amount, workers


def _outcome_fits(case: Complaint, outcome: str) -> None:
    needed = OUTCOME_STATES.get(outcome)
    if needed and case.state not in needed:
        raise ValidationError({"outcome": [f"案件当前状态为“{case.get_state_display()}”，不能以该情形结案"]})
    if outcome == Outcome.PENALTY_IMPOSED and case.decision_kind != "penalty":
        raise ValidationError({"outcome": ["尚未作出行政处罚决定"]})


def complaint_close(
    *,
    actor,
    complaint_id,
    outcome: str,
    summary: str,
    recovered_amount=0,
    recovered_workers: int = 0,
    expected_state=None,
) -> Complaint:
    """结案, approved by the unit head, with an outcome code (the statistics count from it)."""
    amount, workers = _closing_figures(outcome, recovered_amount, recovered_workers)
    summary = require_text(summary, "summary", "请填写结案意见")
    with complaint_step("close", complaint_id, actor, summary, expected_state, public=True) as step:
        case = step.case
        _outcome_fits(case, outcome)
        step.fire()
        case.outcome, case.closing_summary = outcome, summary
        case.recovered_amount, case.recovered_workers = amount, workers
        case.closed_at = timezone.now()
        deadlines.meet(case, INVESTIGATE)
        deadlines.cancel(case)
        step.details.update(
            {"outcome": outcome, "recovered_amount": str(amount), "recovered_workers": workers}
        )
        milestone = "recovered_closed" if outcome == Outcome.ARREARS_RECOVERED else "closed"
        notify_complainant(case, milestone)
    return step.case


def complaint_withdraw_case(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """撤销立案: the violation is minor and already corrected (LIR Art 18)."""
    reason = require_text(reason, "reason", "请填写撤销立案的理由")
    with complaint_step("withdraw_case", complaint_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        step.case.outcome, step.case.closing_summary = Outcome.WITHDRAWN, reason
        step.case.closed_at = timezone.now()
        deadlines.cancel(step.case)
    return step.case


def complaint_withdraw_complaint(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    reason = require_text(reason, "reason", "请填写撤回原因（如投诉人书面申请撤回）")
    with complaint_step(
        "withdraw_complaint", complaint_id, actor, reason, expected_state, public=True
    ) as step:
        was_accepted = step.case.state == ComplaintState.ACCEPTED
        step.fire()
        step.case.outcome, step.case.closing_summary = Outcome.WITHDRAWN, reason
        if was_accepted:  # an accepted complaint counts as a closed case; one never accepted does not
            step.case.closed_at = timezone.now()
        deadlines.cancel(step.case)
    return step.case


def complaint_archive(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with complaint_step("archive", complaint_id, actor, reason, expected_state) as step:
        step.fire()
    return step.case
