"""What the public may learn: a worker's own recovered amount (green-channel lookup)."""

from dataclasses import dataclass
from decimal import Decimal

from arrears.models import ArrearsCase


@dataclass(frozen=True)
class WorkerProgress:
    case_number: str
    state_label: str
    amount_owed: Decimal
    amount_recovered: Decimal
    outstanding: Decimal
    confirmed_recovered: Decimal  # of which the worker has confirmed receipt


def public_progress(case: ArrearsCase, person) -> WorkerProgress | None:
    """The recovered amount for ``person`` on ``case``, or None if they are not a worker on it.

    Only the worker's own figures — never another worker's, nor the case totals.
    """
    # ``.all()`` and filtering here, not ``.filter()``: the green channel's progress page prefetches
    # ``workers__payments`` for all its cases at once (arrears/public.py), and a filter would query again.
    line = next((line for line in case.workers.all() if line.person_id == getattr(person, "pk", None)), None)
    if line is None:
        return None
    confirmed = sum((p.amount for p in line.payments.all() if p.confirmed_by_worker), Decimal("0.00"))
    return WorkerProgress(
        case_number=case.number,
        state_label=case.get_state_display(),
        amount_owed=line.amount_owed,
        amount_recovered=line.recovered,
        outstanding=line.amount_owed - line.recovered,
        confirmed_recovered=confirmed,
    )
