"""Arbitration and mediation cases in the benchmark dataset (``manage.py seed_scale``): the respondent and
one applicant from the party pool; one to three arbitrators (a sole arbitrator or a tribunal)."""

from arbitration.models import ArbitrationCase, MediationCase
from casework.kernel.scale import ScaleSeed, SeedCase
from casework.roles import Role

ARBITRATION_APPLICANTS = ArbitrationCase._meta.get_field("applicants").remote_field.through
MEDIATION_APPLICANTS = MediationCase._meta.get_field("applicants").remote_field.through


def _dispute_fields(case: SeedCase, applicants, model_name: str) -> dict:
    case.table(applicants).add({f"{model_name}_id": case.pk, "person_id": case.person_id})
    return {
        "received_on": case.received,
        "accepted_on": case.accepted,
        "respondent_id": case.employer_id,
        "respondent_name_given": "某有限公司",
        "facts": "追索劳动报酬。",
    }


def arbitration_fields(case: SeedCase) -> dict:
    return _dispute_fields(case, ARBITRATION_APPLICANTS, "arbitrationcase")


def mediation_fields(case: SeedCase) -> dict:
    return {
        **_dispute_fields(case, MEDIATION_APPLICANTS, "mediationcase"),
        "body_name": "乡镇劳动争议调解委员会",
    }


ARBITRATION_SEED = ScaleSeed(
    share=0.35,
    open_states=("applied", "accepted", "served", "tribunal_formed", "hearing_scheduled", "heard"),
    closed_states=("closed", "withdrawn", "archived"),
    deadline_rule="arbitration.award",
    deadline_title="仲裁审理期限",
    worker_role=Role.ARBITRATOR,
    head_role=Role.ARBITRATION_CHAIR,
    fields=arbitration_fields,
    children=(ARBITRATION_APPLICANTS,),
    early_closings=frozenset({"withdrawn"}),
    assignee_count=lambda rng: rng.choice((1, 1, 3)),
)

MEDIATION_SEED = ScaleSeed(
    share=0.15,
    open_states=("applied", "accepted", "in_session"),
    closed_states=("closed", "withdrawn", "converted"),
    deadline_rule="mediation.settle",
    deadline_title="调解期限",
    worker_role=Role.MEDIATOR,
    head_role=Role.ARBITRATION_CHAIR,
    fields=mediation_fields,
    children=(MEDIATION_APPLICANTS,),
    early_closings=frozenset({"withdrawn"}),
)

SCALE_SEEDS = {ArbitrationCase.CASE_TYPE: ARBITRATION_SEED, MediationCase.CASE_TYPE: MEDIATION_SEED}
