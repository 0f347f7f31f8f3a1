"""Routine and special inspections: planning one, every state move (``case_transition``) and every other
logged change (``case_action``): assigning the pair of inspectors, recording a checklist item's result,
opening a case (立案) on a finding through the complaint type's own registration service."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.inputs import AHEAD, parse_date, require_text
from casework.kernel.writes import is_read_only
from casework.proactive.models import (
    ChecklistItem,
    FindingCase,
    Inspection,
    InspectionKind,
    InspectionResult,
    InspectionState,
    ItemResult,
)
from casework.roles import Role
from casework.services.assignment import case_assign
from casework.services.transitions import (
    PreconditionFailed,
    TransitionForbidden,
    case_action,
    case_transition,
    note_on_related_case,
    register_case,
)

PLANNERS = (Role.INSPECTOR, Role.INSPECTION_HEAD)


def inspection_plan(
    *, actor, employer, kind: str, planned_on, campaign=None, draw=None, inspectors=(), grid=None
) -> Inspection:
    """Plan an inspection of ``employer`` (in its county), with its inspectors if known."""
    if actor is not None:
        if is_read_only(actor) or not actor.has_role(*PLANNERS):
            raise TransitionForbidden("只有监察员或监察机构负责人可以安排检查")
        if not (actor.sees_all_jurisdictions or employer.jurisdiction_id in actor.jurisdiction_ids):
            raise TransitionForbidden("不能为其他管辖区域的单位安排检查")
    return plan_inspection(
        actor=actor, employer=employer, kind=kind, planned_on=planned_on, campaign=campaign, draw=draw,
        inspectors=inspectors, grid=grid,
    )  # fmt: skip


def plan_inspection(*, actor, employer, kind, planned_on, campaign=None, draw=None, inspectors=(), grid=None):
    """``inspection_plan`` once the actor's right is settled (a draw plans in every county it covers)."""
    if kind not in InspectionKind.values:
        raise ValidationError({"kind": ["请选择检查方式"]})
    if kind == InspectionKind.SPECIAL and campaign is None:
        raise ValidationError({"campaign": ["专项检查须属于一个专项行动"]})
    entry = getattr(employer, "grid_entry", None) if grid is None else None
    inspection = Inspection(
        jurisdiction_id=employer.jurisdiction_id,
        employer=employer,
        kind=kind,
        campaign=campaign,
        draw=draw,
        grid=grid or (entry.grid if entry else None),
        planned_on=parse_date(planned_on, "planned_on", window=AHEAD, required=True),
        created_by=actor,
    )
    register_case(inspection, actor=actor, label="安排检查", public=False, year=inspection.planned_on.year)
    if inspectors:
        inspection.assignees.set(inspectors)
    return inspection


def _step(name, inspection_id, actor, reason="", expected_state=None):
    return case_transition(
        Inspection, inspection_id, name, actor=actor, reason=reason, expected_state=expected_state
    )


def inspection_notify(*, actor, inspection_id, notified_on=None, reason="", expected_state=None):
    with _step("notify", inspection_id, actor, reason, expected_state) as step:
        step.case.notified_on = parse_date(notified_on, "notified_on") or timezone.localdate()
    return step.case


def inspection_inspect(*, actor, inspection_id, inspected_on=None, reason="", expected_state=None):
    with _step("inspect", inspection_id, actor, reason, expected_state) as step:
        step.case.inspected_on = parse_date(inspected_on, "inspected_on") or timezone.localdate()
    return step.case


def inspection_conclude(*, actor, inspection_id, findings="", expected_state=None):
    """The conclusion: the number of items found violated is the inspection's count of violations."""
    with _step("conclude", inspection_id, actor, findings, expected_state) as step:
        case = step.case
        case.findings = require_text(findings, "findings", "请填写检查结论")
        case.violations_found = case.results.filter(result=ItemResult.VIOLATION).count()
        step.details["violations_found"] = case.violations_found
    return step.case


def inspection_order_rectification(*, actor, inspection_id, due_on=None, items="", expected_state=None):
    """责令整改 (LIR Art 18, 30): the violations found, corrected by a date."""
    with _step("order_rectification", inspection_id, actor, items, expected_state) as step:
        case = step.case
        case.rectification_due = parse_date(
            due_on, "due_on", window=AHEAD, required=True, not_before=timezone.localdate()
        )
        case.rectification_items = require_text(items, "items", "请填写整改事项")
        step.details["due_on"] = case.rectification_due.isoformat()
    return step.case


def inspection_close_clean(*, actor, inspection_id, reason="", expected_state=None):
    with _step("close_clean", inspection_id, actor, reason, expected_state) as step:
        step.case.outcome = reason or "未发现违法行为"
        step.case.closed_at = timezone.now()
    return step.case


def inspection_close(*, actor, inspection_id, reason="", expected_state=None):
    with _step("close", inspection_id, actor, reason, expected_state) as step:
        step.case.outcome = require_text(reason, "reason", "请填写整改及办结情况")
        step.case.closed_at = timezone.now()
    return step.case


TRANSITION_SERVICES = {
    "notify": inspection_notify,
    "inspect": inspection_inspect,
    "conclude": inspection_conclude,
    "order_rectification": inspection_order_rectification,
    "close_clean": inspection_close_clean,
    "close": inspection_close,
}


# --- logged actions --------------------------------------------------------------------------------------
def inspection_assign(*, actor, inspection_id, inspectors):
    """The pair of inspectors (LIR Art 16: at least two)."""
    return case_assign(
        Inspection,
        inspection_id,
        actor=actor,
        users=list(inspectors),
        roles=PLANNERS,
        minimum=2,
        minimum_message="检查须至少指派两名监察员（监察条例第十六条）",
        label="指派检查人员",
    )


def inspection_record_result(*, actor, inspection_id, item, result, note=""):
    """The result of one checklist item, recorded while the inspection is being made (it may be corrected
    until the conclusion)."""
    with case_action(Inspection, inspection_id, "record_result", actor=actor) as step:
        case = step.case
        if case.state not in (InspectionState.NOTIFIED, InspectionState.INSPECTED):
            raise PreconditionFailed("只能在检查实施期间登记检查结果")
        if not isinstance(item, ChecklistItem) or not item.applies_to(case.kind) or not item.is_active:
            raise ValidationError({"item": ["该检查事项不适用于本次检查"]})
        if result not in ItemResult.values:
            raise ValidationError({"result": ["请选择检查结果"]})
        InspectionResult.objects.update_or_create(
            inspection=case, item=item, defaults={"result": result, "note": (note or "").strip()}
        )
        step.details.update({"item": item.code, "result": result})
    return step.case


def inspection_open_case(*, actor, inspection_id, facts, violation_types=(), arrears_amount=None):
    """立案 on a finding: a labour-inspection case against the inspected employer, registered by the
    complaint type's own service (channel: found by an inspector), linked to the inspection in both logs."""
    from casework.inspection.models import ComplaintKind, IntakeChannel
    from casework.inspection.services import complaint_register

    with case_action(Inspection, inspection_id, "open_case", actor=actor) as step:
        case = step.case
        if (
            case.state not in (InspectionState.FINDINGS, InspectionState.RECTIFICATION)
            or not case.violations_found
        ):
            raise PreconditionFailed("只有发现违法行为的检查结论可以立案")
        facts = require_text(facts, "facts", "请填写违法事实")
        complaint = complaint_register(
            actor=actor,
            jurisdiction=case.jurisdiction,
            kind=ComplaintKind.REPORT,
            channel=IntakeChannel.INSPECTOR,
            employer=case.employer,
            workplace=case.employer.address or case.employer.name,
            facts=f"{case.number}检查发现：{facts}",
            violation_types=list(violation_types) or ["other"],
            arrears_amount=arrears_amount,
        )
        FindingCase.objects.create(
            inspection=case, case_type=complaint.CASE_TYPE, case_id=complaint.pk, case_number=complaint.number
        )
        note_on_related_case(
            type(complaint), complaint.pk, name="from_inspection", label="由检查发现立案", actor=actor,
            details={"inspection": case.number},
        )  # fmt: skip
        step.details.update({"opened": complaint.number})
    return complaint
