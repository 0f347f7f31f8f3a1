"""Arbitration applications and their acceptance (LDMAL Art 29; ARB-RULES Arts 29–32)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from arbitration.finality import refresh_finality
from arbitration.models import (
    ArbitrationCase,
    ArbitrationChannel,
    ArbitrationOutcome,
    ArbitrationSettings,
    Procedure,
)
from arbitration.models.arbitration_rules import MATERIAL_LABELS
from arbitration.services.arbitration.base import ACCEPT, AWARD, SERVE, TRIBUNAL, transition
from arbitration.services.common import (
    accept_application,
    act_on,
    check_actor,
    read_application,
    refuse_application,
    register_application,
)
from casework.calendar.workdays import add_working_days
from casework.inputs import require_text
from casework.roles import Role
from casework.services import deadlines
from casework.services.transitions import submitted_case


@transaction.atomic
def arbitration_apply(*, actor, jurisdiction, **application) -> ArbitrationCase:
    """Register an arbitration application and start the 5-working-day acceptance clock (LDMAL Art 29).

    ``actor=None`` is a public green-channel submission: no role is needed, ``submission_key`` makes a
    double submit return the case already created. Ten or more applicants make a collective case
    (ARB-RULES Art 5): flagged, prioritised, heard by three arbitrators. A migrant worker's wage claim
    goes into the green channel with the commission's internal targets (ArbitrationSettings). The
    application's fields are those of ``create_application``.
    """
    check_actor(actor, jurisdiction, (Role.ARBITRATION_CHAIR,), "只有仲裁委员会工作人员可以登记仲裁申请")
    return create_application(actor=actor, jurisdiction=jurisdiction, **application)


@transaction.atomic
def create_application(
    *,
    actor,
    channel: str = ArbitrationChannel.WINDOW,
    procedure: str = Procedure.ORDINARY,
    complex: bool = False,
    from_mediation=None,
    **application,
) -> ArbitrationCase:
    """``arbitration_apply`` without the actor check, for callers that checked already (conversion).

    ``application``: ``jurisdiction``, ``applicants``, ``facts``, ``respondent`` or ``respondent_name_given``,
    ``claims``, ``evidence_list``, ``received_on``, ``green_channel``, ``submission_key``
    (``arbitration.services.common.read_application``).
    """
    if existing := submitted_case(ArbitrationCase, application.get("submission_key")):
        return existing
    app = read_application(
        channels=ArbitrationChannel,
        channel=channel,
        facts_message="请填写仲裁请求所根据的事实和理由",
        **application,
    )
    if procedure not in Procedure.values:
        raise ValidationError({"procedure": ["未知的审理程序"]})
    collective = len(app.applicants) >= ArbitrationCase.COLLECTIVE_MIN_WORKERS
    if collective or complex:
        procedure = Procedure.ORDINARY  # ARB-RULES Art 5 / Art 56: three arbitrators
    case = ArbitrationCase(
        **app.fields,
        procedure=procedure,
        collective=collective,
        complex=complex,
        from_mediation=from_mediation,
    )
    if case.green_channel:
        target = ArbitrationSettings.current().green_accept_working_days
        case.target_accept_by = add_working_days(case.received_on, target, case.jurisdiction_id)
    register_application(
        case, app, actor=actor, label="登记仲裁申请", details={"collective": collective}, rule=ACCEPT
    )
    refresh_finality(case)
    return case


def arbitration_request_materials(
    *, actor, case_id, missing=(), note: str = "", on=None, expected_state=None
) -> ArbitrationCase:
    """一次性告知补正: list every missing item at once (ARB-RULES Art 29): the ticked standard items, one
    further item per line of ``note``, and always the gaps the system sees itself (no respondent
    identified, no claim)."""
    with transition("request_materials", case_id, actor, note, expected_state) as step:
        case = step.case
        missing = list(missing or ())
        unknown = {str(m) for m in missing} - set(MATERIAL_LABELS) - {"other"}
        if unknown:
            raise ValidationError({"missing": [f"未知的材料项：{'、'.join(sorted(unknown))}"]})
        others = [line.strip() for line in (note or "").splitlines() if line.strip()]
        if "other" in missing and not others:
            raise ValidationError({"reason": ["请在说明中逐行列明其他需补正的材料"]})
        codes = list(
            dict.fromkeys([*case.missing_by_system(), *[m for m in missing if m != "other"], *others])
        )
        if not codes:
            raise ValidationError({"missing": ["请勾选需要补正的材料，或在说明中逐行列明"]})
        on = act_on(on, after=case.received_on, after_label="收到申请日期")
        step.fire()
        case.missing_materials, case.materials_requested_on = codes, on
        deadlines.pause(case, ACCEPT, on=on)
        step.details["missing"] = case.missing_material_labels
    return step.case


def arbitration_receive_materials(*, actor, case_id, on=None, reason: str = "", expected_state=None):
    """The corrected materials arrived: the 5 working days run afresh from that day (ARB-RULES Art 30)."""
    with transition("receive_materials", case_id, actor, reason, expected_state) as step:
        case = step.case
        on = act_on(on, after=case.materials_requested_on, after_label="通知补正日期")
        step.fire()
        case.missing_materials = []
        deadlines.restart(case, ACCEPT, on=on)
        step.details["received_on"] = on
    return step.case


def arbitration_accept(*, actor, case_id, on=None, reason: str = "", expected_state=None) -> ArbitrationCase:
    """受理: the 45-day award clock (LDMAL Art 43) and the 5-working-day service and tribunal periods
    (ARB-RULES Arts 33, 37) start."""
    with transition("accept", case_id, actor, reason, expected_state, public=True) as step:
        case = step.case
        on = accept_application(step, on)
        deadlines.meet(case, ACCEPT, on=on)
        deadlines.start(case, SERVE, on=on)
        deadlines.start(case, TRIBUNAL, on=on)
        award = deadlines.start(case, AWARD, on=on)
        if case.green_channel:
            days = ArbitrationSettings.current().green_close_days
            case.target_close_by = on + timedelta(days=days)
        step.details.update({"accepted_on": on, "award_due": award.due_on})
    return step.case


def arbitration_refuse(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """不予受理, in writing with reasons (ARB-RULES Art 30–31)."""
    reason = require_text(reason, "reason", "请填写不予受理的理由")
    with transition("refuse", case_id, actor, reason, expected_state, public=True) as step:
        refuse_application(step, reason, ArbitrationOutcome.NOT_ACCEPTED, meet=ACCEPT)
    return step.case
