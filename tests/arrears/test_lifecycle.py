"""Arrears cases through their services: opening from complaints, the states, the escalations."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arrears.models import ArrearsCase, ArrearsState, PoliceStatus
from arrears.services import cases as svc
from arrears.services.projects import project_create
from casework.models import Deadline, TransitionLog
from casework.services.transitions import PreconditionFailed, TransitionForbidden, TransitionNotAvailable
from tests.factories import EmployerFactory

from .conftest import ago

pytestmark = pytest.mark.django_db


def running(case):
    return dict(
        Deadline.objects.filter(
            object_id=case.pk, content_type__model="arrearscase", status="open"
        ).values_list("rule", "due_on")
    )


# --- opening and merging -----------------------------------------------------------------------------
def test_open_numbers_the_case(open_case):
    case = open_case()
    year = timezone.localdate().year
    assert case.number == f"吉首欠薪〔{year}〕0001号" and case.state == ArrearsState.OPEN
    assert open_case().number == f"吉首欠薪〔{year}〕0002号"


def test_complaints_against_one_employer_merge_into_one_case(register, staff, worker):
    first = register(arrears_months=3, arrears_amount="9000.00")
    second = register(complainant=None, kind="report", arrears_amount="5000.00", workers_affected=3)
    case, created = svc.arrears_case_from_complaints(actor=staff["clerk"], complaint_ids=[first.pk])
    assert created and list(case.complaints.all()) == [first]
    # the complainant's own claim (one worker, months and amount known) became a line
    (line,) = case.workers.all()
    assert (line.person, line.months_unpaid, line.amount_owed) == (worker, 3, Decimal("9000.00"))
    again, created = svc.arrears_case_from_complaints(actor=staff["clerk"], complaint_ids=[second.pk])
    assert not created and again.pk == case.pk
    assert set(case.complaints.all()) == {first, second}
    assert case.workers.count() == 1  # a report for 3 workers brings no line of its own
    assert TransitionLog.objects.filter(object_id=first.pk, transition="linked_to_arrears_case").exists()
    with pytest.raises(ValidationError) as err:  # one complaint, one open arrears case
        svc.arrears_case_open(
            actor=staff["clerk"],
            jurisdiction=case.jurisdiction,
            employer=case.employer,
            facts="x",
            complaints=[first],
        )
    assert "已并入欠薪案件" in err.value.message_dict["complaints"][0]


def test_complaints_against_contractors_of_one_project_merge(register, staff, jishou, employer):
    main = EmployerFactory(jurisdiction=jishou)
    project = project_create(
        actor=staff["clerk"],
        jurisdiction=jishou,
        name="安置房",
        location="乾州",
        main_contractor=main,
        subcontractor=employer,
    )
    a = register(employer=employer)
    b = register(employer=main)
    with pytest.raises(ValidationError):  # different employers, no project given
        svc.arrears_case_from_complaints(actor=staff["clerk"], complaint_ids=[a.pk, b.pk])
    case, created = svc.arrears_case_from_complaints(
        actor=staff["clerk"], complaint_ids=[a.pk, b.pk], project=project
    )
    assert created and case.project == project and case.employer == employer
    c = register(employer=main)
    case2 = svc.arrears_attach_complaint(actor=staff["clerk"], case_id=case.pk, complaint_id=c.pk)
    assert case2.pk == case.pk and case.complaints.count() == 3
    stranger = register(employer=EmployerFactory(jurisdiction=jishou))
    with pytest.raises(ValidationError) as err:
        svc.arrears_attach_complaint(actor=staff["clerk"], case_id=case.pk, complaint_id=stranger.pk)
    assert "被投诉单位与本案不同" in err.value.message_dict["complaint"][0]


def test_green_channel_complaint_makes_a_green_case(register, staff):
    complaint = register(green_channel=True)
    case, _created = svc.arrears_case_from_complaints(actor=staff["clerk"], complaint_ids=[complaint.pk])
    assert case.green_channel


# --- payment order and compensation ------------------------------------------------------------------
def test_payment_order_starts_its_deadline_with_the_orders_period(open_case, add_workers, staff):
    case = open_case(opened_on=datetime.date(2026, 9, 1))
    add_workers(case, [(3, "8000.00")])
    with pytest.raises(TransitionForbidden):
        svc.arrears_order_payment(actor=staff["clerk"], case_id=case.pk, period=10, items="支付")
    with pytest.raises(ValidationError) as err:
        svc.arrears_order_payment(actor=staff["inspector1"], case_id=case.pk, period=0, items="支付")
    assert "period" in err.value.message_dict
    case = svc.arrears_order_payment(
        actor=staff["inspector1"],
        case_id=case.pk,
        period=10,
        items="十日内支付",
        served_on=datetime.date(2026, 9, 15),
    )
    # 10 days from Tue 15 Sep 2026 = Fri 25 Sep, Mid-Autumn holiday → Mon 28 Sep (LIR Art 26, calendar days)
    assert case.state == ArrearsState.PAYMENT_ORDERED and case.payment_due == datetime.date(2026, 9, 28)
    assert running(case) == {"arrears.payment_order": datetime.date(2026, 9, 28)}
    assert case.payment_order_amount == Decimal("8000.00")


def test_no_payment_order_without_workers(open_case, staff):
    case = open_case()
    with pytest.raises(PreconditionFailed) as err:
        svc.arrears_order_payment(actor=staff["inspector1"], case_id=case.pk, period=10, items="支付")
    assert "工人" in err.value.message


def test_compensation_after_the_deadline_between_50_and_100_percent(
    open_case, add_workers, ordered, pay, staff
):
    case = open_case()
    lines = add_workers(case, [(3, "8000.00"), (3, "2000.01")])
    ordered(case, served_days_ago=2, period=10)
    with pytest.raises(PreconditionFailed) as err:  # deadline not yet passed
        svc.arrears_order_compensation(actor=staff["inspector1"], case_id=case.pk, percent="50")
    assert "期限尚未届满" in err.value.message

    late = open_case(facts="另一案")
    lines = add_workers(late, [(3, "8000.00"), (3, "2000.01")], start=10)
    ordered(late)
    pay(late, lines[0], "3000.00")
    for bad in ("49.99", "100.01", "abc"):
        with pytest.raises(ValidationError) as err:
            svc.arrears_order_compensation(actor=staff["inspector1"], case_id=late.pk, percent=bad)
        assert "percent" in err.value.message_dict
    late = svc.arrears_order_compensation(actor=staff["inspector1"], case_id=late.pk, percent="75")
    assert late.state == ArrearsState.PARTIALLY_RECOVERED  # an escalation keeps the state
    assert late.compensation_base == Decimal("7000.01")
    assert late.compensation_amount == Decimal("5250.01")  # 7000.01 × 75% = 5250.0075 → 5250.01
    assert "arrears.payment_order" not in running(late)  # ran out unpaid; the escalation takes over
    with pytest.raises(PreconditionFailed):
        svc.arrears_order_compensation(actor=staff["inspector1"], case_id=late.pk, percent="100")


# --- police ------------------------------------------------------------------------------------------
def _police_case(open_case, add_workers, ordered):
    case = open_case()
    add_workers(case, [(3, "6000.00")])
    ordered(case)
    return case


def test_police_report_only_when_thresholds_and_the_ignored_order_are_met(
    open_case, add_workers, ordered, staff
):
    case = open_case()
    add_workers(case, [(3, "5999.99")])
    ordered(case)
    with pytest.raises(PreconditionFailed) as err:
        svc.arrears_report_to_police(actor=staff["inspector1"], case_id=case.pk, reason="涉嫌犯罪")
    assert "移送公安机关的条件" in err.value.message


def test_police_transfer_decided_within_3_days_and_sent_within_24_hours(
    open_case, add_workers, ordered, staff
):
    case = _police_case(open_case, add_workers, ordered)
    case = svc.arrears_report_to_police(
        actor=staff["inspector1"], case_id=case.pk, reason="拒不支付，数额较大"
    )
    assert case.police_status == PoliceStatus.REPORTED
    assert "police_transfer.decide" in running(case)
    with pytest.raises(TransitionForbidden):  # only the head decides
        svc.arrears_decide_police_transfer(actor=staff["inspector1"], case_id=case.pk, approve=True)
    # the employer turns out to have vanished: unrecoverable, but not closed while the transfer is pending
    svc.arrears_declare_unrecoverable(actor=staff["head"], case_id=case.pk, reason="负责人逃匿")
    with pytest.raises(PreconditionFailed) as err:
        svc.arrears_close(actor=staff["head"], case_id=case.pk, reason="x")
    assert "移送" in err.value.message
    before = timezone.now()
    case = svc.arrears_decide_police_transfer(
        actor=staff["head"], case_id=case.pk, approve=True, reason="同意"
    )
    assert case.police_status == PoliceStatus.APPROVED and "police_transfer.decide" not in running(case)
    assert (
        before + datetime.timedelta(hours=24)
        <= case.police_transfer_due_at
        <= timezone.now() + datetime.timedelta(hours=24)
    )
    case = svc.arrears_transfer_to_police(actor=staff["inspector1"], case_id=case.pk)
    assert case.police_status == PoliceStatus.TRANSFERRED and case.police_authority == "吉首市公安局"
    entry = TransitionLog.objects.get(object_id=case.pk, transition="transfer_to_police")
    assert entry.details["late"] is False and entry.public
    with pytest.raises(PreconditionFailed):
        svc.arrears_report_to_police(actor=staff["inspector1"], case_id=case.pk, reason="again")
    assert (
        svc.arrears_close(actor=staff["head"], case_id=case.pk, reason="已移送").state == ArrearsState.CLOSED
    )


def test_head_may_decline_with_reasons(open_case, add_workers, ordered, staff):
    case = _police_case(open_case, add_workers, ordered)
    svc.arrears_report_to_police(actor=staff["inspector1"], case_id=case.pk, reason="报告")
    with pytest.raises(ValidationError):
        svc.arrears_decide_police_transfer(actor=staff["head"], case_id=case.pk, approve=False, reason="")
    case = svc.arrears_decide_police_transfer(
        actor=staff["head"], case_id=case.pk, approve=False, reason="已支付大部分"
    )
    assert case.police_status == PoliceStatus.DECLINED and case.police_transfer_due_at is None


# --- closing -----------------------------------------------------------------------------------------
def test_unrecoverable_with_reason_then_closed(open_case, add_workers, ordered, staff):
    case = open_case()
    add_workers(case, [(2, "3000.00")])
    ordered(case)
    with pytest.raises(ValidationError):
        svc.arrears_declare_unrecoverable(actor=staff["head"], case_id=case.pk, reason="")
    with pytest.raises(TransitionForbidden):
        svc.arrears_declare_unrecoverable(actor=staff["inspector1"], case_id=case.pk, reason="企业注销")
    case = svc.arrears_declare_unrecoverable(
        actor=staff["head"], case_id=case.pk, reason="企业注销，负责人下落不明"
    )
    assert case.state == ArrearsState.UNRECOVERABLE and running(case) == {}
    case = svc.arrears_close(actor=staff["head"], case_id=case.pk, reason="已引导申请应急周转金")
    assert case.state == ArrearsState.CLOSED and case.closed_at is not None
    with pytest.raises(TransitionNotAvailable):
        svc.arrears_close(actor=staff["head"], case_id=case.pk, reason="again")


def test_cannot_close_while_money_is_owed(open_case, add_workers, staff):
    case = open_case()
    add_workers(case, [(2, "3000.00")])
    with pytest.raises(TransitionNotAvailable):
        svc.arrears_close(actor=staff["head"], case_id=case.pk, reason="x")
    assert ArrearsCase.objects.get(pk=case.pk).state == ArrearsState.OPEN


def test_payment_before_any_order_then_order_for_the_rest(open_case, add_workers, pay, staff):
    case = open_case()
    (line,) = add_workers(case, [(3, "5000.00")])
    pay(case, line, "1000.00")
    case = svc.arrears_order_payment(
        actor=staff["inspector1"], case_id=case.pk, period=10, items="支付余款", served_on=ago(0)
    )
    assert case.state == ArrearsState.PARTIALLY_RECOVERED and case.payment_order_amount == Decimal("4000.00")
