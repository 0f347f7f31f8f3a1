"""The mediation and arbitration case types: their registrations with the kernel."""

from casework.kernel.registry import CaseType, TransitionInput, register_case_type
from casework.roles import Role


def _detail(serializer_name: str):
    def detail(case, request) -> dict:
        from arbitration.api import views

        return getattr(views, serializer_name)(case, context={"request": request}).data

    return detail


def _kwargs(table_name: str):
    def to_kwargs(name, data, raw) -> dict:
        from arbitration import forms

        return forms.transition_kwargs(getattr(forms, table_name), name, data, raw)

    return to_kwargs


def register() -> None:
    from arbitration.forms import TransitionForm
    from arbitration.models import ArbitrationCase, MediationCase
    from arbitration.selectors import arbitrations_visible_to, mediations_visible_to
    from arbitration.services import arbitration as arbitration_svc
    from arbitration.services import mediation as mediation_svc

    register_case_type(
        CaseType(
            code=ArbitrationCase.CASE_TYPE,
            model=ArbitrationCase,
            api_slug="arbitrations",
            detail_url_name="arbitration-detail",
            list_url_name="arbitration-list",
            visible=arbitrations_visible_to,
            head_roles=(Role.ARBITRATION_CHAIR,),
            writer_roles=(Role.ARBITRATOR, Role.ARBITRATION_CHAIR),
            transitions=TransitionInput(
                arbitration_svc.TRANSITION_SERVICES, TransitionForm, _kwargs("ARBITRATION_KWARGS")
            ),
            detail_data=_detail("ArbitrationDetailSerializer"),
        )
    )
    register_case_type(
        CaseType(
            code=MediationCase.CASE_TYPE,
            model=MediationCase,
            api_slug="mediations",
            detail_url_name="mediation-detail",
            list_url_name="mediation-list",
            visible=mediations_visible_to,
            head_roles=(Role.ARBITRATION_CHAIR,),
            writer_roles=(Role.MEDIATOR, Role.ARBITRATION_CHAIR),
            transitions=TransitionInput(
                mediation_svc.TRANSITION_SERVICES, TransitionForm, _kwargs("MEDIATION_KWARGS")
            ),
            detail_data=_detail("MediationDetailSerializer"),
        )
    )
