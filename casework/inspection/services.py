"""Labour-inspection complaints: every state change is one function here (see models/complaint.py).

Each ``complaint_<verb>(*, actor, complaint_id, expected_state=None, ...)`` validates its payload, runs the
django-fsm transition through ``case_transition`` (row lock, visibility, permission, preconditions, log) and
starts or stops the statutory deadlines it concerns, in one transaction.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.inspection.models import (
    Complaint,
    ComplaintKind,
    ComplaintState,
    IntakeChannel,
    Outcome,
    ViolationType,
)
from casework.models import Jurisdiction, User
from casework.roles import Role
from casework.selectors.visibility import can_see
from casework.services import deadlines
from casework.services.notify_public import notify_complainant
from casework.services.transitions import (
    CaseNotFound,
    PreconditionFailed,
    TransitionForbidden,
    case_transition,
    lock_case,
    record_event,
    register_case,
    submitted_case,
)

ACCEPT = "inspection.accept"
INVESTIGATE = "inspection.investigate"
RECTIFY = "inspection.rectification"


def _require(value, field: str, message: str):
    if value in (None, "", [], ()):
        raise ValidationError({field: [message]})
    return value


def _money(value, field: str, *, positive: bool = False) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except Exception:
        raise ValidationError({field: ["请输入正确的金额（元）"]}) from None
    if amount < 0 or (positive and amount == 0):
        raise ValidationError({field: ["金额必须大于零" if positive else "金额不能为负数"]})
    return amount


def _about_wages(case) -> bool:
    """Wage arrears are among the complaint's violations: an order to correct is an order to pay."""
    return ViolationType.WAGE_ARREARS in (case.violation_types or [])


# --- intake ---------------------------------------------------------------------------------------------
@transaction.atomic
def complaint_register(
    *,
    actor,
    jurisdiction: Jurisdiction,
    facts: str,
    workplace: str,
    kind: str = ComplaintKind.COMPLAINT,
    channel: str = IntakeChannel.WINDOW,
    received_on: date | None = None,
    complainant=None,
    co_complainants=(),
    employer=None,
    employer_name_given: str = "",
    project_name: str = "",
    violation_types=(),
    violation_started_on=None,
    violation_ended_on=None,
    arrears_amount=None,
    arrears_months=None,
    workers_affected: int = 1,
    green_channel: bool = False,
    submission_key: str | None = None,
) -> Complaint:
    """Register a complaint or report and start the 5-working-day acceptance clock (LIR-IMPL Art 18)."""
    if actor is not None:
        if not actor.has_role(Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD):
            raise TransitionForbidden("只有登记员或监察员可以登记投诉举报")
        if not (actor.sees_all_jurisdictions or jurisdiction.id in actor.jurisdiction_ids):
            raise TransitionForbidden("不能为其他管辖区域登记投诉")
    if existing := submitted_case(Complaint, submission_key):
        return existing
    anonymous = complainant is None
    if kind == ComplaintKind.COMPLAINT and anonymous:
        raise ValidationError({"complainant": ["投诉须登记投诉人身份；匿名请按举报登记"]})
    unknown = set(violation_types) - set(ViolationType.values)
    if unknown:
        raise ValidationError({"violation_types": [f"未知的违法类型：{'、'.join(sorted(unknown))}"]})
    if employer is None and not employer_name_given:
        raise ValidationError({"employer": ["请选择被投诉单位，或填写投诉人所述的单位名称"]})
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": ["收到日期不能晚于今天"]})
    if violation_started_on and violation_ended_on and violation_ended_on < violation_started_on:
        raise ValidationError({"violation_ended_on": ["终了日期不能早于开始日期"]})
    if ViolationType.WAGE_ARREARS in violation_types:
        _require(arrears_amount, "arrears_amount", "拖欠工资的投诉请填写欠薪金额")
        arrears_amount = _money(arrears_amount, "arrears_amount", positive=True)
    if workers_affected is None or int(workers_affected) < 1:
        raise ValidationError({"workers_affected": ["涉及人数至少为1人"]})
    complaint = Complaint(
        jurisdiction=jurisdiction,
        kind=kind,
        channel=channel,
        received_on=received_on,
        anonymous=anonymous,
        complainant=complainant,
        employer=employer,
        employer_name_given=employer_name_given or (employer.name if employer else ""),
        workplace=workplace,
        project_name=project_name,
        facts=facts,
        violation_types=list(violation_types),
        violation_started_on=violation_started_on,
        violation_ended_on=violation_ended_on,
        arrears_amount=arrears_amount,
        arrears_months=arrears_months,
        workers_affected=workers_affected,
        green_channel=green_channel or channel == IntakeChannel.GREEN_CHANNEL,
        submission_key=submission_key,
    )
    register_case(
        complaint,
        actor=actor,
        label="登记" + complaint.get_kind_display(),
        details={"channel": channel},
        public=True,
        year=received_on.year,
    )
    if co_complainants:
        complaint.co_complainants.set(co_complainants)
    deadlines.start(complaint, ACCEPT, on=received_on)
    return complaint


def complaint_attach(
    *, actor, complaint_id: int, complainant, facts: str = "", arrears_amount=None, workers_affected: int = 1
) -> Complaint:
    """Attach a new complaint to an open case against the same employer instead of opening another."""
    with transaction.atomic():
        complaint = lock_case(Complaint, complaint_id)
        if not can_see(actor, complaint) or not complaint.is_open:
            raise PreconditionFailed("只能并入本辖区尚未办结的案件")
        if complainant is not None and complainant.pk not in {complaint.complainant_id}:
            complaint.co_complainants.add(complainant)
        complaint.workers_affected += max(int(workers_affected or 0), 0)
        if arrears_amount not in (None, ""):
            complaint.arrears_amount = (complaint.arrears_amount or Decimal("0")) + _money(
                arrears_amount, "arrears_amount", positive=True
            )
        complaint.save(update_fields=["workers_affected", "arrears_amount", "updated_at"])
    record_event(
        Complaint,
        complaint_id,
        name="attach_complaint",
        label="并入新投诉",
        actor=actor,
        reason=facts,
        details={"workers_added": workers_affected, "arrears_added": arrears_amount},
    )
    return complaint


def complaint_identify_employer(*, actor, complaint_id: int, employer) -> Complaint:
    """Name the registered employer a complaint is about, before acceptance.

    An identifiable employer is a condition of acceptance (LIR-IMPL Art 18); a worker complaining online
    often knows only a name ("包工头张某"), so the inspector looks the employer up and records it here.
    """
    with transaction.atomic():
        complaint = lock_case(Complaint, complaint_id)
        if not can_see(actor, complaint):
            raise CaseNotFound("案件不存在")
        if not actor.has_role(Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD):
            raise TransitionForbidden("只有登记员或监察员可以确定被投诉单位")
        if complaint.state not in (ComplaintState.REGISTERED, ComplaintState.SUPPLEMENT_REQUESTED):
            raise PreconditionFailed("只能在受理前确定被投诉单位")
        if employer is None:
            raise ValidationError({"employer": ["请选择被投诉单位"]})
        complaint.employer = employer
        complaint.save(update_fields=["employer", "updated_at"])
        record_event(
            Complaint,
            complaint_id,
            name="identify_employer",
            label="确定被投诉单位",
            actor=actor,
            details={"employer": employer.pk, "name": employer.name},
        )
    return complaint


# --- acceptance -----------------------------------------------------------------------------------------
def complaint_request_supplement(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    _require(reason, "reason", "请一次性列明需要补正的全部内容")
    with case_transition(
        Complaint,
        complaint_id,
        "request_supplement",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        deadlines.pause(step.case, ACCEPT, on=timezone.localdate())
    return step.case


def complaint_receive_supplement(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with case_transition(
        Complaint,
        complaint_id,
        "receive_supplement",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
    ) as step:
        step.fire()
        # The 5 working days run afresh from the day the complete materials arrive.
        deadlines.restart(step.case, ACCEPT, on=timezone.localdate())
    return step.case


def complaint_accept(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with case_transition(
        Complaint,
        complaint_id,
        "accept",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        step.case.accepted_on = timezone.localdate()
        deadlines.meet(step.case, ACCEPT)
        step.on_commit(lambda: notify_complainant(step.case, "accepted"))
    return step.case


def complaint_refuse(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """不予受理: a written refusal with reasons within the 5 working days (LIR-IMPL Art 18)."""
    _require(reason, "reason", "请填写不予受理的理由")
    with case_transition(
        Complaint,
        complaint_id,
        "refuse",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        step.case.refusal_reason = reason
        deadlines.meet(step.case, ACCEPT)
        deadlines.cancel(step.case)
        step.on_commit(lambda: notify_complainant(step.case, "not_accepted"))
    return step.case


def complaint_transfer(
    *,
    actor,
    complaint_id,
    reason: str,
    target_jurisdiction: Jurisdiction | None = None,
    target_authority: str = "",
    expected_state=None,
) -> Complaint:
    """Outside our territory or powers: hand it to the competent bureau (a new case there) or authority."""
    _require(reason, "reason", "请填写转办理由")
    if (target_jurisdiction is None) == (not target_authority):
        raise ValidationError(
            {"target_jurisdiction": ["请选择转办的管辖区域，或填写移送的其他部门（二选一）"]}
        )
    with case_transition(
        Complaint,
        complaint_id,
        "transfer",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        case = step.case
        if target_jurisdiction is not None and target_jurisdiction.pk == case.jurisdiction_id:
            raise ValidationError({"target_jurisdiction": ["不能转办给本管辖区域"]})
        step.fire()
        case.transfer_target = target_jurisdiction.name if target_jurisdiction else target_authority
        deadlines.meet(case, ACCEPT)
        deadlines.cancel(case)
        if target_jurisdiction is not None:
            new_case = Complaint(
                jurisdiction=target_jurisdiction,
                kind=case.kind,
                channel=case.channel,
                received_on=timezone.localdate(),
                anonymous=case.anonymous,
                complainant=case.complainant,
                employer=case.employer,
                employer_name_given=case.employer_name_given,
                workplace=case.workplace,
                project_name=case.project_name,
                facts=case.facts,
                violation_types=case.violation_types,
                violation_started_on=case.violation_started_on,
                violation_ended_on=case.violation_ended_on,
                arrears_amount=case.arrears_amount,
                arrears_months=case.arrears_months,
                workers_affected=case.workers_affected,
                green_channel=case.green_channel,
            )
            register_case(
                new_case,
                actor=actor,
                label=f"由{case.jurisdiction.name}转来",
                details={"from_case": case.number},
                public=True,
            )
            new_case.co_complainants.set(case.co_complainants.all())
            deadlines.start(new_case, ACCEPT, on=new_case.received_on)
            case.transferred_to = new_case
            step.details["new_case"] = new_case.number
        step.details["target"] = case.transfer_target
    return step.case


# --- filing and investigation -------------------------------------------------------------------------
def complaint_file(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    """立案, approved by the unit head; the 60-working-day investigation period starts (LIR Art 17)."""
    with case_transition(
        Complaint,
        complaint_id,
        "file_case",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        step.case.filed_on = timezone.localdate()
        deadline = deadlines.start(step.case, INVESTIGATE, on=step.case.filed_on)
        step.details["investigation_due"] = deadline.due_on
        step.on_commit(lambda: notify_complainant(step.case, "filed"))
    return step.case


def complaint_assign(*, actor, complaint_id, inspectors: list[User]) -> Complaint:
    """The unit head assigns the inspectors (at least two act on a case, LIR Art 16)."""
    with transaction.atomic():
        complaint = lock_case(Complaint, complaint_id)
        if not can_see(actor, complaint):
            raise PreconditionFailed("案件不存在")
        if not actor.has_role(Role.INSPECTION_HEAD):
            raise TransitionForbidden("只有监察机构负责人可以指派承办监察员")
        if not complaint.is_open:
            raise PreconditionFailed("案件已办结，不能再指派")
        bad = [
            u
            for u in inspectors
            if not u.has_role(Role.INSPECTOR, Role.INSPECTION_HEAD)
            or not (u.sees_all_jurisdictions or complaint.jurisdiction_id in u.jurisdiction_ids)
        ]
        if bad:
            raise ValidationError({"inspectors": [f"{'、'.join(map(str, bad))}不是本辖区的监察员"]})
        if len(set(inspectors)) < 2:
            raise ValidationError({"inspectors": ["至少指派两名监察员（监察条例第十六条）"]})
        complaint.assignees.set(inspectors)
    record_event(
        Complaint,
        complaint_id,
        name="assign",
        label="指派承办监察员",
        actor=actor,
        details={"inspectors": [str(u) for u in inspectors]},
    )
    return complaint


def complaint_start_investigation(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with case_transition(
        Complaint,
        complaint_id,
        "start_investigation",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
    ) as step:
        step.fire()
    return step.case


def complaint_extend_investigation(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """The bureau head may extend the investigation once by 30 working days (LIR Art 17)."""
    _require(reason, "reason", "请填写延长调查期限的理由")
    with case_transition(
        Complaint,
        complaint_id,
        "extend_investigation",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
    ) as step:
        step.fire()
        step.case.investigation_extended = True
        deadline = deadlines.extend(step.case, INVESTIGATE)
        step.details["investigation_due"] = deadline.due_on
    return step.case


def complaint_order_rectification(
    *, actor, complaint_id, due_on: date, items: str, expected_state=None
) -> Complaint:
    """限期改正指令书 with its own deadline."""
    _require(items, "items", "请填写责令改正的事项")
    if not isinstance(due_on, date):
        raise ValidationError({"due_on": ["请填写改正期限（日期）"]})
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": ["改正期限必须晚于今天"]})
    with case_transition(
        Complaint,
        complaint_id,
        "order_rectification",
        actor=actor,
        reason=items,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        step.case.rectification_due, step.case.rectification_items = due_on, items
        deadlines.start(step.case, RECTIFY, on=timezone.localdate(), due=due_on)
        step.details["due_on"] = due_on
        if _about_wages(step.case):
            step.on_commit(lambda: notify_complainant(step.case, "payment_ordered"))
    return step.case


def complaint_confirm_rectified(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with case_transition(
        Complaint,
        complaint_id,
        "confirm_rectified",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        deadlines.meet(step.case, RECTIFY)
    return step.case


def complaint_record_not_rectified(
    *, actor, complaint_id, reason: str = "", expected_state=None
) -> Complaint:
    with case_transition(
        Complaint,
        complaint_id,
        "record_not_rectified",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
    ) as step:
        step.fire()
        deadlines.cancel(step.case, [RECTIFY])
    return step.case


def complaint_give_penalty_notice(
    *, actor, complaint_id, proposed_fine, facts: str, expected_state=None
) -> Complaint:
    """行政处罚事先告知: the employer may state its case and defend itself (LIR Art 19)."""
    _require(facts, "facts", "请填写拟处罚的事实、理由和依据")
    fine = _money(proposed_fine, "proposed_fine", positive=True)
    with case_transition(
        Complaint,
        complaint_id,
        "give_penalty_notice",
        actor=actor,
        reason=facts,
        expected_state=expected_state,
    ) as step:
        step.fire()
        step.case.fine_amount = fine
        step.details["proposed_fine"] = str(fine)
    return step.case


def complaint_record_statement(*, actor, complaint_id, statement: str, hearing_requested: bool = False):
    """The employer's statement and defence (or a hearing request) after the prior notice (LIR Art 19)."""
    _require(statement, "statement", "请填写陈述申辩内容")
    complaint = Complaint.objects.get(pk=complaint_id)
    if not can_see(actor, complaint) or complaint.state != ComplaintState.PENALTY_NOTICED:
        raise PreconditionFailed("只有已送达事先告知书的案件可以记录陈述申辩")
    return record_event(
        Complaint,
        complaint_id,
        name="record_statement",
        label="记录陈述申辩",
        actor=actor,
        reason=statement,
        details={"hearing_requested": hearing_requested},
    )


def complaint_decide_penalty(
    *, actor, complaint_id, fine_amount, reason: str, expected_state=None
) -> Complaint:
    _require(reason, "reason", "请填写处罚决定的事实和依据")
    fine = _money(fine_amount, "fine_amount", positive=True)
    with case_transition(
        Complaint,
        complaint_id,
        "decide_penalty",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        step.case.fine_amount, step.case.decision_kind = fine, "penalty"
        step.details["fine_amount"] = str(fine)
    return step.case


def complaint_decide_handling(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """行政处理决定 (e.g. an order to pay the wages owed, LIR Art 26)."""
    _require(reason, "reason", "请填写处理决定的内容")
    with case_transition(
        Complaint,
        complaint_id,
        "decide_handling",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        step.case.decision_kind = "handling"
        if _about_wages(step.case):  # an order to pay the wages owed (LIR Art 26)
            step.on_commit(lambda: notify_complainant(step.case, "payment_ordered"))
    return step.case


def complaint_transfer_to_police(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """Suspected crime (e.g. refusing to pay wages, 刑法 Art 276-1): transfer to the police."""
    _require(reason, "reason", "请填写移送理由")
    with case_transition(
        Complaint,
        complaint_id,
        "transfer_to_police",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        step.case.transfer_target = "公安机关"
    return step.case


OUTCOME_STATES = {
    Outcome.PENALTY_IMPOSED: {ComplaintState.DECIDED},
    Outcome.HANDLING_DECISION: {ComplaintState.DECIDED},
    Outcome.POLICE_TRANSFERRED: {ComplaintState.POLICE_TRANSFERRED},
}


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
    _require(outcome, "outcome", "请选择结案情形")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": ["未知的结案情形"]})
    _require(summary, "summary", "请填写结案意见")
    amount = _money(recovered_amount or 0, "recovered_amount")
    workers = int(recovered_workers or 0)
    if outcome == Outcome.ARREARS_RECOVERED and (amount <= 0 or workers <= 0):
        raise ValidationError({"recovered_amount": ["追回拖欠工资结案的，须填写追回金额和涉及人数"]})
    with case_transition(
        Complaint,
        complaint_id,
        "close",
        actor=actor,
        reason=summary,
        expected_state=expected_state,
        public=True,
    ) as step:
        case = step.case
        needed = OUTCOME_STATES.get(outcome)
        if needed and case.state not in needed:
            raise ValidationError(
                {"outcome": [f"案件当前状态为“{case.get_state_display()}”，不能以该情形结案"]}
            )
        if outcome == Outcome.PENALTY_IMPOSED and case.decision_kind != "penalty":
            raise ValidationError({"outcome": ["尚未作出行政处罚决定"]})
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
        step.on_commit(lambda: notify_complainant(case, milestone))
    return step.case


def complaint_withdraw_case(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """撤销立案: the violation is minor and already corrected (LIR Art 18)."""
    _require(reason, "reason", "请填写撤销立案的理由")
    with case_transition(
        Complaint,
        complaint_id,
        "withdraw_case",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        step.fire()
        step.case.outcome, step.case.closing_summary = Outcome.WITHDRAWN, reason
        step.case.closed_at = timezone.now()
        deadlines.cancel(step.case)
    return step.case


def complaint_withdraw_complaint(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    _require(reason, "reason", "请填写撤回原因（如投诉人书面申请撤回）")
    with case_transition(
        Complaint,
        complaint_id,
        "withdraw_complaint",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        was_accepted = step.case.state == ComplaintState.ACCEPTED
        step.fire()
        step.case.outcome, step.case.closing_summary = Outcome.WITHDRAWN, reason
        if was_accepted:
            step.case.closed_at = timezone.now()
        deadlines.cancel(step.case)
    return step.case


def complaint_archive(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with case_transition(
        Complaint, complaint_id, "archive", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        step.fire()
    return step.case


# Transition name → service, for the generic transition endpoints (views and API).
TRANSITION_SERVICES = {
    "request_supplement": complaint_request_supplement,
    "receive_supplement": complaint_receive_supplement,
    "accept": complaint_accept,
    "refuse": complaint_refuse,
    "transfer": complaint_transfer,
    "file_case": complaint_file,
    "start_investigation": complaint_start_investigation,
    "extend_investigation": complaint_extend_investigation,
    "order_rectification": complaint_order_rectification,
    "confirm_rectified": complaint_confirm_rectified,
    "record_not_rectified": complaint_record_not_rectified,
    "give_penalty_notice": complaint_give_penalty_notice,
    "decide_penalty": complaint_decide_penalty,
    "decide_handling": complaint_decide_handling,
    "transfer_to_police": complaint_transfer_to_police,
    "close": complaint_close,
    "withdraw_case": complaint_withdraw_case,
    "withdraw_complaint": complaint_withdraw_complaint,
    "archive": complaint_archive,
}
