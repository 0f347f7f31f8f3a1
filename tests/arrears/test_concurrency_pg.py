"""Concurrent payments on PostgreSQL: none lost, none over the amount owed, totals always the sum of lines."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from arrears.models import ArrearsCase, ArrearsState, Payment
from arrears.services import ledger
from arrears.services.ledger import ledger_discrepancies
from casework.models import TransitionLog
from casework.services.transitions import PreconditionFailed
from tests.concurrency import run_at_once

from .conftest import ago

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_payments_at_once_on_four_workers(open_case, add_workers, staff):
    case = open_case()
    lines = add_workers(case, [(3, "1000.00")] * 4)
    inspectors = [staff["inspector1"], staff["inspector2"], staff["head"]]

    def payment(i):
        return lambda: ledger.payment_record(
            actor=inspectors[i % 3],
            case_id=case.pk,
            line_id=lines[i % 4].pk,
            amount="250.00",
            paid_on=ago(1),
            payer_kind="employer",
        )

    # Each worker can take exactly four payments of ¥250: 16 must succeed and 4 be refused, whatever the
    # order — as an overpayment, or because the case is already fully recovered.
    results = run_at_once([payment(i) for i in range(20)])
    succeeded = [r for r in results if isinstance(r, Payment)]
    refused = [r for r in results if isinstance(r, ValidationError | PreconditionFailed)]
    assert len(succeeded) == 16 and len(refused) == 4, [r for r in results if not isinstance(r, Payment)]
    case = ArrearsCase.objects.get(pk=case.pk)
    assert Payment.objects.filter(case=case).count() == 16
    assert case.total_recovered == Decimal("4000.00") and case.total_outstanding == Decimal("0.00")
    assert case.state == ArrearsState.FULLY_RECOVERED
    assert ledger_discrepancies() == []
    logged = TransitionLog.objects.filter(object_id=case.pk, content_type__model="arrearscase")
    assert logged.filter(transition="record_payment").count() == 16
    assert logged.filter(transition="record_full_recovery").count() == 1
    assert logged.filter(transition="record_partial_recovery").count() == 1


def test_payments_and_new_workers_at_once_keep_the_totals(open_case, add_workers, staff):
    case = open_case()
    lines = add_workers(case, [(3, "900.00")] * 3)

    def pay(i):
        return lambda: ledger.payment_record(
            actor=staff["inspector1"],
            case_id=case.pk,
            line_id=lines[i % 3].pk,
            amount="100.10",
            paid_on=ago(1),
            payer_kind="employer",
        )

    def add(i):
        return lambda: add_workers(case, [(2, "333.33")], start=100 + i)

    results = run_at_once([pay(i) for i in range(9)] + [add(i) for i in range(5)])
    assert not [r for r in results if isinstance(r, Exception)]
    case = ArrearsCase.objects.get(pk=case.pk)
    assert case.worker_count == 8
    assert case.total_owed == Decimal("2700.00") + 5 * Decimal("333.33")
    assert case.total_recovered == 9 * Decimal("100.10")
    assert ledger_discrepancies() == []
