import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from arrears.services import cases as svc
from arrears.services import ledger
from tests.factories import make_id_number


def ago(days: int) -> datetime.date:
    return timezone.localdate() - timedelta(days=days)


def id_number(i: int) -> str:
    """A distinct valid ID number per index (no random collisions)."""
    return make_id_number("433101", datetime.date(1980, 1, 1) + timedelta(days=i), seq=(2 * i + 1) % 1000)


@pytest.fixture
def open_case(staff, jishou, employer):
    """An arrears case in 吉首 against ``employer``, assigned to two inspectors."""

    def make(**overrides):
        data = {
            "actor": staff["clerk"],
            "jurisdiction": jishou,
            "employer": employer,
            "facts": "拖欠工资",
            "opened_on": ago(30),
        }
        data.update(overrides)
        case = svc.arrears_case_open(**data)
        svc.arrears_assign(
            actor=staff["head"], case_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
        )
        return case

    return make


@pytest.fixture
def add_workers(staff):
    """Add workers given as (months, amount) pairs; returns their lines."""

    def add(case, rows, *, start: int = 0, migrant: bool = True):
        return [
            ledger.worker_add(
                actor=staff["inspector1"],
                case_id=case.pk,
                name=f"工人{start + i}",
                id_number=id_number(start + i),
                months_unpaid=months,
                amount_owed=amount,
                is_migrant_worker=migrant,
            )
            for i, (months, amount) in enumerate(rows)
        ]

    return add


@pytest.fixture
def pay(staff):
    def do(case, line, amount, *, days_ago: int = 1, payer: str = "employer", **extra):
        return ledger.payment_record(
            actor=staff["inspector1"],
            case_id=case.pk,
            line_id=line.pk,
            amount=amount,
            paid_on=ago(days_ago),
            payer_kind=payer,
            **extra,
        )

    return do


@pytest.fixture
def ordered(staff):
    """Serve a payment order ``served_days_ago`` days ago with ``period`` days (past deadline by default)."""

    def do(case, *, served_days_ago: int = 25, period: int = 10):
        return svc.arrears_order_payment(
            actor=staff["inspector1"],
            case_id=case.pk,
            period=period,
            items="限期支付",
            served_on=ago(served_days_ago),
        )

    return do
