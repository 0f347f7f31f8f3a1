"""Complaints in the benchmark dataset (``manage.py seed_scale``): the complaint's own columns."""

from datetime import timedelta
from decimal import Decimal

from casework.inspection.models import Complaint
from casework.kernel.scale import ScaleSeed, SeedCase
from casework.roles import Role

# 立案: every complaint that got past acceptance (the seeded closings are investigated cases)
FILED_STATES = ("filed", "investigating", "rectification_ordered", "closed", "archived")


def complaint_fields(case: SeedCase) -> dict:
    rng = case.rng
    closed = case.state in ("closed", "archived")
    return {
        "received_on": case.received,
        "accepted_on": case.accepted,
        "filed_on": case.accepted + timedelta(days=rng.randrange(0, 3))
        if case.state in FILED_STATES
        else None,
        "complainant_id": case.person_id,
        "employer_id": case.employer_id,
        "workplace": "湘西州某工地",
        "facts": "拖欠工资若干月。",
        "violation_types": ["wage_arrears"],
        "arrears_amount": Decimal(rng.randrange(1000, 200000)),
        "outcome": "arrears_recovered" if closed else "",
        "recovered_amount": Decimal(rng.randrange(0, 1000))
        if case.handled and case.closed_at
        else Decimal("0"),
    }


COMPLAINT_SEED = ScaleSeed(
    share=0.40,
    open_states=("registered", "accepted", "filed", "investigating", "rectification_ordered"),
    closed_states=("closed", "archived", "not_accepted", "complaint_withdrawn"),
    deadline_rule="inspection.investigate",
    deadline_title="调查期限",
    worker_role=Role.INSPECTOR,
    head_role=Role.INSPECTION_HEAD,
    fields=complaint_fields,
    early_closings=frozenset({"not_accepted", "complaint_withdrawn"}),
    assignee_count=lambda rng: 2,  # two inspectors on every complaint handled
)

SCALE_SEEDS = {Complaint.CASE_TYPE: COMPLAINT_SEED}
