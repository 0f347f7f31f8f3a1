"""A failed mediation becomes an arbitration application (LDMAL Art 14), its data carried over."""

from django.utils import timezone

from arbitration.models import ArbitrationCase, ArbitrationChannel, MediationCase, MediationOutcome
from arbitration.services.arbitration import create_application
from casework.services.transitions import case_transition


def mediation_to_arbitration(
    *, actor, mediation_id, reason: str = "", expected_state=None
) -> tuple[MediationCase, ArbitrationCase]:
    """Convert a failed mediation: a new arbitration application with the same applicants, respondent,
    claims, facts and evidence list, received today, linked both ways (``from_mediation`` /
    ``arbitration_case``). The mediation ends as "转入仲裁". One transaction: both or neither."""
    with case_transition(
        MediationCase,
        mediation_id,
        "convert",
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=True,
    ) as step:
        mediation = step.case
        step.fire()
        claims = [
            {"claim_type": c.claim_type, "description": c.description, "amount": c.amount}
            for c in mediation.claims.all()
        ]
        facts = mediation.facts
        if mediation.failure_reason:
            facts = f"{facts}\n（经{mediation.body_name}调解不成：{mediation.failure_reason}）"
        arbitration = create_application(
            actor=actor,  # checked by the mediation transition above
            jurisdiction=mediation.jurisdiction,
            applicants=list(mediation.applicants.all()),
            respondent=mediation.respondent,
            respondent_name_given=mediation.respondent_name_given,
            claims=claims,
            facts=facts,
            evidence_list=mediation.evidence_list,
            channel=ArbitrationChannel.MEDIATION,
            received_on=timezone.localdate(),
            green_channel=mediation.green_channel,
            from_mediation=mediation,
        )
        mediation.outcome, mediation.closed_at = MediationOutcome.CONVERTED, timezone.now()
        step.details["arbitration_case"] = arbitration.number
    return step.case, arbitration
