"""Service, defence and the tribunal (ARB-RULES Arts 5, 11, 33, 37)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from arbitration.models import ArbitrationCase, ArbitrationState, Procedure, Representative
from arbitration.services import tribunal as tribunal_svc
from arbitration.services.arbitration.base import (
    DEFENCE,
    DEFENCE_COPY,
    TRIBUNAL,
    action,
    transition,
)
from arbitration.services.arbitration.served import copy_served_on, respondent_received_copy
from arbitration.services.common import act_on
from casework.inputs import require_text
from casework.services import deadlines
from casework.services.transitions import PreconditionFailed

S = ArbitrationState


def _served_on(case, on):
    """The day the copy reached the respondent: the service of the 应诉通知书 that carries it when it was
    issued through the documents register (that record decides; another date entered is a 400), else the
    date entered."""
    served = copy_served_on(case)
    entered = act_on(on, after=case.accepted_on, after_label="受理日期") if on or served is None else None
    if served is None:
        return entered
    if entered is not None and entered != served:
        raise ValidationError({"on": [f"应诉通知书于{served:%Y-%m-%d}送达被申请人，送达日期以送达记录为准"]})
    return served


def arbitration_serve(*, actor, case_id, on=None, reason: str = "", expected_state=None) -> ArbitrationCase:
    """The application copy reached the respondent on ``on``: its 10 working days of defence run from that
    day (LDMAL Art 30; ARB-RULES Art 33), through ``respondent_received_copy`` — the same function the
    service of the 应诉通知书 calls, so a period its service record already started that day is kept."""
    with transition("serve_application", case_id, actor, reason, expected_state) as step:
        case = step.case
        on = _served_on(case, on)
        step.fire()
        defence = respondent_received_copy(case, on)
        case.served_on = on
        step.details.update({"served_on": on, "defence_due": defence.due_on})
    return step.case


def arbitration_record_defence(
    *, actor, case_id, summary: str = "", on=None, expected_state=None
) -> ArbitrationCase:
    """The defence arrived; its copy goes to the applicant within 5 working days (ARB-RULES Art 33)."""
    with transition("record_defence", case_id, actor, summary, expected_state) as step:
        case = step.case
        on = act_on(on, after=case.served_on, after_label="送达日期")
        step.fire()
        case.defence_received_on, case.defence_summary = on, (summary or "").strip()
        deadlines.meet(case, DEFENCE, on=on)
        copy = deadlines.start(case, DEFENCE_COPY, on=on)
        step.details.update({"received_on": on, "copy_due": copy.due_on})
    return step.case


def arbitration_send_defence_copy(*, actor, case_id, on=None, reason: str = "", expected_state=None):
    with transition("send_defence_copy", case_id, actor, reason, expected_state) as step:
        case = step.case
        on = act_on(on, after=case.defence_received_on, after_label="收到答辩书日期")
        step.fire()
        case.defence_copy_sent_on = on
        deadlines.meet(case, DEFENCE_COPY, on=on)
    return step.case


def _check_procedure(case, procedure: str | None) -> None:
    if not procedure:
        return
    if procedure not in Procedure.values:
        raise ValidationError({"procedure": ["未知的审理程序"]})
    if procedure == Procedure.SIMPLIFIED and (case.collective or case.complex):
        raise ValidationError({"procedure": ["集体劳动争议或重大复杂案件不适用简易程序"]})
    case.procedure = procedure


def arbitration_form_tribunal(
    *,
    actor,
    case_id,
    presiding,
    members=(),
    procedure: str | None = None,
    on=None,
    reason: str = "",
    expected_state=None,
) -> ArbitrationCase:
    """组成仲裁庭 (ARB-RULES Art 37): a sole arbitrator under the simplified procedure, three otherwise —
    always three for a collective or complex case. Grants the case to each arbitrator (django-guardian
    object permissions, written in this transaction with the tribunal and its log entry)."""
    with transition("form_tribunal", case_id, actor, reason, expected_state) as step:
        case = step.case
        _check_procedure(case, procedure)
        on = act_on(on, after=case.accepted_on, after_label="受理日期")
        step.fire()
        changes = tribunal_svc.tribunal_set(case, presiding=presiding, members=list(members), on=on)
        case.tribunal_formed_on = on
        deadlines.meet(case, TRIBUNAL, on=on)
        step.details.update({"procedure": case.procedure, "arbitrators": changes["added"]})
    return step.case


def arbitration_change_tribunal(*, actor, case_id, presiding, members=(), reason: str) -> ArbitrationCase:
    """Replace arbitrators (e.g. after a recusal, ARB-RULES Art 11); access moves with membership: the
    object permissions granted and revoked, the tribunal and the log entry are one transaction."""
    reason = require_text(reason, "reason", "请填写变更仲裁庭组成的理由（如回避）")
    with action(case_id, "change_tribunal", actor=actor, reason=reason) as step:
        case = step.case
        if case.tribunal_formed_on is None or not case.is_open or case.state in (S.AWARDED, S.MEDIATED):
            raise PreconditionFailed("只有已组庭、尚未作出裁决或调解的案件可以变更仲裁庭组成")
        changes = tribunal_svc.tribunal_set(
            case, presiding=presiding, members=list(members or ()), on=timezone.localdate()
        )
        step.details.update(changes)
    return step.case


def arbitration_set_representatives(*, actor, case_id, persons, elected_on=None) -> ArbitrationCase:
    """The 3–5 representatives the workers of a collective case elected from among the applicants
    (ARB-RULES Art 5). ``persons`` are applicants or their ids."""
    wanted = list(dict.fromkeys(getattr(p, "pk", p) for p in persons or ()))
    elected_on = act_on(elected_on, "elected_on")
    with action(case_id, "set_representatives", actor=actor) as step:
        case = step.case
        if not case.collective:
            raise PreconditionFailed("只有集体劳动争议需要推举代表人")
        if not case.is_open:
            raise PreconditionFailed("案件已办结")
        if not 3 <= len(wanted) <= 5:
            raise ValidationError({"persons": ["集体劳动争议应推举三至五名代表人（办案规则第五条）"]})
        chosen = {p.pk: p for p in case.applicants.filter(pk__in=wanted)}
        if len(chosen) != len(wanted):
            raise ValidationError({"persons": ["代表人须从本案申请人中推举"]})
        case.representatives.all().delete()
        Representative.objects.bulk_create(
            [Representative(case=case, person=chosen[pk], elected_on=elected_on) for pk in wanted]
        )
        step.details["representatives"] = [chosen[pk].name for pk in wanted]
    return step.case
