"""What the arbitration services share: the deadline rules they start and stop, the transition and action
wrappers and how a case ends."""

from django.utils import timezone

from arbitration.models import ArbitrationCase
from casework.services import deadlines
from casework.services.transitions import case_action, case_transition

# The statutory periods (casework/deadlines/rules.py, each with its article).
ACCEPT = "arbitration.accept"  # 5 working days to accept (LDMAL Art 29)
SERVE = "arbitration.serve"  # 5 working days to serve the application copy (ARB-RULES Art 33)
DEFENCE = "arbitration.defence"  # 10 working days for the defence (ARB-RULES Art 33)
DEFENCE_COPY = "arbitration.defence_copy"  # 5 working days to pass it on (ARB-RULES Art 33)
TRIBUNAL = "arbitration.tribunal"  # 5 working days to form the tribunal (ARB-RULES Art 37)
HEARING_NOTICE = "arbitration.hearing_notice"  # notice 5 days before the hearing (ARB-RULES Art 38)
POSTPONE_REQUEST = "arbitration.postpone_request"  # a party asks 3 days before (ARB-RULES Art 38)
AWARD = "arbitration.award"  # 45 days, +15 once (LDMAL Art 43)


def transition(name: str, case_id, actor, reason: str = "", expected_state=None, *, public: bool = False):
    """The state move ``name`` of arbitration case ``case_id`` through ``case_transition`` (a context manager
    yielding the step): who makes it, why, the state the page showed (a stale page is a 409) and whether the
    log entry is public (the green channel shows it to the applicants)."""
    return case_transition(
        ArbitrationCase,
        case_id,
        name,
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=public,
    )


def action(case_id, name, *, actor, reason=""):
    """A logged change that is not a state move (one of the case type's registered actions)."""
    return case_action(ArbitrationCase, case_id, name, actor=actor, reason=reason)


def end_case(case, outcome: str, reason: str) -> None:
    """The case ends without an award: its periods stop and an open suspension closes with it."""
    case.outcome, case.outcome_reason = outcome, reason
    case.closed_at = timezone.now()
    deadlines.cancel(case)
    suspension = case.suspensions.filter(resumed_on__isnull=True).first()
    if suspension:
        suspension.resumed_on = timezone.localdate()
        suspension.resume_reason = f"案件{case.get_outcome_display()}"
        suspension.save(update_fields=["resumed_on", "resume_reason"])
