"""Arbitration cases: every change is one function here (see arbitration/models/arbitration.py).

Each state move ``arbitration_<verb>(*, actor, case_id, expected_state=None, ...)`` validates its payload,
runs the django-fsm transition through ``case_transition`` (row lock, visibility, permission,
preconditions, log) and starts or stops the statutory deadlines it concerns, in one transaction. Every
other change (change the tribunal, set representatives, restart the award clock, add a claim, record court
proceedings) is a registered action (``arbitration.case_type``) done through ``case_action``: the change,
its object permissions and its log entry commit together or not at all. Dates of acts done on paper
(``on``) default to today and may be earlier, never later.

By stage: ``application`` (applying, materials, acceptance), ``proceedings`` (service, defence, tribunal,
representatives), ``hearings``, ``awards`` (mediation statement, partial award, award), ``clock`` (extension,
suspension, restart, added claims) and ``closing``.
"""

from arbitration.models import ArbitrationCase
from arbitration.services.arbitration.application import (
    arbitration_accept,
    arbitration_apply,
    arbitration_receive_materials,
    arbitration_refuse,
    arbitration_request_materials,
    create_application,
)
from arbitration.services.arbitration.awards import (
    arbitration_award,
    arbitration_mediate,
    arbitration_partial_award,
)
from arbitration.services.arbitration.base import (
    ACCEPT,
    AWARD,
    DEFENCE,
    DEFENCE_COPY,
    HEARING_NOTICE,
    POSTPONE_REQUEST,
    SERVE,
    TRIBUNAL,
)
from arbitration.services.arbitration.clock import (
    arbitration_add_claim,
    arbitration_extend,
    arbitration_resume,
    arbitration_suspend,
    restart_award_clock,
)
from arbitration.services.arbitration.closing import (
    arbitration_archive,
    arbitration_cancel,
    arbitration_close,
    arbitration_record_court_proceedings,
    arbitration_terminate,
    arbitration_withdraw,
)
from arbitration.services.arbitration.hearings import (
    arbitration_deem_withdrawn,
    arbitration_hold_hearing,
    arbitration_postpone_hearing,
    arbitration_schedule_hearing,
)
from arbitration.services.arbitration.proceedings import (
    arbitration_change_tribunal,
    arbitration_form_tribunal,
    arbitration_record_defence,
    arbitration_send_defence_copy,
    arbitration_serve,
    arbitration_set_representatives,
)
from arbitration.services.arbitration.served import earliest_hearing_day
from arbitration.services.common import is_green

# Transition name → service, for the kernel's transition endpoints (pages and API).
TRANSITION_SERVICES = {
    "request_materials": arbitration_request_materials,
    "receive_materials": arbitration_receive_materials,
    "accept": arbitration_accept,
    "refuse": arbitration_refuse,
    "serve_application": arbitration_serve,
    "record_defence": arbitration_record_defence,
    "send_defence_copy": arbitration_send_defence_copy,
    "form_tribunal": arbitration_form_tribunal,
    "schedule_hearing": arbitration_schedule_hearing,
    "postpone_hearing": arbitration_postpone_hearing,
    "hold_hearing": arbitration_hold_hearing,
    "deem_withdrawn": arbitration_deem_withdrawn,
    "mediate": arbitration_mediate,
    "partial_award": arbitration_partial_award,
    "award": arbitration_award,
    "extend": arbitration_extend,
    "suspend": arbitration_suspend,
    "resume": arbitration_resume,
    "withdraw": arbitration_withdraw,
    "cancel": arbitration_cancel,
    "terminate": arbitration_terminate,
    "close": arbitration_close,
    "archive": arbitration_archive,
}

__all__ = [
    "ACCEPT",
    "AWARD",
    "DEFENCE",
    "DEFENCE_COPY",
    "HEARING_NOTICE",
    "POSTPONE_REQUEST",
    "SERVE",
    "TRANSITION_SERVICES",
    "TRIBUNAL",
    "ArbitrationCase",
    "arbitration_accept",
    "arbitration_add_claim",
    "arbitration_apply",
    "arbitration_archive",
    "arbitration_award",
    "arbitration_cancel",
    "arbitration_change_tribunal",
    "arbitration_close",
    "arbitration_deem_withdrawn",
    "arbitration_extend",
    "arbitration_form_tribunal",
    "arbitration_hold_hearing",
    "arbitration_mediate",
    "arbitration_partial_award",
    "arbitration_postpone_hearing",
    "arbitration_receive_materials",
    "arbitration_record_court_proceedings",
    "arbitration_record_defence",
    "arbitration_refuse",
    "arbitration_request_materials",
    "arbitration_resume",
    "arbitration_schedule_hearing",
    "arbitration_send_defence_copy",
    "arbitration_serve",
    "arbitration_set_representatives",
    "arbitration_suspend",
    "arbitration_terminate",
    "arbitration_withdraw",
    "create_application",
    "earliest_hearing_day",
    "is_green",
    "restart_award_clock",
]
