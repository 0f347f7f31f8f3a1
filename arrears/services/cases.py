"""Arrears cases: opening (from complaints), the logged actions on a case, and one function per transition.

Each ``arrears_<verb>(*, actor, case_id, expected_state=None, ...)`` validates its payload, runs the
django-fsm transition through ``case_transition`` (row lock, visibility, permission, preconditions, log)
and starts or stops the deadlines it concerns, in one transaction. Changes that are not state moves
(assigning, linking complaints) are the case type's registered actions, run through ``case_action``.
"""

import datetime
import re
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from arrears.models import ArrearsCase, ConstructionProject, PoliceStatus
from arrears.models.cases import INSPECTORS, LEDGER_OPEN_STATES, MAX_ORDER_DAYS, OPEN_ARREARS_STATES
from arrears.money import percent_of
from arrears.selectors.thresholds import evaluate_crime_thresholds
from casework.inputs import PAST, parse_date, parse_id, parse_ids, parse_int, require_value
from casework.inspection.models import Complaint
from casework.models import Employer, Jurisdiction, User
from casework.selectors.visibility import can_see
from casework.services import deadlines
from casework.services.assignment import case_assign
from casework.services.transitions import (
    ActionStep,
    PreconditionFailed,
    case_action,
    note_on_related_case,
    register_case,
)

from .common import check_may_register, mark_green_channel, move, notify_worker
from .ledger import (
    PAYMENT_ORDER,
    advance_state,
    arrears_record_full_recovery,
    arrears_record_partial_recovery,
    lines_from_complaint,
    refresh_totals,
)

_move = partial(move, ArrearsCase)  # (name, id, actor, expected_state, reason=, public=)
POLICE_DECIDE = "police_transfer.decide"
# 国务院令第310号 Art 5: once the head approves, the case goes to the police within 24 hours. The
# deadline engine counts days; this one is stored as a moment (``police_transfer_due_at``).
POLICE_TRANSFER_HOURS = 24
# LIR Art 16: 劳动保障监察员进行调查、检查，不得少于两人.
MIN_INSPECTORS = 2


# --- opening -----------------------------------------------------------------------------------------
def _check_employer_fits(employer, project: ConstructionProject | None) -> None:
    if project is not None and employer.pk not in project.contractor_ids:
        raise ValidationError({"employer": ["该单位不是本项目的建设单位、施工总承包单位或分包单位"]})


@transaction.atomic
def arrears_case_open(
    *,
    actor,
    jurisdiction: Jurisdiction,
    employer,
    facts: str,
    project: ConstructionProject | None = None,
    opened_on: datetime.date | None = None,
    green_channel: bool = False,
    complaints=(),
) -> ArrearsCase:
    """Open a wage-arrears case against one employer (and, in construction, its project)."""
    check_may_register(actor, jurisdiction, "立欠薪案件")
    require_value(employer, "employer", "请选择欠薪的用人单位")
    require_value((facts or "").strip(), "facts", "请填写欠薪事实")
    if project is not None and project.jurisdiction_id != jurisdiction.id:
        raise ValidationError({"project": ["该项目不属于本管辖区域"]})
    _check_employer_fits(employer, project)
    opened_on = parse_date(opened_on, "opened_on", window=PAST) or timezone.localdate()
    case = ArrearsCase(
        jurisdiction=jurisdiction,
        employer=employer,
        project=project,
        facts=facts.strip(),
        opened_on=opened_on,
        green_channel=green_channel,
    )
    register_case(case, actor=actor, label="欠薪案件立案", public=True, year=opened_on.year)
    if complaints:
        with case_action(ArrearsCase, case.pk, "attach_complaint", actor=actor) as step:
            for complaint in _locked_complaints([c.pk for c in complaints]):
                _attach(step, complaint)
            refresh_totals(step.case)
        case = step.case
    return case


def _check_attachable(actor, case: ArrearsCase, complaint: Complaint) -> None:
    if actor is not None and not can_see(actor, complaint):
        raise ValidationError({"complaints": [f"投诉{complaint.pk}不存在或无权查看"]})
    if complaint.jurisdiction_id != case.jurisdiction_id:
        raise ValidationError({"complaints": [f"{complaint.number}不属于本管辖区域"]})
    if complaint.employer_id is None:
        raise ValidationError({"complaints": [f"{complaint.number}尚未查明被投诉单位"]})
    allowed = {case.employer_id} | (case.project.contractor_ids if case.project_id else set())
    if complaint.employer_id not in allowed:
        raise ValidationError({"complaints": [f"{complaint.number}的被投诉单位与本案不同"]})
    other = (
        complaint.arrears_cases.exclude(pk=case.pk)
        .filter(state__in=OPEN_ARREARS_STATES)
        .values_list("number", flat=True)
        .first()
    )
    if other:
        raise ValidationError({"complaints": [f"{complaint.number}已并入欠薪案件{other}"]})


def _attach(step: ActionStep, complaint: Complaint) -> None:
    """Link a complaint (checked), bring its complainant's claim and its inspectors; inside the case's
    ``attach_complaint`` action (case row locked). The complaint's own log notes it in the same transaction."""
    actor, case = step.actor, step.case
    _check_attachable(actor, case, complaint)
    if complaint.arrears_cases.filter(pk=case.pk).exists():
        return
    case.complaints.add(complaint)
    lines_from_complaint(actor, case, complaint)
    inspectors = list(complaint.assignees.all())
    if inspectors:
        case.assignees.add(*inspectors)
    if complaint.green_channel and not case.green_channel:
        mark_green_channel(case)
    step.details.setdefault("complaints", []).append(complaint.number)
    note_on_related_case(
        Complaint,
        complaint.pk,
        name="linked_to_arrears_case",
        label="并入欠薪案件",
        actor=actor,
        details={"arrears_case": case.number},
    )


def _open_case_for(jurisdiction, employer, project) -> ArrearsCase | None:
    qs = ArrearsCase.objects.filter(jurisdiction=jurisdiction, state__in=LEDGER_OPEN_STATES).order_by("id")
    if project is not None:
        return qs.filter(project=project).first()
    return qs.filter(employer=employer).order_by("project_id", "id").first()


def _merge_source(complaints, project) -> tuple:
    """The jurisdiction and employer of a case for these complaints, checked to belong together."""
    if len({c.jurisdiction_id for c in complaints}) > 1:
        raise ValidationError({"complaints": ["只能合并同一管辖区域的投诉"]})
    if any(c.employer_id is None for c in complaints):
        raise ValidationError({"complaints": ["有投诉尚未查明被投诉单位"]})
    employers = {c.employer_id for c in complaints}
    if project is None and len(employers) > 1:
        raise ValidationError({"complaints": ["这些投诉的被投诉单位不同；同一工程项目的，请选择项目后合并"]})
    if project is not None and employers - project.contractor_ids:
        raise ValidationError({"complaints": ["有投诉的被投诉单位不是本项目的建设、总包或分包单位"]})
    employer = (
        complaints[0].employer if len(employers) == 1 else project.subcontractor or project.main_contractor
    )
    return complaints[0].jurisdiction, employer


def _locked_complaints(ids):
    return Complaint.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")


def arrears_case_from_complaints(
    *,
    actor,
    complaint_ids,
    project: ConstructionProject | None = None,
    facts: str = "",
    opened_on: datetime.date | None = None,
) -> tuple[ArrearsCase, bool]:
    """The arrears case for these complaints: the open one against the same employer (or project) if there
    is one — several complaints merge into one case — or a new one. Returns ``(case, created)``."""
    ids = sorted(set(parse_ids(list(complaint_ids), "complaints")))
    if not ids:
        raise ValidationError({"complaints": ["请选择投诉"]})
    with transaction.atomic():
        complaints = list(Complaint.objects.filter(pk__in=ids).select_related("employer", "jurisdiction"))
        if len(complaints) != len(ids) or any(
            actor is not None and not can_see(actor, c) for c in complaints
        ):
            raise ValidationError({"complaints": ["投诉不存在或无权查看"]})
        jurisdiction, employer = _merge_source(complaints, project)
        # Lock order everywhere: the project or employer (so that two merges cannot both open a new case),
        # then the case, then the complaints.
        if project is not None:
            ConstructionProject.objects.select_for_update().filter(pk=project.pk).first()
        else:
            Employer.objects.select_for_update().filter(pk=employer.pk).first()
        existing = _open_case_for(jurisdiction, employer, project)
        if existing is not None:
            with case_action(ArrearsCase, existing.pk, "attach_complaint", actor=actor) as step:
                for complaint in _locked_complaints(ids):
                    _attach(step, complaint)
                refresh_totals(step.case)
            return advance_state(actor, step.case), False
        complaints = list(_locked_complaints(ids).select_related("employer"))
        case = arrears_case_open(
            actor=actor,
            jurisdiction=jurisdiction,
            employer=employer,
            project=project,
            facts=(facts or "").strip() or "\n".join(f"{c.number}：{c.facts}" for c in complaints),
            opened_on=opened_on,
            green_channel=any(c.green_channel for c in complaints),
            complaints=complaints,
        )
        return case, True


def _complaint_for(case: ArrearsCase, complaint_id, complaint_number: str) -> Complaint:
    """The complaint to link, by id or by its number (within the case's jurisdiction), locked."""
    qs = Complaint.objects.select_for_update(of=("self",))
    number = (complaint_number or "").strip()
    if complaint_id not in (None, ""):
        complaint = qs.filter(pk=parse_id(complaint_id, "complaint")).first()
    elif number:
        complaint = qs.filter(number=number, jurisdiction_id=case.jurisdiction_id).first()
    else:
        raise ValidationError({"complaint": ["请填写投诉编号"]})
    if complaint is None:
        raise ValidationError({"complaint": [f"找不到投诉：{number or complaint_id}"]})
    return complaint


def arrears_attach_complaint(
    *, actor, case_id: int, complaint_id: int | None = None, complaint_number: str = ""
) -> ArrearsCase:
    """Merge one more complaint against the same employer or project into an open arrears case."""
    with transaction.atomic():
        with case_action(ArrearsCase, case_id, "attach_complaint", actor=actor) as step:
            if step.case.state not in LEDGER_OPEN_STATES:
                raise PreconditionFailed("只能并入尚在追讨中的欠薪案件")
            complaint = _complaint_for(step.case, complaint_id, complaint_number)
            try:
                _attach(step, complaint)
            except ValidationError as exc:
                raise ValidationError({"complaint": exc.messages}) from None
            refresh_totals(step.case)
        return advance_state(actor, step.case)


def arrears_assign(*, actor, case_id: int, inspectors: list[User]) -> ArrearsCase:
    """The unit head assigns at least two inspectors (LIR Art 16)."""
    return case_assign(
        ArrearsCase,
        case_id,
        actor=actor,
        users=list(inspectors),
        roles=INSPECTORS,
        minimum=MIN_INSPECTORS,
        minimum_message="至少指派两名监察员（劳动保障监察条例第十六条）",
        label="指派承办监察员",
    )


# --- transitions ---------------------------------------------------------------------------------------
def _period(value) -> int:
    return parse_int(value, "period", minimum=1, maximum=MAX_ORDER_DAYS, required=True)


def arrears_order_payment(
    *, actor, case_id, period, items: str, served_on=None, expected_state=None
) -> ArrearsCase:
    """责令支付 (LIR Art 26): the order names a period; the ``arrears.payment_order`` deadline runs from
    the day it is served."""
    days = _period(period)
    require_value((items or "").strip(), "items", "请填写责令支付的事项")
    served_on = parse_date(served_on, "served_on", window=PAST) or timezone.localdate()
    with _move("order_payment", case_id, actor, expected_state, reason=items, public=True) as step:
        case = step.case
        if served_on < case.opened_on:
            raise ValidationError({"served_on": ["送达日期不能早于立案日期"]})
        step.fire()
        deadline = deadlines.start(case, PAYMENT_ORDER, on=served_on, period=days)
        case.payment_ordered_on, case.payment_order_period = served_on, days
        case.payment_due, case.payment_order_amount = deadline.due_on, case.total_outstanding
        case.payment_order_items = items.strip()
        step.details.update(
            {"period": days, "due_on": deadline.due_on, "amount": str(case.total_outstanding)}
        )
        workers = [
            line.person
            for line in case.workers.select_related("person").filter(recovered__lt=F("amount_owed"))
        ]
        notify_worker(workers, case, "payment_ordered")
    return step.case


_PERCENT = re.compile(r"\d{1,3}(?:\.\d{1,2})?")


def _percent(value) -> Decimal:
    """加付赔偿金的比例: 50 to 100 (LIR Art 26), at most two decimals; "75" or "75%"."""
    text = str(value).strip().removesuffix("%").strip() if isinstance(value, str | int | Decimal) else ""
    if isinstance(value, bool) or not _PERCENT.fullmatch(text):
        raise ValidationError({"percent": ["请填写加付赔偿金的比例（50–100，最多两位小数）"]})
    percent = Decimal(text)
    if not Decimal(50) <= percent <= Decimal(100):
        raise ValidationError(
            {"percent": ["加付赔偿金的比例应在50%至100%之间（劳动保障监察条例第二十六条）"]}
        )
    return percent.quantize(Decimal("0.01"))


def arrears_order_compensation(
    *, actor, case_id, percent, reason: str = "", expected_state=None
) -> ArrearsCase:
    """加付赔偿金 (LIR Art 26): unpaid after the order's deadline → 50%–100% of the amount still unpaid."""
    percent = _percent(percent)
    with _move("order_compensation", case_id, actor, expected_state, reason=reason, public=True) as step:
        case = step.case
        step.fire()
        # The order's deadline has run out unpaid: it stops counting; the escalation takes over.
        deadlines.cancel(case, [PAYMENT_ORDER])
        base = case.total_outstanding
        case.compensation_ordered_on = timezone.localdate()
        case.compensation_percent, case.compensation_base = percent, base
        case.compensation_amount = percent_of(base, percent)
        step.details.update(
            {"percent": str(percent), "base": str(base), "amount": str(case.compensation_amount)}
        )
    return step.case


def arrears_report_to_police(
    *, actor, case_id, reason: str, reported_on=None, expected_state=None
) -> ArrearsCase:
    """The inspector's written report to the head: the 3-day decision period starts (国务院令第310号 Art 5)."""
    require_value((reason or "").strip(), "reason", "请填写移送报告（涉嫌犯罪的事实和理由）")
    reported_on = parse_date(reported_on, "reported_on", window=PAST) or timezone.localdate()
    with _move("report_to_police", case_id, actor, expected_state, reason=reason) as step:
        case = step.case
        assessment = evaluate_crime_thresholds(case)
        step.fire()
        case.police_status, case.police_reported_on, case.police_report = (
            PoliceStatus.REPORTED,
            reported_on,
            reason,
        )
        case.police_decided_at = case.police_transfer_due_at = case.police_transferred_at = None
        case.police_decision_reason = ""
        deadlines.cancel(case, [PAYMENT_ORDER])  # ran out unpaid (a condition of the report)
        deadline = deadlines.start(case, POLICE_DECIDE, on=reported_on)
        step.details.update({"decide_by": deadline.due_on, "assessment": assessment.reasons})
    return step.case


def arrears_decide_police_transfer(
    *, actor, case_id, approve: bool, reason: str = "", expected_state=None
) -> ArrearsCase:
    """The head decides; if approved, the case must reach the police within 24 hours."""
    if not approve:
        require_value((reason or "").strip(), "reason", "决定不移送的，请写明理由")
    with _move("decide_police_transfer", case_id, actor, expected_state, reason=reason) as step:
        case = step.case
        step.fire()
        now = timezone.now()
        running = deadlines.running(case, POLICE_DECIDE)
        late = running is not None and timezone.localdate() > running.due_on
        deadlines.meet(case, POLICE_DECIDE)
        case.police_decided_at, case.police_decision_reason = now, reason
        if approve:
            case.police_status = PoliceStatus.APPROVED
            case.police_transfer_due_at = now + datetime.timedelta(hours=POLICE_TRANSFER_HOURS)
        else:
            case.police_status = PoliceStatus.DECLINED
            case.police_transfer_due_at = None
        step.details.update(
            {"approved": bool(approve), "transfer_by": case.police_transfer_due_at, "decision_late": late}
        )
    return step.case


def arrears_transfer_to_police(
    *, actor, case_id, authority: str = "", reason: str = "", expected_state=None
) -> ArrearsCase:
    """移送: the case file goes to the police (a fine does not replace the transfer)."""
    with _move("transfer_to_police", case_id, actor, expected_state, reason=reason, public=True) as step:
        case = step.case
        authority = (authority or "").strip() or f"{case.jurisdiction.name}公安局"
        step.fire()
        now = timezone.now()
        case.police_status, case.police_transferred_at, case.police_authority = (
            PoliceStatus.TRANSFERRED,
            now,
            authority,
        )
        step.details.update(
            {
                "authority": authority,
                "late": bool(case.police_transfer_due_at and now > case.police_transfer_due_at),
            }
        )
    return step.case


def arrears_declare_unrecoverable(*, actor, case_id, reason: str, expected_state=None) -> ArrearsCase:
    """No one can be made to pay (the employer dissolved, its owner absconded …): the reason is recorded."""
    require_value((reason or "").strip(), "reason", "请填写无法追回的原因")
    with _move("declare_unrecoverable", case_id, actor, expected_state, reason=reason, public=True) as step:
        step.fire()
        step.case.unrecoverable_reason, step.case.unrecoverable_on = reason.strip(), timezone.localdate()
        deadlines.cancel(step.case, [PAYMENT_ORDER])
        step.details["outstanding"] = str(step.case.total_outstanding)
    return step.case


def arrears_close(*, actor, case_id, reason: str, expected_state=None) -> ArrearsCase:
    require_value((reason or "").strip(), "reason", "请填写结案意见")
    with _move("close", case_id, actor, expected_state, reason=reason, public=True) as step:
        case = step.case
        step.fire()
        case.closing_summary, case.closed_at = reason.strip(), timezone.now()
        deadlines.cancel(case)
        step.details.update(
            {
                "recovered": str(case.total_recovered),
                "outstanding": str(case.total_outstanding),
                "workers": case.worker_count,
            }
        )
    return step.case


TRANSITION_SERVICES = {
    "order_payment": arrears_order_payment,
    "order_compensation": arrears_order_compensation,
    "report_to_police": arrears_report_to_police,
    "decide_police_transfer": arrears_decide_police_transfer,
    "transfer_to_police": arrears_transfer_to_police,
    "declare_unrecoverable": arrears_declare_unrecoverable,
    "close": arrears_close,
    # Driven by the payments (never a button); callable to bring the state in line with the money.
    "record_partial_recovery": arrears_record_partial_recovery,
    "record_full_recovery": arrears_record_full_recovery,
}
