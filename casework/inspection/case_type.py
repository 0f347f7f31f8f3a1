"""The complaint case type's one registration with the kernel."""

from casework.kernel.registry import CaseType, TransitionInput, register_case_type
from casework.roles import Role

WRITERS = (Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD)


def _detail_data(case, request) -> dict:
    from casework.inspection.api import ComplaintDetailSerializer

    return ComplaintDetailSerializer(case, context={"request": request}).data


def _series():
    from casework.inspection.statistics import complaint_series

    return [complaint_series()]


def _public() -> None:
    from casework.inspection.public import register

    register()  # complaints can be looked up on the public green channel


def register() -> None:
    from casework.inspection import services as svc
    from casework.inspection.demo import seed_complaints
    from casework.inspection.demo_alerts import seed_alert_demo
    from casework.inspection.demo_green import seed_green_channel
    from casework.inspection.forms import TransitionForm, transition_kwargs
    from casework.inspection.models import Complaint
    from casework.inspection.selectors import complaints_visible_to

    register_case_type(
        CaseType(
            code=Complaint.CASE_TYPE,
            model=Complaint,
            api_slug="complaints",
            detail_url_name="complaint-detail",
            list_url_name="complaint-list",
            visible=complaints_visible_to,
            head_roles=(Role.INSPECTION_HEAD,),
            writer_roles=WRITERS,
            transitions=TransitionInput(
                services=svc.TRANSITION_SERVICES,
                form=TransitionForm,
                to_kwargs=lambda name, data, raw: transition_kwargs(name, data),
            ),
            id_kwarg="complaint_id",
            detail_data=_detail_data,
            series=_series,
            public=_public,
            seeders=(seed_complaints, seed_alert_demo, seed_green_channel),
        )
    )
