"""Penalty and handling: the prior notice, the employer's statement and defence (LIR Art 19), the penalty
or handling decision (LIR Art 26), and a transfer to the police of a suspected crime."""

from casework.inputs import parse_yuan, require_text
from casework.inspection.models import Complaint, ComplaintState
from casework.inspection.services.common import about_wages, complaint_step
from casework.services.notify_public import notify_complainant
from casework.services.transitions import PreconditionFailed, case_action


def complaint_give_penalty_notice(
    *, actor, complaint_id, proposed_fine, facts: str, expected_state=None
) -> Complaint:
    """行政处罚事先告知: the employer may state its case and defend itself (LIR Art 19)."""
    facts = require_text(facts, "facts", "请填写拟处罚的事实、理由和依据")
    fine = parse_yuan(proposed_fine, "proposed_fine", required=True)
    with complaint_step("give_penalty_notice", complaint_id, actor, facts, expected_state) as step:
        step.fire()
        step.case.fine_amount = fine
        step.details["proposed_fine"] = str(fine)
    return step.case


def complaint_record_statement(
    *, actor, complaint_id, statement: str, hearing_requested: bool = False
) -> Complaint:
    """The employer's statement and defence (or a hearing request) after the prior notice (LIR Art 19),
    recorded by an inspector or the unit head."""
    with case_action(Complaint, complaint_id, "record_statement", actor=actor) as step:
        step.reason = require_text(statement, "statement", "请填写陈述申辩内容")
        if step.case.state != ComplaintState.PENALTY_NOTICED:
            raise PreconditionFailed("只有已送达事先告知书的案件可以记录陈述申辩")
        step.details["hearing_requested"] = bool(hearing_requested)
    return step.case


def complaint_decide_penalty(
    *, actor, complaint_id, fine_amount, reason: str, expected_state=None
) -> Complaint:
    reason = require_text(reason, "reason", "请填写处罚决定的事实和依据")
    fine = parse_yuan(fine_amount, "fine_amount", required=True)
    with complaint_step("decide_penalty", complaint_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        step.case.fine_amount, step.case.decision_kind = fine, "penalty"
        step.details["fine_amount"] = str(fine)
    return step.case


def complaint_decide_handling(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """行政处理决定 (e.g. an order to pay the wages owed, LIR Art 26)."""
    reason = require_text(reason, "reason", "请填写处理决定的内容")
    with complaint_step("decide_handling", complaint_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        step.case.decision_kind = "handling"
        if about_wages(step.case):  # an order to pay the wages owed (LIR Art 26)
            step.on_commit(lambda: notify_complainant(step.case, "payment_ordered"))
    return step.case


def complaint_transfer_to_police(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """Suspected crime (e.g. refusing to pay wages, 刑法 Art 276-1): transfer to the police."""
    reason = require_text(reason, "reason", "请填写移送理由")
    with complaint_step(
        "transfer_to_police", complaint_id, actor, reason, expected_state, public=True
    ) as step:
        step.fire()
        step.case.transfer_target = "公安机关"
    return step.case
