"""The mediation and arbitration case types: everything the app plugs into the kernel, declared once each.

Menu, demo data, benchmark rows, statistics series, green-channel entries and online applications, party
visibility, the transitions' input and the logged actions (with who may take them, their service and their
input form): ``register()`` is all ``ArbitrationConfig.ready`` calls.
"""

from django.utils.translation import gettext_lazy as _

from casework.kernel.registry import Action, CaseType, TransitionInput, register_case_type
from casework.roles import Role

CHAIR = (Role.ARBITRATION_CHAIR,)
# An arbitrator reaches only the cases whose tribunal they sit on (visibility: 404 for any other).
TRIBUNAL_OR_CHAIR = (Role.ARBITRATOR, Role.ARBITRATION_CHAIR)


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


def _parties(selector: str, related_name: str) -> dict:
    """The applicants and respondents of the cases of a type a user can see are visible to that user too."""
    from arbitration import selectors
    from casework.models import Employer, Person

    def persons(user):
        return Person.objects.filter(**{f"{related_name}__in": getattr(selectors, selector)(user)})

    def employers(user):
        return Employer.objects.filter(**{f"{related_name}__in": getattr(selectors, selector)(user)})

    return {Person: persons, Employer: employers}


def _series(name: str):
    def series():
        from arbitration import statistics

        return [getattr(statistics, name)()]

    return series


def _public(name: str):
    def register() -> None:
        from arbitration import public

        getattr(public, name)()

    return register


def _arbitration_actions() -> tuple[Action, ...]:
    from arbitration import forms
    from arbitration.services import arbitration as svc

    return (
        Action(
            "change_tribunal",
            _("变更仲裁庭组成"),
            CHAIR,
            service=svc.arbitration_change_tribunal,
            form=forms.TribunalChangeForm,
            success=_("已变更仲裁庭组成"),
        ),
        Action(
            "set_representatives",
            _("登记集体争议代表人"),
            TRIBUNAL_OR_CHAIR,
            service=svc.arbitration_set_representatives,
            form=forms.RepresentativesForm,
            success=_("已登记代表人"),
        ),
        Action(
            "restart_award_clock",
            _("重新计算审理期限"),
            TRIBUNAL_OR_CHAIR,
            service=svc.restart_award_clock,
            form=forms.RestartForm,
            success=_("已重新计算审理期限"),
        ),
        Action(
            "add_claim",
            _("增加仲裁请求"),
            TRIBUNAL_OR_CHAIR,
            service=svc.arbitration_add_claim,
            form=forms.AddClaimForm,
            success=_("已增加仲裁请求"),
        ),
        Action(
            "record_court_proceedings",
            _("登记当事人起诉"),
            TRIBUNAL_OR_CHAIR,
            service=svc.arbitration_record_court_proceedings,
            form=forms.CourtProceedingsForm,
            success=_("已登记当事人起诉情况"),
        ),
    )


def register() -> None:
    from arbitration import documents
    from arbitration.demo import seed_mediation_and_arbitration
    from arbitration.forms import TransitionForm
    from arbitration.models import ArbitrationCase, MediationCase
    from arbitration.scale_seed import ARBITRATION_SEED, MEDIATION_SEED
    from arbitration.selectors import arbitrations_visible_to, mediations_visible_to
    from arbitration.services import arbitration as arbitration_svc
    from arbitration.services import mediation as mediation_svc

    # Mediation first: the menu lists 劳动争议调解 before 劳动争议仲裁.
    register_case_type(
        CaseType(
            code=MediationCase.CASE_TYPE,
            model=MediationCase,
            search_text=("number", "respondent_name_given", "respondent__name"),
            api_slug="mediations",
            detail_url_name="mediation-detail",
            list_url_name="mediation-list",
            visible=mediations_visible_to,
            head_roles=CHAIR,
            employer_attr="respondent",  # the employer a dispute is against
            # The arbitrator reviewing an agreement (ARB-RULES Art 76) sees the case and may add evidence.
            writer_roles=(Role.MEDIATOR, Role.ARBITRATOR, Role.ARBITRATION_CHAIR),
            transitions=TransitionInput(
                mediation_svc.TRANSITION_SERVICES, TransitionForm, _kwargs("MEDIATION_KWARGS")
            ),
            detail_data=_detail("MediationDetailSerializer"),
            series=_series("mediation_series"),
            public=_public("register_mediation"),
            nav=((_("劳动争议调解"), "mediation-list", "arbitration.view_mediationcase"),),
            parties=_parties("mediations_visible_to", "mediation_cases"),
            scale_seed=MEDIATION_SEED,  # manage.py seed_scale
            documents=documents.MEDIATION_KINDS,
            document_list=documents.document_links,
            document_pdf=documents.render_document,
            disclosure="dispute",  # typical cases name no party
        )
    )
    register_case_type(
        CaseType(
            code=ArbitrationCase.CASE_TYPE,
            model=ArbitrationCase,
            search_text=("number", "respondent_name_given", "respondent__name"),
            api_slug="arbitrations",
            detail_url_name="arbitration-detail",
            list_url_name="arbitration-list",
            visible=arbitrations_visible_to,
            head_roles=CHAIR,
            employer_attr="respondent",  # the employer a dispute is against
            writer_roles=TRIBUNAL_OR_CHAIR,
            transitions=TransitionInput(
                arbitration_svc.TRANSITION_SERVICES, TransitionForm, _kwargs("ARBITRATION_KWARGS")
            ),
            actions=_arbitration_actions(),
            detail_data=_detail("ArbitrationDetailSerializer"),
            series=_series("arbitration_series"),
            public=_public("register_arbitration"),
            seeders=(seed_mediation_and_arbitration,),  # both types: a failed mediation converts
            nav=((_("劳动争议仲裁"), "arbitration-list", "arbitration.view_arbitration_pages"),),
            parties=_parties("arbitrations_visible_to", "arbitration_cases"),
            scale_seed=ARBITRATION_SEED,  # manage.py seed_scale
            documents=documents.ARBITRATION_KINDS,
            document_list=documents.document_links,
            document_pdf=documents.render_document,
            disclosure="dispute",  # typical cases name no party
        )
    )
