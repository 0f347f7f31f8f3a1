"""Filing (立案) and investigation: the unit head files the case and assigns at least two inspectors (LIR Art
16); 60 working days from filing, extended once by 30 (LIR Art 17); a rectification order with its period."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.inputs import AHEAD, parse_date, require_text
from casework.inspection.models import Complaint
from casework.inspection.services.common import INVESTIGATE, RECTIFY, about_wages, complaint_step
from casework.models import User
from casework.roles import Role
from casework.services import deadlines
from casework.services.assignment import case_assign
from casework.services.notify_public import notify_complainant


def complaint_file(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    """立案, approved by the unit head; the 60-working-day investigation period starts (LIR Art 17)."""
    with complaint_step("file_case", complaint_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        step.case.filed_on = timezone.localdate()
        deadline = deadlines.start(step.case, INVESTIGATE, on=step.case.filed_on)
        step.details["investigation_due"] = deadline.due_on
        notify_complainant(step.case, "filed")
    return step.case


def complaint_assign(*, actor, complaint_id, inspectors: list[User]) -> Complaint:
    """The unit head assigns the inspectors of the county: at least two act on a case (LIR Art 16)."""
    return case_assign(
        Complaint,
        complaint_id,
        actor=actor,
        users=list(inspectors),
        roles=(Role.INSPECTOR, Role.INSPECTION_HEAD),
        minimum=2,
        minimum_message="至少指派两名监察员（劳动保障监察条例第十六条）",
        label="指派承办监察员",
    )


def complaint_start_investigation(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with complaint_step("start_investigation", complaint_id, actor, reason, expected_state) as step:
        step.fire()
    return step.case


def complaint_extend_investigation(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """The bureau head may extend the investigation once by 30 working days (LIR Art 17)."""
    reason = require_text(reason, "reason", "请填写延长调查期限的理由")
    with complaint_step("extend_investigation", complaint_id, actor, reason, expected_state) as step:
        step.fire()
        step.case.investigation_extended = True
        deadline = deadlines.extend(step.case, INVESTIGATE)
        step.details["investigation_due"] = deadline.due_on
    return step.case


def complaint_order_rectification(
    *, actor, complaint_id, due_on: date, items: str, expected_state=None
) -> Complaint:
    """限期改正指令书 with its own deadline: a date after today and within the window of dates a document
    may set (``casework.inputs.AHEAD``)."""
    items = require_text(items, "items", "请填写责令改正的事项")
    due_on = parse_date(due_on, "due_on", window=AHEAD, required=True)
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": ["改正期限必须晚于今天"]})
    with complaint_step(
        "order_rectification", complaint_id, actor, items, expected_state, public=True
    ) as step:
        step.fire()
        step.case.rectification_due, step.case.rectification_items = due_on, items
        deadlines.start(step.case, RECTIFY, on=timezone.localdate(), due=due_on)
        step.details["due_on"] = due_on
        if about_wages(step.case):
            notify_complainant(step.case, "payment_ordered")
    return step.case


def complaint_confirm_rectified(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with complaint_step(
        "confirm_rectified", complaint_id, actor, reason, expected_state, public=True
    ) as step:
        step.fire()
        deadlines.meet(step.case, RECTIFY)
    return step.case


def complaint_record_not_rectified(
    *, actor, complaint_id, reason: str = "", expected_state=None
) -> Complaint:
    with complaint_step("record_not_rectified", complaint_id, actor, reason, expected_state) as step:
        step.fire()
        deadlines.cancel(step.case, [RECTIFY])
    return step.case
