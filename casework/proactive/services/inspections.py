"""Routine and special inspections: planning one, every state move (``case_transition``) and every other
logged change (``case_action``): assigning the pair of inspectors, recording a checklist item's result,
opening a case (立案) on a finding through the registered openers of the kernel (``casework.kernel.intake``)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.inputs import AHEAD, parse_date, require_text
from casework.kernel.intake import CaseIntake, open_case_from
from casework.kernel.writes import is_read_only
from casework.models import LinkKind
from casework.proactive.models import (
    ChecklistItem,
    Inspection,
    InspectionKind,
    InspectionResult,
    InspectionState,
    ItemResult,
)
from casework.roles import Role
from casework.services import deadlines
from casework.services.assignment import case_assign
from casework.services.links import link_cases
from casework.services.transitions import (
    PreconditionFailed,
    TransitionForbidden,
    case_action,
    case_transition,
    register_case,
)

PLANNERS = (Role.INSPECTOR, Role.INSPECTION_HEAD)
OUTCOME_PUBLICATION = "inspection.outcome_publication"  # casework.deadlines.inspection_periods


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


def _closed(step, outcome: str) -> None:
    """The closing; an inspection drawn at random must then have its outcome published within the period of
    the draw's rules (国发〔2019〕5号, statutes.md §7)."""
    case = step.case
    case.outcome, case.closed_at = outcome, timezone.now()
    if case.draw_id is not None:
        deadlines.start(
            case,
            OUTCOME_PUBLICATION,
            on=timezone.localdate(case.closed_at),
            period=case.draw.publication_days,
        )


def inspection_close_clean(*, actor, inspection_id, reason="", expected_state=None):
    with _step("close_clean", inspection_id, actor, reason, expected_state) as step:
        _closed(step, reason or "未发现违法行为")
    return step.case


def inspection_close(*, actor, inspection_id, reason="", expected_state=None):
    with _step("close", inspection_id, actor, reason, expected_state) as step:
        _closed(step, require_text(reason, "reason", "请填写整改及办结情况"))
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


def inspection_publish_outcome(*, actor, inspection_id):
    """公示: the outcome of a closed inspection drawn at random goes on the draw's public page; the
    publication deadline is met."""
    with case_action(Inspection, inspection_id, "publish_outcome", actor=actor) as step:
        case = step.case
        if case.draw_id is None:
            raise PreconditionFailed("只有随机抽查的检查结果在抽查公开页面公示")
        if case.state != InspectionState.CLOSED:
            raise PreconditionFailed("检查办结后方可公示检查结果")
        if case.outcome_published_at is not None:
            raise PreconditionFailed("检查结果已经公示")
        case.outcome_published_at = timezone.now()
        case.save(update_fields=["outcome_published_at"])
        met = deadlines.meet(case, OUTCOME_PUBLICATION, on=timezone.localdate(case.outcome_published_at))
        step.details["on_time"] = bool(met and met.met_on <= met.due_on)
    return step.case


def inspection_open_case(
    *, actor, inspection_id, kind, facts, violation_types=(), arrears_amount=None, workers=1
):
    """立案 on a finding: a case of ``kind`` — a labour-inspection case (complaint type, channel: found by an
    inspector) or a wage-arrears case — against the inspected employer, opened by the type's own registered
    opener (``casework.kernel.intake``) and linked to the inspection (``CaseLink``, noted in both logs)."""
    with case_action(Inspection, inspection_id, "open_case", actor=actor) as step:
        case = step.case
        if (
            case.state not in (InspectionState.FINDINGS, InspectionState.RECTIFICATION)
            or not case.violations_found
        ):
            raise PreconditionFailed("只有发现违法行为的检查结论可以立案")
        intake = CaseIntake(
            jurisdiction=case.jurisdiction,
            source="inspection",
            source_label="主动监察检查发现",
            number=case.number,
            channel="inspection",
            received_on=timezone.localdate(),
            facts=require_text(facts, "facts", "请填写违法事实"),
            employer=case.employer,
            employer_name=case.employer.name,
            workplace=case.employer.address or case.employer.name,
            amount=arrears_amount,
            workers=workers or 1,
            violation_types=tuple(violation_types),
        )
        opened = open_case_from(kind, actor=actor, intake=intake)
        link_cases(actor=actor, case=case, target=opened, kind=LinkKind.FINDING)
        step.details.update({"opened": opened.number, "case_type": opened.CASE_TYPE})
    return opened
