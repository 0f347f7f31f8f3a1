"""The complaint case type's one registration with the kernel."""

from casework.kernel.registry import CaseType, TransitionInput, register_case_type
from casework.roles import Role

WRITERS = (Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD)


def _detail_data(case, request) -> dict:
    from casework.api.complaints import ComplaintDetailSerializer

    return ComplaintDetailSerializer(case, context={"request": request}).data


def register() -> None:
    from casework.forms.complaints import TransitionForm, transition_kwargs
    from casework.models import Complaint
    from casework.selectors.complaints import complaints_visible_to
    from casework.services import complaints as svc

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
        )
    )
