"""Labour-inspection complaints: every change is one function here, by stage (see ``models.py``).

- ``intake``: register, attach a further complainant (并入), identify the employer;
- ``acceptance``: request and receive a supplement, accept, refuse, transfer;
- ``investigation``: file, assign, investigate, extend, order rectification and confirm it;
- ``records``: the investigation's records (notice, interview, site inspection) and the findings;
- ``penalty``: prior notice, statement and defence, penalty decision, police transfer;
- ``hearing``: the hearing of a penalty (request, notice, hearing with its record and report);
- ``handling``: the handling decision (order to pay), its payment and 加付赔偿金;
- ``closing``: close, withdraw, archive;
- ``merging``: merge a duplicate complaint into another and back (合并, 撤销合并).

Each ``complaint_<verb>(*, actor, complaint_id, ...)`` validates its input with ``casework.inputs`` and runs
through ``case_transition`` (a state move) or ``case_action`` (a logged action registered in
``casework.inspection.case_type``): row lock, visibility, write permission, preconditions, the change and its
log entry and the statutory deadlines it starts or stops, in one transaction.
"""

from casework.inspection.services.acceptance import (
    complaint_accept,
    complaint_receive_supplement,
    complaint_refuse,
    complaint_request_supplement,
    complaint_transfer,
)
from casework.inspection.services.closing import (
    OUTCOME_STATES,
    complaint_archive,
    complaint_close,
    complaint_withdraw_case,
    complaint_withdraw_complaint,
)
from casework.inspection.services.common import ACCEPT, INVESTIGATE, RECTIFY
from casework.inspection.services.handling import (
    complaint_decide_handling,
    complaint_order_compensation,
    complaint_record_payment,
)
from casework.inspection.services.hearing import (
    complaint_hold_hearing,
    complaint_notify_hearing,
    complaint_request_hearing,
)
from casework.inspection.services.intake import (
    complaint_attach,
    complaint_identify_employer,
    complaint_register,
)
from casework.inspection.services.investigation import (
    complaint_assign,
    complaint_confirm_rectified,
    complaint_extend_investigation,
    complaint_file,
    complaint_order_rectification,
    complaint_record_not_rectified,
    complaint_start_investigation,
)
from casework.inspection.services.merging import complaint_merge, complaint_unmerge
from casework.inspection.services.penalty import (
    complaint_decide_penalty,
    complaint_give_penalty_notice,
    complaint_record_statement,
    complaint_transfer_to_police,
    start_service_period,
)
from casework.inspection.services.records import (
    complaint_record_findings,
    complaint_record_investigation,
)

# Transition name → service, for the kernel's transition endpoints (casework.inspection.case_type).
TRANSITION_SERVICES = {
    "request_supplement": complaint_request_supplement,
    "receive_supplement": complaint_receive_supplement,
    "accept": complaint_accept,
    "refuse": complaint_refuse,
    "transfer": complaint_transfer,
    "file_case": complaint_file,
    "start_investigation": complaint_start_investigation,
    "extend_investigation": complaint_extend_investigation,
    "order_rectification": complaint_order_rectification,
    "confirm_rectified": complaint_confirm_rectified,
    "record_not_rectified": complaint_record_not_rectified,
    "give_penalty_notice": complaint_give_penalty_notice,
    "decide_penalty": complaint_decide_penalty,
    "decide_handling": complaint_decide_handling,
    "transfer_to_police": complaint_transfer_to_police,
    "close": complaint_close,
    "withdraw_case": complaint_withdraw_case,
    "withdraw_complaint": complaint_withdraw_complaint,
    "archive": complaint_archive,
    "merge": complaint_merge,
    "unmerge": complaint_unmerge,
}

__all__ = [
    "ACCEPT",
    "INVESTIGATE",
    "OUTCOME_STATES",
    "RECTIFY",
    "TRANSITION_SERVICES",
    "complaint_accept",
    "complaint_archive",
    "complaint_assign",
    "complaint_attach",
    "complaint_close",
    "complaint_confirm_rectified",
    "complaint_decide_handling",
    "complaint_decide_penalty",
    "complaint_extend_investigation",
    "complaint_file",
    "complaint_give_penalty_notice",
    "complaint_hold_hearing",
    "complaint_notify_hearing",
    "complaint_order_compensation",
    "complaint_record_findings",
    "complaint_record_investigation",
    "complaint_record_payment",
    "complaint_request_hearing",
    "start_service_period",
    "complaint_identify_employer",
    "complaint_merge",
    "complaint_unmerge",
    "complaint_order_rectification",
    "complaint_receive_supplement",
    "complaint_record_not_rectified",
    "complaint_record_statement",
    "complaint_refuse",
    "complaint_register",
    "complaint_request_supplement",
    "complaint_start_investigation",
    "complaint_transfer",
    "complaint_transfer_to_police",
    "complaint_withdraw_case",
    "complaint_withdraw_complaint",
]
