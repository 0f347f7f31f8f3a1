"""The complaint case type's one registration with the kernel.

From it the kernel serves the transitions and the logged actions below, for the API
(``/api/v1/complaints/<id>/transitions|actions/<name>/``) and the pages (``case-change``), each refused before
its input is read to anyone whose role may not make it (``casework.kernel.writes``).
"""

from django.utils.translation import gettext_lazy as _

from casework.kernel.registry import Action, CaseType, TransitionInput, register_case_type
from casework.roles import Role

WRITERS = (Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD)
INSPECTORS = (Role.INSPECTOR, Role.INSPECTION_HEAD)
HEAD = (Role.INSPECTION_HEAD,)


def _detail_data(case, request) -> dict:
    from casework.inspection.api import ComplaintDetailSerializer

    return ComplaintDetailSerializer(case, context={"request": request}).data


def _series():
    from casework.inspection.statistics import complaint_series

    return [complaint_series()]


def _public() -> None:
    from casework.inspection.public import register

    register()  # the green channel: the online wage complaint, and the lookup of a complaint's progress


def _open_from_intake(*, actor, intake):
    from casework.inspection.intake_opener import open_complaint

    return open_complaint(actor=actor, intake=intake)


def _transition_kwargs(name, data, raw) -> dict:
    from casework.inspection.forms import transition_kwargs

    return transition_kwargs(name, data)


def _actions() -> tuple[Action, ...]:
    from casework.forms.assignment import AssignForm
    from casework.inspection import forms
    from casework.inspection import services as svc

    return (
        # The unit head assigns the inspectors, at least two (LIR Art 16).
        Action(
            "assign",
            "指派承办监察员",
            HEAD,
            service=svc.complaint_assign,
            form=AssignForm,
            success="已指派承办监察员",
        ),
        # A further complaint about an open case's employer joins that case (并入).
        Action(
            "attach",
            "并入新投诉",
            WRITERS,
            service=svc.complaint_attach,
            form=forms.AttachForm,
            to_kwargs=forms.attach_kwargs,
            success="已并入本案",
        ),
        # The registered employer a complaint is about, before acceptance (LIR-IMPL Art 18).
        Action(
            "identify_employer",
            "确定被投诉单位",
            WRITERS,
            service=svc.complaint_identify_employer,
            form=forms.IdentifyEmployerForm,
            success="已确定被投诉单位",
        ),
        # The employer's statement and defence after the prior notice (LIR Art 19): inspectors record it.
        Action(
            "record_statement",
            "记录陈述申辩",
            INSPECTORS,
            service=svc.complaint_record_statement,
            form=forms.StatementForm,
            success="已记录陈述申辩",
        ),
        # The investigation's records: notice, interview, site inspection (LIR Art 16: two inspectors).
        Action(
            "record_investigation",
            "记录调查情况",
            INSPECTORS,
            service=svc.complaint_record_investigation,
            form=forms.InvestigationRecordForm,
            success="已记录调查情况",
        ),
        # The facts found from those records, with their legal bases (APL 2021 Art 44; LIR Art 19).
        Action(
            "record_findings",
            "认定违法事实",
            INSPECTORS,
            service=svc.complaint_record_findings,
            form=forms.FindingsForm,
            success="已记录认定的违法事实",
        ),
        # The hearing of a large fine (APL 2021 Arts 63–65): request, notice 7 working days ahead, hearing.
        Action(
            "request_hearing",
            "记录听证申请",
            INSPECTORS,
            service=svc.complaint_request_hearing,
            form=forms.HearingRequestForm,
            success="已记录听证申请",
        ),
        Action(
            "notify_hearing",
            "送达听证通知书",
            INSPECTORS,
            service=svc.complaint_notify_hearing,
            form=forms.HearingNoticeForm,
            success="已记录听证通知",
        ),
        Action(
            "hold_hearing",
            "记录听证笔录和听证报告",
            INSPECTORS,
            service=svc.complaint_hold_hearing,
            form=forms.HearingRecordForm,
            success="已记录听证",
        ),
        # The handling decision's payment and, unpaid by its date, 加付赔偿金 (LIR Art 26).
        Action(
            "record_payment",
            "记录支付情况",
            INSPECTORS,
            service=svc.complaint_record_payment,
            form=forms.PaymentForm,
            success="已记录支付情况",
        ),
        Action(
            "order_compensation",
            "责令加付赔偿金",
            HEAD,
            service=svc.complaint_order_compensation,
            form=forms.CompensationForm,
            success="已责令加付赔偿金",
        ),
    )


def register() -> None:
    from casework.inspection import services as svc
    from casework.inspection.demo import seed_complaints
    from casework.inspection.demo_alerts import seed_alert_demo
    from casework.inspection.demo_green import seed_green_channel
    from casework.inspection.documents import DOCUMENT_KINDS, documents_for, render_document
    from casework.inspection.forms import TransitionForm
    from casework.inspection.models import Complaint
    from casework.inspection.scale_seed import COMPLAINT_SEED
    from casework.inspection.selectors import complaints_visible_to

    register_case_type(
        CaseType(
            code=Complaint.CASE_TYPE,
            model=Complaint,
            search_text=("number", "employer_name_given", "employer__name"),
            api_slug="complaints",
            detail_url_name="complaint-detail",
            list_url_name="complaint-list",
            visible=complaints_visible_to,
            head_roles=HEAD,
            writer_roles=WRITERS,
            transitions=TransitionInput(svc.TRANSITION_SERVICES, TransitionForm, _transition_kwargs),
            actions=_actions(),
            id_kwarg="complaint_id",
            detail_data=_detail_data,
            series=_series,
            public=_public,
            seeders=(seed_complaints, seed_alert_demo, seed_green_channel),
            nav=((_("投诉举报"), "complaint-list", "casework.view_complaint"),),
            scale_seed=COMPLAINT_SEED,  # manage.py seed_scale
            documents=DOCUMENT_KINDS,
            document_list=documents_for,
            document_pdf=render_document,
            open_from_intake=(_("投诉举报案件"), _open_from_intake),  # casework.kernel.intake
            disclosure="enforcement",  # typical cases may name the employer (人社部令第29号)
        )
    )
