"""The 45 days: extension, suspension, resumption and the events that restart them, among them an added
claim (LDMAL Art 43; ARB-RULES Arts 44–47)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arbitration.finality import refresh_finality
from arbitration.models import ArbitrationCase, ArbitrationState, Suspension
from arbitration.models.arbitration_rules import IN_PROCEEDINGS
from arbitration.services.arbitration.base import AWARD, action, transition
from arbitration.services.common import act_on, clean_claims, create_claims
from casework.deadlines.rules import get_rule
from casework.inputs import parse_int, require_text
from casework.services import deadlines
from casework.services.transitions import PreconditionFailed

S = ArbitrationState


def arbitration_extend(*, actor, case_id, reason: str, days=None, expected_state=None) -> ArbitrationCase:
    """The chair extends the award period once, by 1 to 15 days (15 unless fewer are given), in writing
    (延期审理审批表, LDMAL Art 43: "延长期限不得超过十五日")."""
    reason = require_text(reason, "reason", "请填写案情复杂需要延期的理由")
    most = get_rule(AWARD).extension_period
    days = parse_int(most if days in (None, "") else days, "days", minimum=1, maximum=most)
    with transition("extend", case_id, actor, reason, expected_state, public=True) as step:
        case = step.case
        if deadlines.running(case, AWARD) is None:
            raise PreconditionFailed("审理期限未在计算，不能延长")
        step.fire()
        deadline = deadlines.extend(case, AWARD, days=days)
        case.extended, case.extended_on, case.extension_reason = True, timezone.localdate(), reason
        case.extension_days = days
        case.extension_approved_by = actor
        step.details.update({"award_due": deadline.due_on, "days": days})
    return step.case


def arbitration_suspend(*, actor, case_id, reason: str, on=None, expected_state=None) -> ArbitrationCase:
    """中止审理 (ARB-RULES Art 47): the 45 days stop running from ``on`` (Art 46)."""
    reason = require_text(reason, "reason", "请填写中止审理的理由")
    with transition("suspend", case_id, actor, reason, expected_state) as step:
        case = step.case
        on = act_on(on, after=case.accepted_on, after_label="受理日期")
        case.suspended_from_state = case.state
        step.fire()
        deadlines.pause(case, AWARD, on=on)
        Suspension.objects.create(case=case, suspended_on=on, reason=reason, approved_by=actor)
        step.details["suspended_on"] = on
    return step.case


def arbitration_resume(*, actor, case_id, reason: str, on=None, expected_state=None) -> ArbitrationCase:
    """恢复审理: the days of suspension are not counted; the award date moves by as many days."""
    reason = require_text(reason, "reason", "请填写恢复审理的理由（中止原因已消除）")
    with transition("resume", case_id, actor, reason, expected_state) as step:
        case = step.case
        suspension = case.suspensions.filter(resumed_on__isnull=True).order_by("-id").first()
        on = act_on(on, after=suspension.suspended_on if suspension else None, after_label="中止日期")
        before = deadlines.running(case, AWARD)
        paused_before = before.paused_days if before else 0
        step.fire()
        deadline = deadlines.resume(case, AWARD, on=on)
        case.suspended_from_state = ""
        if suspension:
            suspension.resumed_on, suspension.resume_reason = on, reason
            suspension.days_not_counted = (deadline.paused_days - paused_before) if deadline else 0
            suspension.save()
        step.details.update({"resumed_on": on, "award_due": deadline.due_on if deadline else None})
    return step.case


def restart_award_clock(*, actor, case_id, reason_code: str, note: str = "", on=None) -> ArbitrationCase:
    """The 45 days start afresh from ``on`` after joinder, completed correction, an amended claim, a merged
    counterclaim or a transfer (ARB-RULES Art 46; ``reason_code`` is one of the rule's restart events).
    A new period: the chair may extend it once again."""
    events = {e.code: e for e in get_rule(AWARD).restart_events}
    if reason_code not in events:
        raise ValidationError({"reason_code": ["请选择重新计算审理期限的法定事由"]})
    with action(case_id, "restart_award_clock", actor=actor, reason=(note or "").strip()) as step:
        case = step.case
        if case.state not in IN_PROCEEDINGS:
            raise PreconditionFailed(
                f"案件当前状态为“{case.get_state_display()}”，不能重新计算审理期限（中止期间请先恢复审理）"
            )
        on = act_on(on, after=case.accepted_on, after_label="受理日期")
        deadline = deadlines.restart(case, AWARD, on=on)
        case.extended = False
        case.save(update_fields=["extended", "updated_at"])
        step.label = f"重新计算审理期限（{events[reason_code].label}）"
        step.details.update({"reason_code": reason_code, "from": on, "award_due": deadline.due_on})
    return step.case


@transaction.atomic
def arbitration_add_claim(
    *, actor, case_id, claim_type: str, amount=None, description: str = "", on=None
) -> ArbitrationCase:
    """增加或变更仲裁请求 (ARB-RULES Art 44). After acceptance this restarts the 45 days (Art 46): the claim,
    its log entry, the restarted clock and its log entry are one transaction."""
    [claim] = clean_claims(
        [{"claim_type": claim_type, "amount": amount, "description": description}], field="claim_type"
    )
    with action(case_id, "add_claim", actor=actor) as step:
        case = step.case
        if case.state not in (S.APPLIED, S.MATERIALS_REQUESTED, *IN_PROCEEDINGS):
            raise PreconditionFailed(f"案件当前状态为“{case.get_state_display()}”，不能增加仲裁请求")
        on = act_on(on, after=case.received_on, after_label="收到申请日期")
        [item] = create_claims(case, [claim], on=on)
        refresh_finality(case)
        step.details.update({"claim": str(item), "on": on})
    if case.state in IN_PROCEEDINGS:
        restart_award_clock(actor=actor, case_id=case_id, reason_code="claim_amended", note=str(item), on=on)
    return ArbitrationCase.objects.get(pk=case_id)
