"""Mediation and arbitration on the public green channel: online applications and the progress lookup."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from arbitration.models import ArbitrationCase, MediationCase
from arbitration.models.arbitration import ArbitrationChannel, ArbitrationOutcome
from arbitration.models.arbitration import ArbitrationState as A
from arbitration.models.claims import ClaimType
from arbitration.models.mediation import MediationChannel
from arbitration.models.mediation import MediationState as M
from casework.public.forms import DisputeApplicationForm
from casework.public.registry import HearingRow, register_application_form, register_public_case_type

ARBITRATION_STAGES = {
    A.APPLIED: _("已收到您的仲裁申请，5个工作日内决定是否受理"),
    A.MATERIALS_REQUESTED: _("需要您补充材料，工作人员会通知您"),
    A.NOT_ACCEPTED: _("不予受理，书面通知会送给您"),
    A.ACCEPTED: _("您的仲裁申请已受理"),
    A.SERVED: _("已把申请书副本送给用人单位"),
    A.TRIBUNAL_FORMED: _("已确定仲裁员"),
    A.HEARING_SCHEDULED: _("已安排开庭，请按开庭通知按时到庭"),
    A.HEARD: _("已开庭，等待裁决"),
    A.SUSPENDED: _("案件暂停审理"),
    A.MEDIATED: _("已调解，出具了调解书"),
    A.AWARDED: _("已作出裁决"),
    A.CLOSED: _("已办结"),
    A.WITHDRAWN: _("申请已撤回"),
    A.CANCELLED: _("案件已撤销"),
    A.TERMINATED: _("案件终止审理"),
    A.ARCHIVED: _("已办结"),
}
MEDIATION_STAGES = {
    M.APPLIED: _("已收到您的调解申请"),
    M.ACCEPTED: _("调解申请已受理，15天内进行调解"),
    M.IN_SESSION: _("正在调解"),
    M.AGREEMENT: _("已达成调解协议"),
    M.FAILED: _("调解没有成功，您可以申请仲裁"),
    M.REVIEW_REQUESTED: _("已申请仲裁审查调解协议"),
    M.UNDER_REVIEW: _("仲裁委正在审查调解协议"),
    M.REVIEWED: _("已出具调解书"),
    M.REVIEW_REFUSED: _("仲裁委不予制作调解书"),
    M.NOT_ACCEPTED: _("不予受理"),
    M.WITHDRAWN: _("申请已撤回"),
    M.CONVERTED: _("调解不成，已转为仲裁申请"),
    M.CLOSED: _("已办结"),
    M.ARCHIVED: _("已办结"),
}
ARBITRATION_TIMELINE = {
    "register": _("收到仲裁申请"),
    "accept": _("仲裁申请已受理"),
    "schedule_hearing": _("安排开庭"),
    "close": _("办结"),
}
MEDIATION_TIMELINE = {"register": _("收到调解申请"), "accept": _("调解申请已受理"), "close": _("办结")}


ARBITRATION_STEPS = (
    (_("申请"), (A.APPLIED, A.MATERIALS_REQUESTED)),
    (_("受理"), (A.ACCEPTED, A.SERVED, A.TRIBUNAL_FORMED)),
    (_("开庭"), (A.HEARING_SCHEDULED, A.HEARD, A.SUSPENDED)),
    (_("裁决或调解"), (A.MEDIATED, A.AWARDED)),
    (_("办结"), (A.CLOSED, A.WITHDRAWN, A.CANCELLED, A.TERMINATED, A.ARCHIVED, A.NOT_ACCEPTED)),
)
MEDIATION_STEPS = (
    (_("申请"), (M.APPLIED,)),
    (_("受理"), (M.ACCEPTED,)),
    (_("调解"), (M.IN_SESSION, M.AGREEMENT, M.FAILED, M.REVIEW_REQUESTED, M.UNDER_REVIEW)),
    (
        _("办结"),
        (M.REVIEWED, M.REVIEW_REFUSED, M.NOT_ACCEPTED, M.WITHDRAWN, M.CONVERTED, M.CLOSED, M.ARCHIVED),
    ),
)
# What to bring to a hearing (ARB-RULES Art 38's notice; the applicant's identity and the originals of the
# evidence submitted in copy).
HEARING_BRING = _(
    "身份证原件；开庭通知书；提交过的证据的原件（工资条、欠条、考勤记录、聊天记录等）；委托他人的带授权委托书"
)


def _hearings(cases) -> dict:
    """The scheduled and held hearings of these arbitration cases: one query for all of them."""
    from arbitration.models.proceedings import Hearing

    out: dict = {}
    rows = (
        Hearing.objects.filter(case__in=[c.pk for c in cases])
        .exclude(status=Hearing.Status.POSTPONED)
        .select_related("case__jurisdiction")
        .order_by("scheduled_at", "sequence")
    )
    for hearing in rows:
        unit = hearing.case.jurisdiction
        how = [gettext("%(directions)s。") % {"directions": hearing.directions}] if hearing.directions else []
        if unit.address:
            how.append(gettext("仲裁委地址：%(address)s。") % {"address": unit.address})
        how.append(
            gettext("找不到地方请拨打%(phone)s。请提前15分钟到达。") % {"phone": unit.phone or "12333"}
        )
        out.setdefault(hearing.case_id, []).append(
            HearingRow(
                case_pk=hearing.case_id,
                at=hearing.scheduled_at,
                place=hearing.place,
                directions="".join(how),
                bring=str(HEARING_BRING),
                status=str(hearing.get_status_display()) if hearing.status == Hearing.Status.HELD else "",
            )
        )
    return out


def _withdraw(service_name: str):
    """The type's own withdrawal transition, run when staff accept a worker's request to withdraw."""

    def withdraw(*, actor, case_id, reason):
        from arbitration.services import arbitration, mediation

        service = {"arbitration": arbitration.arbitration_withdraw, "mediation": mediation.mediation_withdraw}
        return service[service_name](actor=actor, case_id=case_id, reason=reason)

    return withdraw


def _claims_from(data) -> list[dict]:
    return [
        {
            "claim_type": ClaimType.WAGES if data.get("amount") else ClaimType.OTHER,
            "description": data["claims"][:300],
            "amount": data.get("amount") or None,
        }
    ]


def _apply(apply_service, channel: str):
    """The online application's service: the worker's case registered on the green channel, no staff actor."""

    def service(*, applicant, employer, jurisdiction, data, submission_key):
        return apply_service()(
            actor=None,
            jurisdiction=jurisdiction,
            applicants=[applicant],
            facts=data["facts"],
            respondent=employer,
            respondent_name_given=data.get("employer_name", ""),
            claims=_claims_from(data),
            channel=channel,
            green_channel=True,
            submission_key=submission_key,
        )

    return service


def _arbitration_apply():
    from arbitration.services.arbitration import arbitration_apply

    return arbitration_apply


def _mediation_apply():
    from arbitration.services.mediation import mediation_apply

    return mediation_apply


def _register(
    model,
    code: str,
    *,
    label,
    noun,
    stage_text,
    timeline,
    apply_service,
    channel,
    intro,
    steps,
    hearings=None,
) -> None:
    """A case type the worker looks up by its applicants, and the online application that registers one."""
    register_public_case_type(
        model,
        label=label,
        applicant_attr="applicants",
        stage_text=stage_text,
        timeline_labels=timeline,
        lookup_persons=lambda case: case.applicants.all(),
        cases_for_persons=lambda persons: model.objects.filter(applicants__in=persons).distinct(),
        noun=noun,
        steps=steps,
        hearings=hearings,
        withdraw=_withdraw(code),
    )
    register_application_form(code, DisputeApplicationForm, _apply(apply_service, channel), intro=intro)


def _arbitration_stage(case) -> str:
    if case.outcome == ArbitrationOutcome.MEDIATION and not case.is_open:
        return str(_("已办结（调解结案）"))
    return str(ARBITRATION_STAGES.get(case.state, _("正在办理")))


def register_arbitration() -> None:
    _register(
        ArbitrationCase,
        "arbitration",
        label=_("劳动争议仲裁"),
        noun=_("仲裁申请"),
        stage_text=_arbitration_stage,
        timeline=ARBITRATION_TIMELINE,
        apply_service=_arbitration_apply,
        channel=ArbitrationChannel.GREEN_CHANNEL,
        intro=_("劳动争议仲裁不收费。农民工追讨工资优先受理。"),
        steps=ARBITRATION_STEPS,
        hearings=_hearings,
    )


def register_mediation() -> None:
    _register(
        MediationCase,
        "mediation",
        label=_("劳动争议调解"),
        noun=_("调解申请"),
        stage_text=lambda case: str(MEDIATION_STAGES.get(case.state, _("正在办理"))),
        timeline=MEDIATION_TIMELINE,
        apply_service=_mediation_apply,
        channel=MediationChannel.GREEN_CHANNEL,
        intro=_("调解不收费，15天内调解不成的，可以申请仲裁。"),
        steps=MEDIATION_STEPS,
    )
