"""The penalty procedure: the prior notice with the statement period and, for a large fine, the hearing right
(APL 2021 Arts 44, 63–64; LIR Art 19), the party's statement and defence, and the decision that answers it
(APL 2021 Arts 45, 60–62); a transfer to the police of a suspected crime.

The hearing itself (request, notice, hearing, report) is in ``casework.inspection.services.hearing``.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.deadlines.compute import DeadlineError, compute_due
from casework.inputs import parse_int, parse_yuan, require_text
from casework.inspection.models import Complaint, ComplaintState
from casework.inspection.procedure_models import PartyKind, PenaltyProcedure
from casework.inspection.procedure_rules import hearing_threshold_on
from casework.inspection.services.common import (
    HEARING_NOTICE,
    HEARING_REQUEST,
    PENALTY_DECIDE,
    PENALTY_SERVE,
    STATEMENT,
    complaint_step,
)
from casework.services import deadlines
from casework.services.transitions import PreconditionFailed, case_action

# The statement and defence period the notice names (no statute fixes it: APL 2021 Arts 44–45; the
# days are working days, Art 85). 3 working days unless the inspector sets another within the bounds.
STATEMENT_DAYS = 3
STATEMENT_DAYS_RANGE = (3, 15)
THRESHOLD_ADMIN = "/admin/inspection/hearingthreshold/"


def _due(rule: str, on, case, period=None):
    try:
        return compute_due(rule, on, jurisdiction=case.jurisdiction_id, period=period).due
    except DeadlineError as exc:
        raise ValidationError({exc.field: [exc.message]}) from None


def _hearing_right(fine: Decimal, on) -> bool:
    """APL 2021 Art 63: a fine of at least the province's 较大数额 gives the right to a hearing. The
    employer is a legal person or other organisation; no row for the date is a message, not a guess."""
    threshold = hearing_threshold_on(PartyKind.ORGANISATION, on)
    if threshold is None:
        raise PreconditionFailed(
            f"{on:%Y-%m-%d}没有有效的听证标准（较大数额罚款），请系统管理员在后台“听证标准”（{THRESHOLD_ADMIN}）补录"
        )
    return fine >= threshold


def complaint_give_penalty_notice(
    *, actor, complaint_id, proposed_fine, facts: str, statement_days=None, expected_state=None
) -> Complaint:
    """行政处罚事先告知: the intended penalty on the findings, the statement period and, for a large fine,
    the right to a hearing within 5 working days; both periods run as deadlines (APL 2021 Arts 44, 64)."""
    facts = require_text(facts, "facts", "请填写拟处罚的理由")
    fine = parse_yuan(proposed_fine, "proposed_fine", required=True)
    low, high = STATEMENT_DAYS_RANGE
    days = parse_int(statement_days or STATEMENT_DAYS, "statement_days", minimum=low, maximum=high)
    with complaint_step("give_penalty_notice", complaint_id, actor, facts, expected_state) as step:
        case, today = step.case, timezone.localdate()
        step.fire()  # the findings must be recorded (``findings_recorded``)
        hearing = _hearing_right(fine, today)
        PenaltyProcedure.objects.filter(complaint=case).delete()  # a notice given again replaces the last
        procedure = PenaltyProcedure.objects.create(
            complaint=case,
            noticed_on=today,
            proposed_fine=fine,
            statement_days=days,
            statement_due=_due(STATEMENT, today, case, period=days),
            hearing_right=hearing,
            hearing_request_due=_due(HEARING_REQUEST, today, case) if hearing else None,
        )
        case.fine_amount = fine
        deadlines.start(case, STATEMENT, on=today, period=days)
        if hearing:
            deadlines.start(case, HEARING_REQUEST, on=today)
        if case.filed_on:  # APL 2021 Art 60: 90 days from filing
            deadlines.start(case, PENALTY_DECIDE, on=case.filed_on)
        step.details.update(
            {"proposed_fine": str(fine), "statement_due": procedure.statement_due, "hearing_right": hearing}
        )
    return step.case


def noticed_procedure(case) -> PenaltyProcedure:
    procedure = PenaltyProcedure.objects.filter(complaint=case).first()
    if case.state != ComplaintState.PENALTY_NOTICED or procedure is None:
        raise PreconditionFailed("只有已送达行政处罚事先告知书的案件可以办理")
    return procedure


def request_hearing(case, procedure, on) -> None:
    """Record a hearing request (APL 2021 Art 64: within 5 working days, where the right was given)."""
    if not procedure.hearing_right:
        raise ValidationError({"hearing_requested": ["拟处罚未达到较大数额罚款标准，当事人无申请听证的权利"]})
    if procedure.hearing_requested:
        raise PreconditionFailed("当事人已申请听证")
    if on > procedure.hearing_request_due:
        raise ValidationError(
            {
                "hearing_requested": [
                    f"申请听证期限已于{procedure.hearing_request_due:%Y-%m-%d}届满（行政处罚法第六十四条）"
                ]
            }
        )
    procedure.hearing_requested_on = on
    deadlines.meet(case, HEARING_REQUEST, on=on)


def complaint_record_statement(
    *, actor, complaint_id, statement: str, hearing_requested: bool = False
) -> Complaint:
    """The employer's statement and defence after the prior notice (LIR Art 19; APL 2021 Art 45), with its
    hearing request when it makes one, recorded by an inspector or the unit head."""
    with case_action(Complaint, complaint_id, "record_statement", actor=actor) as step:
        step.reason = require_text(statement, "statement", "请填写陈述申辩内容")
        case, today = step.case, timezone.localdate()
        procedure = noticed_procedure(case)
        procedure.statement, procedure.statement_on = step.reason, today
        deadlines.meet(case, STATEMENT, on=today)
        if hearing_requested:
            request_hearing(case, procedure, today)
        elif procedure.hearing_right and not procedure.hearing_requested:
            deadlines.meet(case, HEARING_REQUEST, on=today)  # stated its case and asked for no hearing
        procedure.save()
        step.details["hearing_requested"] = bool(hearing_requested)
    return step.case


def start_service_period(case, *, on) -> None:
    """APL 2021 Art 61: the decision is served within 7 (working) days. Started on the day the decision is
    issued; the one place that starts it, so that the service record can start it from another day."""
    deadlines.start(case, PENALTY_SERVE, on=on)


def complaint_decide_penalty(
    *, actor, complaint_id, fine_amount, reason: str, defence_answer: str = "", expected_state=None
) -> Complaint:
    """行政处罚决定 once the statement and hearing are over (``defence_concluded``): the fine, the reasons,
    and the bureau's answer to the defence (APL 2021 Arts 45, 65)."""
    reason = require_text(reason, "reason", "请填写处罚决定的事实和依据")
    fine = parse_yuan(fine_amount, "fine_amount", required=True)
    answer = (defence_answer or "").strip()
    with complaint_step("decide_penalty", complaint_id, actor, reason, expected_state, public=True) as step:
        case, today = step.case, timezone.localdate()
        procedure = PenaltyProcedure.objects.filter(complaint=case).first()
        step.fire()  # the periods have lapsed or the statement/hearing concluded (``defence_concluded``)
        if fine > procedure.proposed_fine:  # APL 2021 Art 45: no heavier penalty for defending oneself
            raise ValidationError(
                {
                    "fine_amount": [
                        f"罚款不得高于事先告知的{procedure.proposed_fine}元（行政处罚法第四十五条）"
                    ]
                }
            )
        if (procedure.statement or procedure.hearing_requested) and not answer:
            raise ValidationError({"defence_answer": ["请填写对当事人陈述申辩（听证意见）的采纳情况及理由"]})
        procedure.defence_answer, procedure.decided_on = answer, today
        procedure.save(update_fields=["defence_answer", "decided_on"])
        case.fine_amount, case.decision_kind = fine, "penalty"
        deadlines.meet(case, PENALTY_DECIDE, on=today)
        deadlines.cancel(case, [STATEMENT, HEARING_REQUEST, HEARING_NOTICE])
        start_service_period(case, on=today)
        step.details["fine_amount"] = str(fine)
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
