"""The labour-inspection complaint on the green channel: the worker files it online (``green_channel``) and
looks up its progress, shown here in plain words."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from casework.inspection.models import Complaint, Outcome
from casework.inspection.models import ComplaintState as S
from casework.public.registry import COMPLAINT_FORM, register_application_form, register_public_case_type

STAGES = {
    S.REGISTERED: _("已收到您的投诉，正在审查，5个工作日内决定是否受理"),
    S.SUPPLEMENT_REQUESTED: _("需要您补充材料，工作人员会电话或短信通知您"),
    S.NOT_ACCEPTED: _("不予受理，书面通知会送给您"),
    S.TRANSFERRED: _("已转交其他单位办理"),
    S.ACCEPTED: _("您的投诉已受理"),
    S.FILED: _("已立案，正在安排调查"),
    S.INVESTIGATING: _("正在调查"),
    S.RECTIFICATION_ORDERED: _("已责令用人单位限期改正（支付工资）"),
    S.RECTIFIED: _("用人单位已改正，正在办理结案"),
    S.NOT_RECTIFIED: _("用人单位到期没有改正，正在依法处理"),
    S.PENALTY_NOTICED: _("正在依法处理"),
    S.DECIDED: _("已对用人单位作出处理决定"),
    S.POLICE_TRANSFERRED: _("已移送公安机关"),
    S.CLOSED: _("已办结"),
    S.CASE_WITHDRAWN: _("已办结"),
    S.COMPLAINT_WITHDRAWN: _("您已撤回投诉"),
    S.ARCHIVED: _("已办结"),
}

CLOSED_OUTCOME_STAGES = {
    Outcome.ARREARS_RECOVERED: _("已办结，已为您追回工资"),
    Outcome.VIOLATION_CORRECTED: _("已办结，用人单位已改正"),
    Outcome.NO_VIOLATION: _("已办结，经调查没有发现违法行为"),
}

TIMELINE_LABELS = {
    "register": _("收到投诉"),
    "request_supplement": _("通知您补充材料"),
    "accept": _("投诉已受理"),
    "refuse": _("决定不予受理"),
    "transfer": _("转交其他单位办理"),
    "file_case": _("立案调查"),
    "order_rectification": _("责令用人单位限期改正"),
    "confirm_rectified": _("用人单位已改正"),
    "decide_penalty": _("对用人单位作出行政处罚"),
    "decide_handling": _("对用人单位作出处理决定"),
    "transfer_to_police": _("移送公安机关"),
    "close": _("办结"),
    "withdraw_case": _("撤销立案"),
    "withdraw_complaint": _("投诉已撤回"),
}


def stage_text(case: Complaint) -> str:
    if case.state in (S.CLOSED, S.ARCHIVED) and case.outcome in CLOSED_OUTCOME_STAGES:
        return str(CLOSED_OUTCOME_STAGES[case.outcome])
    if case.state == S.TRANSFERRED and case.transferred_to_id:
        new = case.transferred_to  # select_related on the progress page (register() below)
        if new is not None and new.complainant_id == case.complainant_id:
            return str(_("已转交%(unit)s办理，新的案件编号：%(number)s")) % {
                "unit": new.jurisdiction.name,
                "number": new.number,
            }
    return str(STAGES.get(case.state, _("正在办理")))


def amount_recovered(case: Complaint, person) -> Decimal | None:
    """The complainant's recovered wages, once the case is closed with arrears recovered.

    Wage-arrears cases (the arrears app) record per-worker amounts; a complaint records one total.
    """
    if person is None or case.complainant_id != person.pk:
        return None
    if case.state in (S.CLOSED, S.ARCHIVED) and case.outcome == Outcome.ARREARS_RECOVERED:
        return case.recovered_amount
    return None


def lookup_persons(case: Complaint) -> list:
    """The complainant and the co-complainants registered with their ID numbers."""
    return [case.complainant, *case.co_complainants.all()]


def cases_for_persons(persons):
    from django.db.models import Q

    return Complaint.objects.filter(Q(complainant__in=persons) | Q(co_complainants__in=persons)).distinct()


def _steps():
    from casework.inspection.models import ComplaintState as C

    return (
        (_("收到投诉"), (C.REGISTERED, C.SUPPLEMENT_REQUESTED)),
        (_("受理"), (C.ACCEPTED,)),
        (
            _("调查处理"),
            (
                C.FILED,
                C.INVESTIGATING,
                C.RECTIFICATION_ORDERED,
                C.RECTIFIED,
                C.NOT_RECTIFIED,
                C.PENALTY_NOTICED,
                C.DECIDED,
                C.POLICE_TRANSFERRED,
            ),
        ),
        (
            _("办结"),
            (
                C.CLOSED,
                C.CASE_WITHDRAWN,
                C.COMPLAINT_WITHDRAWN,
                C.ARCHIVED,
                C.NOT_ACCEPTED,
                C.TRANSFERRED,
                C.MERGED,
            ),
        ),
    )


def _withdraw(*, actor, case_id, reason):
    """投诉人撤回投诉, when staff accept the worker's request from the claimant page."""
    from casework.inspection.services.closing import complaint_withdraw_complaint

    return complaint_withdraw_complaint(actor=actor, complaint_id=case_id, reason=reason)


def register() -> None:
    from casework.inspection.green_channel import WageComplaintForm, online_complaint_register

    register_application_form(
        COMPLAINT_FORM,
        WageComplaintForm,
        online_complaint_register,
        label=_("投诉欠薪"),
        listed=False,
        template="green/complaint_form.html",
        photo_description=_("网上投诉时提交的照片"),
    )
    register_public_case_type(
        Complaint,
        label=_("劳动保障监察投诉"),
        applicant_attr="complainant",
        stage_text=stage_text,
        amount_recovered=amount_recovered,
        timeline_labels=TIMELINE_LABELS,
        lookup_persons=lookup_persons,
        cases_for_persons=cases_for_persons,
        noun=_("投诉"),
        person_paths=("complainant", "co_complainants"),
        select_related=("transferred_to__jurisdiction",),
        steps=_steps(),
        withdraw=_withdraw,
    )
