"""The arrears case and the credit blacklist entry: their registrations with the kernel."""

from casework.kernel.registry import CaseType, TransitionInput, register_case_type
from casework.roles import Role

WRITERS = (Role.INSPECTOR, Role.INSPECTION_HEAD)


def _case_detail(case, request) -> dict:
    from arrears.api.serializers import ArrearsCaseDetailSerializer

    return ArrearsCaseDetailSerializer(case, context={"request": request}).data


def _kwargs(name, data, raw) -> dict:
    from arrears.forms import transition_kwargs

    return transition_kwargs(name, data)


def register() -> None:
    from arrears.forms import TransitionForm
    from arrears.models import ArrearsCase, BlacklistEntry
    from arrears.selectors.blacklist import blacklist_visible_to
    from arrears.selectors.cases import arrears_visible_to
    from arrears.services import blacklist as blacklist_svc
    from arrears.services import cases as case_svc

    register_case_type(
        CaseType(
            code=ArrearsCase.CASE_TYPE,
            model=ArrearsCase,
            api_slug="arrears",
            detail_url_name="arrears:case-detail",
            list_url_name="arrears:case-list",
            visible=arrears_visible_to,
            head_roles=(Role.INSPECTION_HEAD,),
            writer_roles=WRITERS,
            transitions=TransitionInput(case_svc.TRANSITION_SERVICES, TransitionForm, _kwargs),
            detail_data=_case_detail,
        )
    )
    register_case_type(
        CaseType(
            code=BlacklistEntry.CASE_TYPE,
            model=BlacklistEntry,
            api_slug="blacklist",
            detail_url_name="arrears:blacklist-detail",
            list_url_name="arrears:blacklist-list",
            visible=blacklist_visible_to,
            head_roles=(Role.INSPECTION_HEAD,),
            writer_roles=WRITERS,
            transitions=TransitionInput(blacklist_svc.TRANSITION_SERVICES, TransitionForm, _kwargs),
        )
    )
