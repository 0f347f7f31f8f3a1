"""What the complaint services share: the deadline rules they start and stop, and one way to open a step.

Every state move goes through ``case_transition`` and every other logged change through ``case_action``
(``casework.services.transitions``): the row lock, visibility (404), the write permission of the user's
role (403), the change and its hash-chained log entry in one transaction, effects on commit.
"""

from casework.inspection.models import Complaint, ViolationType
from casework.services.transitions import case_transition

# Deadline rules (casework.deadlines.rules), each citing its article there.
ACCEPT = "inspection.accept"  # 5 working days to accept or refuse (LIR-IMPL Art 18)
INVESTIGATE = "inspection.investigate"  # 60 working days from filing, +30 once (LIR Art 17)
RECTIFY = "inspection.rectification"  # the period a rectification order sets
STATEMENT = "inspection.penalty_statement"  # the statement and defence period the notice names (APL Art 44)
HEARING_REQUEST = "inspection.hearing_request"  # 5 working days to request a hearing (APL Arts 64, 85)
HEARING_NOTICE = "inspection.hearing_notice"  # the hearing notified 7 working days before (APL Arts 64, 85)
PENALTY_DECIDE = "inspection.penalty_decide"  # 90 days from filing (APL Art 60)
PENALTY_SERVE = "inspection.penalty_serve"  # the decision served within 7 days (APL Art 61)
HANDLING_PAYMENT = (
    "inspection.handling_payment"  # the date a handling decision orders payment by (LIR Art 26)
)
COMPENSATION_PAYMENT = (
    "inspection.compensation_payment"  # the date 加付赔偿金 is ordered paid by (LIR Art 26)
)


def about_wages(case) -> bool:
    """Wage arrears are among the complaint's violations: an order to correct is an order to pay."""
    return ViolationType.WAGE_ARREARS in (case.violation_types or [])


def complaint_step(name: str, complaint_id, actor, reason: str = "", expected_state=None, *, public=False):
    """``case_transition`` on a complaint (a context manager yielding the step): the complaint, the move,
    who makes it, why, the state the page showed (a stale page is a 409) and whether the log entry is public
    (the green channel shows it to the worker)."""
    return case_transition(
        Complaint,
        complaint_id,
        name,
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=public,
    )
