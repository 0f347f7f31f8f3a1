"""Arrears cases in the benchmark dataset (``manage.py seed_scale``): 1–3 worker lines per case and payments,
whose totals satisfy the case's check constraints (``verify_arrears_totals`` passes)."""

from decimal import Decimal

from arrears.models import ArrearsCase, ArrearsWorker, Payment
from casework.kernel.scale import ScaleSeed, SeedCase
from casework.roles import Role


def _worker_lines(case: SeedCase) -> dict:
    rng = case.rng
    n_workers = rng.randrange(1, 4)
    owed = recovered = Decimal("0")
    for person in rng.sample(case.person_ids, n_workers):
        line_owed = Decimal(rng.randrange(2000, 30000))
        line_rec = line_owed if case.state == "closed" else Decimal(rng.randrange(0, int(line_owed)))
        line_id = case.table(ArrearsWorker).add(
            {
                "case_id": case.pk,
                "person_id": person,
                "months_unpaid": rng.randrange(1, 6),
                "amount_owed": line_owed,
                "recovered": line_rec,
            }
        )
        if line_rec > 0:
            case.table(Payment).add(
                {
                    "case_id": case.pk,
                    "line_id": line_id,
                    "amount": line_rec,
                    "paid_on": case.received,
                    "payer_kind": "employer",
                }
            )
        owed += line_owed
        recovered += line_rec
    return {
        "total_owed": owed,
        "total_recovered": recovered,
        "total_outstanding": owed - recovered,
        "worker_count": n_workers,
        "fully_recovered_on": case.received if recovered == owed else None,
    }


def arrears_fields(case: SeedCase) -> dict:
    return {
        **_worker_lines(case),
        "employer_id": case.employer_id,
        "opened_on": case.received,
        "facts": "拖欠农民工工资。",
    }


ARREARS_SEED = ScaleSeed(
    share=0.10,
    open_states=("open", "payment_ordered", "partially_recovered"),
    closed_states=("closed",),
    deadline_rule="arrears.payment_order",
    deadline_title="责令支付期限",
    worker_role=Role.INSPECTOR,
    head_role=Role.INSPECTION_HEAD,
    fields=arrears_fields,
    children=(ArrearsWorker, Payment),
)

SCALE_SEEDS = {ArrearsCase.CASE_TYPE: ARREARS_SEED}
