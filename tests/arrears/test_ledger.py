"""The ledger: Decimal arithmetic, totals always the sum of the lines, payments driving the state."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from arrears.models import ArrearsCase, ArrearsState, ArrearsWorker, Payment
from arrears.money import percent_of, yuan
from arrears.services import ledger
from arrears.services.ledger import ledger_discrepancies
from casework.inputs import parse_yuan
from casework.models import TransitionLog
from casework.services.transitions import PreconditionFailed, TransitionForbidden

from .conftest import ago

pytestmark = pytest.mark.django_db
ARREARS = Path(__file__).resolve().parents[2] / "arrears"


def log_of(case):
    return list(
        TransitionLog.objects.filter(object_id=case.pk, content_type__model="arrearscase").values_list(
            "transition", "from_state", "to_state"
        )
    )


# --- money ---------------------------------------------------------------------------------------
def test_amounts_are_read_by_the_kernels_one_rule_and_refuse_floats_and_fractions_of_a_fen():
    """The arrears app has no money parser of its own: forms, API, sheets and services use parse_yuan."""
    import arrears.money

    assert not hasattr(arrears.money, "parse_yuan")
    assert parse_yuan("6,000.5", "a") == Decimal("6000.50")
    with pytest.raises(ValidationError) as err:
        parse_yuan(0.1, "amount")  # a JSON fraction has already lost the exact amount
    assert "字符串" in err.value.message_dict["amount"][0]
    for bad, message in (
        ("12.345", "两位小数"),
        ("6000.005", "两位小数"),
        ("-1", "负数"),
        ("-0", "负数"),
        ("0", "大于零"),
        ("abc", "正确的金额"),
        ("1e2", "正确的金额"),
        ("NaN", "正确的金额"),
        ("Infinity", "正确的金额"),
        ("1000000000", "不能超过"),
    ):
        with pytest.raises(ValidationError) as err:
            parse_yuan(bad, "amount")
        assert message in err.value.message_dict["amount"][0], bad
    assert yuan(Decimal("40000")) == "40,000.00"
    assert percent_of(Decimal("100.01"), Decimal("50")) == Decimal("50.01")  # 50.005 → half up


def test_no_float_anywhere_in_the_arrears_code():
    """Money never passes through float(): no float() call and no float literal in the app's code (the
    benchmark loader's hook, scale_seed.py, states its share of generated cases as the kernel's float)."""
    offenders = []
    for path in ARREARS.rglob("*.py"):
        if "migrations" in path.parts or path.name == "scale_seed.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float":
                offenders.append(f"{path.name}:{node.lineno} float()")
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                offenders.append(f"{path.name}:{node.lineno} {node.value}")
    assert offenders == []


# --- totals ----------------------------------------------------------------------------------------
def test_totals_are_exact_decimal_sums_of_the_lines(open_case, add_workers, pay):
    case = open_case()
    lines = add_workers(case, [(3, "0.10"), (3, "0.10"), (3, "0.10"), (5, "12345.67")])
    pay(case, lines[0], "0.10")
    pay(case, lines[3], "2345.66")
    case.refresh_from_db()
    assert case.total_owed == Decimal("12345.97") and case.total_recovered == Decimal("2345.76")
    assert case.total_outstanding == Decimal("10000.21") and case.worker_count == 4
    for value in (case.total_owed, case.total_recovered, case.total_outstanding):
        assert isinstance(value, Decimal) and value.as_tuple().exponent == -2
    assert sum((line.amount_owed for line in case.workers.all()), Decimal(0)) == case.total_owed
    assert ledger_discrepancies() == []


def test_payment_moves_the_case_to_partially_then_fully_recovered_and_logs_it(open_case, add_workers, pay):
    case = open_case()
    a, b = add_workers(case, [(3, "6000.00"), (2, "4000.00")])
    pay(case, a, "6000.00", days_ago=3)
    case.refresh_from_db()
    assert case.state == ArrearsState.PARTIALLY_RECOVERED
    pay(case, b, "1500.00", days_ago=2)
    pay(case, b, "2500.00", days_ago=1)
    case.refresh_from_db()
    assert case.state == ArrearsState.FULLY_RECOVERED and case.total_outstanding == 0
    assert case.fully_recovered_on == ago(1)  # the day the last of the money was paid
    transitions = [t for t, _f, _to in log_of(case)]
    assert transitions.count("record_payment") == 3
    assert ("record_partial_recovery", "open", "partially_recovered") in log_of(case)
    assert ("record_full_recovery", "partially_recovered", "fully_recovered") in log_of(case)


def test_overpayment_refused_and_nothing_saved(open_case, add_workers, pay):
    case = open_case()
    (line,) = add_workers(case, [(3, "5000.00")])
    pay(case, line, "4000.00")
    with pytest.raises(ValidationError) as err:
        pay(case, line, "1000.01")
    assert "超过该工人尚欠的1,000.00元" in err.value.message_dict["amount"][0]
    assert Payment.objects.count() == 1
    case.refresh_from_db()
    assert case.total_recovered == Decimal("4000.00")


def test_construction_payers_only_on_construction_cases(open_case, add_workers, pay):
    case = open_case()
    (line,) = add_workers(case, [(3, "5000.00")])
    with pytest.raises(ValidationError) as err:
        pay(case, line, "100", payer="main_contractor")
    assert "payer_kind" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        pay(case, line, "100", days_ago=-1)
    assert "paid_on" in err.value.message_dict


def test_confirmation_of_receipt(open_case, add_workers, pay, staff):
    case = open_case()
    (line,) = add_workers(case, [(3, "5000.00")])
    payment = pay(case, line, "100.00", days_ago=3)
    assert not payment.confirmed_by_worker
    payment = ledger.payment_confirm(actor=staff["inspector2"], case_id=case.pk, payment_id=payment.pk)
    assert payment.confirmed_by_worker and payment.confirmed_on is not None
    with pytest.raises(PreconditionFailed):
        ledger.payment_confirm(actor=staff["inspector2"], case_id=case.pk, payment_id=payment.pk)
    with pytest.raises(ValidationError):  # a confirmation cannot predate the payment
        pay(case, line, "1.00", days_ago=2, confirmed_by_worker=True, confirmed_on=ago(5))


def test_clerk_cannot_record_payments_and_other_county_cannot_see(open_case, add_workers, staff):
    case = open_case()
    (line,) = add_workers(case, [(3, "5000.00")])
    kwargs = dict(case_id=case.pk, line_id=line.pk, amount="10", paid_on=ago(1), payer_kind="employer")
    with pytest.raises(TransitionForbidden):
        ledger.payment_record(actor=staff["clerk"], **kwargs)
    with pytest.raises(Exception) as err:
        ledger.payment_record(actor=staff["luxi_inspector"], **kwargs)
    assert getattr(err.value, "status_code", None) == 404
    assert Payment.objects.count() == 0


def test_no_changes_once_fully_recovered(open_case, add_workers, pay):
    case = open_case()
    (line,) = add_workers(case, [(3, "100.00")])
    pay(case, line, "100.00")
    with pytest.raises(PreconditionFailed):
        add_workers(case, [(1, "1.00")], start=50)


def test_correcting_an_amount_keeps_totals_and_never_goes_below_what_was_paid(
    open_case, add_workers, pay, staff
):
    case = open_case()
    (line,) = add_workers(case, [(3, "5000.00")])
    pay(case, line, "3000.00")
    with pytest.raises(ValidationError) as err:
        ledger.worker_update(
            actor=staff["inspector1"], case_id=case.pk, line_id=line.pk, amount_owed="2999.99", reason="核对"
        )
    assert "不能少于已追回的3,000.00元" in err.value.message_dict["amount_owed"][0]
    ledger.worker_update(
        actor=staff["inspector1"], case_id=case.pk, line_id=line.pk, amount_owed="3000", reason="核对工资表"
    )
    case.refresh_from_db()
    assert case.total_owed == Decimal("3000.00") and case.state == ArrearsState.FULLY_RECOVERED


def test_same_worker_twice_refused(open_case, add_workers):
    case = open_case()
    add_workers(case, [(3, "100")])
    with pytest.raises(ValidationError) as err:
        add_workers(case, [(3, "100")])
    assert "已在本案" in err.value.message_dict["id_number"][0]
    assert ArrearsWorker.objects.count() == 1


def test_green_channel_set_when_a_migrant_worker_joins(open_case, add_workers):
    case = open_case()
    assert not case.green_channel
    add_workers(case, [(1, "100")], migrant=False)
    case.refresh_from_db()
    assert not case.green_channel
    add_workers(case, [(1, "100")], start=10, migrant=True)
    case.refresh_from_db()
    assert case.green_channel


# --- the invariant, enforced -------------------------------------------------------------------------
def test_database_refuses_totals_that_do_not_add_up(open_case, add_workers):
    case = open_case()
    add_workers(case, [(3, "5000.00")])
    for change in (
        {"total_outstanding": Decimal("4999.99")},  # outstanding ≠ owed − recovered
        {"total_recovered": Decimal("5000.01"), "total_outstanding": Decimal("-0.01")},  # recovered > owed
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ArrearsCase.objects.filter(pk=case.pk).update(**change)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArrearsWorker.objects.filter(case=case).update(recovered=Decimal("5000.01"))


def test_verification_finds_totals_that_differ_from_the_lines(open_case, add_workers, pay):
    case = open_case()
    lines = add_workers(case, [(3, "5000.00"), (3, "1000.00")])
    pay(case, lines[0], "500.00")
    assert ledger_discrepancies() == []
    # Someone bypasses the services: totals still self-consistent, but no longer the sum of the lines.
    ArrearsCase.objects.filter(pk=case.pk).update(
        total_owed=Decimal("7000.00"), total_outstanding=Decimal("6500.00"), worker_count=3
    )
    ArrearsWorker.objects.filter(pk=lines[1].pk).update(recovered=Decimal("10.00"))
    found = {(d.case_id, d.field) for d in ledger_discrepancies()}
    assert (case.pk, "total_owed") in found and (case.pk, "worker_count") in found
    assert (case.pk, "total_recovered") in found
    assert (case.pk, f"line {lines[1].pk} recovered") in found
