"""Acceptance (受理) within 5 working days of receipt (LIR-IMPL Art 18): accept, refuse in writing, ask for
the missing materials once, or hand the complaint to the competent bureau or authority."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.inputs import require_text
from casework.inspection.models import Complaint
from casework.inspection.services.common import ACCEPT, complaint_step
from casework.inspection.services.intake import REPORTED_FIELDS
from casework.models import Jurisdiction
from casework.services import deadlines
from casework.services.notify_public import notify_complainant
from casework.services.transitions import register_case


def complaint_request_supplement(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """补正: the acceptance clock stops until the complete materials arrive."""
    reason = require_text(reason, "reason", "请一次性列明需要补正的全部内容")
    with complaint_step(
        "request_supplement", complaint_id, actor, reason, expected_state, public=True
    ) as step:
        step.fire()
        deadlines.pause(step.case, ACCEPT, on=timezone.localdate())
    return step.case


def complaint_receive_supplement(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with complaint_step("receive_supplement", complaint_id, actor, reason, expected_state) as step:
        step.fire()
        # The 5 working days run afresh from the day the complete materials arrive.
        deadlines.restart(step.case, ACCEPT, on=timezone.localdate())
    return step.case


def complaint_accept(*, actor, complaint_id, reason: str = "", expected_state=None) -> Complaint:
    with complaint_step("accept", complaint_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        step.case.accepted_on = timezone.localdate()
        deadlines.meet(step.case, ACCEPT)
        notify_complainant(step.case, "accepted")
    return step.case


def complaint_refuse(*, actor, complaint_id, reason: str, expected_state=None) -> Complaint:
    """不予受理: a written refusal with reasons within the 5 working days (LIR-IMPL Art 18)."""
    reason = require_text(reason, "reason", "请填写不予受理的理由")
    with complaint_step("refuse", complaint_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        step.case.refusal_reason = reason
        deadlines.meet(step.case, ACCEPT)
        deadlines.cancel(step.case)
        notify_complainant(step.case, "not_accepted")
    return step.case


COPIED_FIELDS = (
    "kind",
    "channel",
    "anonymous",
    "complainant",
    "employer",
    "employer_name_given",
    "green_channel",
)


def _registered_copy(case: Complaint, target: Jurisdiction, actor) -> Complaint:
    """The complaint registered afresh in the competent bureau's queue, its acceptance clock started."""
    new_case = Complaint(
        jurisdiction=target,
        received_on=timezone.localdate(),
        **{field: getattr(case, field) for field in (*COPIED_FIELDS, *REPORTED_FIELDS)},
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
    return new_case


def complaint_transfer(
    *,
    actor,
    complaint_id,
    reason: str,
    target_jurisdiction: Jurisdiction | None = None,
    target_authority: str = "",
    expected_state=None,
) -> Complaint:
    """Outside our territory (LIR Art 13) or powers: hand it to the competent bureau (a new case there) or
    to the competent authority."""
    reason = require_text(reason, "reason", "请填写转办理由")
    if (target_jurisdiction is None) == (not target_authority):
        raise ValidationError(
            {"target_jurisdiction": ["请选择转办的管辖区域，或填写移送的其他部门（二选一）"]}
        )
    with complaint_step("transfer", complaint_id, actor, reason, expected_state, public=True) as step:
        case = step.case
        if target_jurisdiction is not None and target_jurisdiction.pk == case.jurisdiction_id:
            raise ValidationError({"target_jurisdiction": ["不能转办给本管辖区域"]})
        step.fire()
        case.transfer_target = target_jurisdiction.name if target_jurisdiction else target_authority
        deadlines.meet(case, ACCEPT)
        deadlines.cancel(case)
        if target_jurisdiction is not None:
            case.transferred_to = _registered_copy(case, target_jurisdiction, actor)
            step.details["new_case"] = case.transferred_to.number
        step.details["target"] = case.transfer_target
    return step.case
