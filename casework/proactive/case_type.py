"""The routine/special inspection case type's one registration with the kernel."""

from django.utils.translation import gettext_lazy as _

from casework.kernel.registry import Action, CaseType, TransitionInput, register_case_type
from casework.roles import Role

INSPECTORS = (Role.INSPECTOR, Role.INSPECTION_HEAD)
HEAD = (Role.INSPECTION_HEAD,)


def _detail_data(case, request) -> dict:
    from casework.proactive.api import InspectionDetailSerializer

    return InspectionDetailSerializer(case, context={"request": request}).data


def _kwargs(name, data, raw) -> dict:
    from casework.proactive.forms import transition_kwargs

    return transition_kwargs(name, data)


def _actions() -> tuple[Action, ...]:
    from casework.forms.assignment import AssignForm
    from casework.proactive import forms
    from casework.proactive.services import inspections as svc

    return (
        # LIR Art 16: inspections by at least two inspectors; the unit head assigns them.
        Action(
            "assign", _("指派检查人员"), HEAD, svc.inspection_assign, AssignForm, success=_("已指派检查人员")
        ),
        Action(
            "record_result",
            _("登记检查事项结果"),
            INSPECTORS,
            svc.inspection_record_result,
            forms.RecordResultForm,
            success=_("已登记检查结果"),
        ),
        # 双随机、一公开: the outcome of a drawn inspection published on the draw's public page
        Action(
            "publish_outcome",
            _("公示检查结果"),
            INSPECTORS,
            svc.inspection_publish_outcome,
            forms.PublishOutcomeForm,
            success=_("检查结果已公示"),
        ),
        Action(
            "open_case",
            _("发现违法立案"),
            INSPECTORS,
            svc.inspection_open_case,
            forms.OpenCaseForm,
            success=_("已立案"),
        ),
    )


def register() -> None:
    from casework.proactive.demo import seed_proactive
    from casework.proactive.forms import TransitionForm
    from casework.proactive.models import Inspection
    from casework.proactive.selectors import inspections_visible_to
    from casework.proactive.services.inspections import TRANSITION_SERVICES

    register_case_type(
        CaseType(
            code=Inspection.CASE_TYPE,
            model=Inspection,
            search_text=("number", "employer__name"),
            api_slug="inspections",
            detail_url_name="proactive:inspection-detail",
            list_url_name="proactive:inspection-list",
            visible=inspections_visible_to,
            head_roles=HEAD,
            writer_roles=INSPECTORS,
            transitions=TransitionInput(TRANSITION_SERVICES, TransitionForm, _kwargs),
            actions=_actions(),
            id_kwarg="inspection_id",
            detail_data=_detail_data,
            seeders=(seed_proactive,),
            nav=(
                (_("主动监察"), "proactive:inspection-list", "proactive.view_inspection"),
                (_("网格"), "proactive:grid-list", "proactive.view_grid"),
                (_("双随机抽查"), "proactive:draw-list", "proactive.view_draw"),
            ),
        )
    )
