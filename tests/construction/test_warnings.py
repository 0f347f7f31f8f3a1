"""Acceptance scenarios of issue 21: imports raise the warnings the rules describe, once; a warning becomes an
arrears case holding the unpaid workers and amounts; the deposit pays a case's workers."""

from decimal import Decimal

import pytest

from arrears.models import ArrearsState, DepositMovement, PayerKind, WageWarning, WarningRule, WarningState
from arrears.monitoring import handling
from arrears.monitoring.evaluate import evaluate_month
from arrears.monitoring.imports import attendance_import, pay_import, roster_import
from casework.models import Notification
from casework.services.transitions import PreconditionFailed, TransitionForbidden

from .conftest import (
    ATTENDANCE_HEADER,
    MONTH,
    PAY_HEADER,
    ROSTER_HEADER,
    attendance_rows,
    id_number,
    pay_rows,
    roster_rows,
    xlsx,
)


def load(staff, project, *, workers=10, paid=range(9), amount="6600", daily_wage="300"):
    clerk = staff["clerk"]
    roster_import(
        actor=clerk,
        project_id=project.pk,
        uploaded=xlsx(ROSTER_HEADER, roster_rows(workers, daily_wage=daily_wage)),
    )
    attendance_import(
        actor=clerk, project_id=project.pk, uploaded=xlsx(ATTENDANCE_HEADER, attendance_rows(workers))
    )
    return pay_import(actor=clerk, project_id=project.pk, uploaded=xlsx(PAY_HEADER, pay_rows(paid, amount)))


def warnings_of(project, code, state=None):
    qs = WageWarning.objects.filter(project=project, rule__code=code, month=MONTH)
    return qs if state is None else qs.filter(state=state)


def test_ten_rostered_nine_paid_the_yellow_rule_fires_for_the_tenth(staff, project):
    load(staff, project)
    unpaid = warnings_of(project, "unpaid_workers").filter(state=WarningState.OPEN)
    assert unpaid.count() == 1  # the attendance sheet alone raised ten; the pay sheet resolved nine
    warning = unpaid.get()
    assert warning.level == "yellow" and warning.state == WarningState.OPEN
    assert warning.worker.person.id_number == id_number(9)
    assert warning.amount == Decimal("6600.00")  # 22 days × the agreed ¥300
    assert warnings_of(project, "no_pay_run").get().state == WarningState.CLOSED  # paid through the account
    # the jurisdiction's inspectors and head are told, once per project
    told = set(Notification.objects.filter(kind="warning").values_list("recipient_id", flat=True))
    assert {staff["inspector1"].pk, staff["inspector2"].pk, staff["head"].pk} <= told
    assert staff["luxi_inspector"].pk not in told


def test_evaluating_again_raises_nothing_twice(staff, project):
    load(staff, project)
    before = WageWarning.objects.count()
    notes = Notification.objects.count()
    assert evaluate_month(MONTH).total == 0
    assert evaluate_month(MONTH, project_ids=[project.pk]).total == 0
    assert WageWarning.objects.count() == before and Notification.objects.count() == notes


def test_everyone_paid_raises_no_unpaid_warning_and_a_late_pay_sheet_resolves_it(staff, project):
    load(staff, project)
    assert warnings_of(project, "unpaid_workers", WarningState.OPEN).get().state == WarningState.OPEN
    pay_import(actor=staff["clerk"], project_id=project.pk, uploaded=xlsx(PAY_HEADER, pay_rows([9])))
    assert not warnings_of(project, "unpaid_workers", WarningState.OPEN).exists()
    assert warnings_of(project, "unpaid_workers").filter(close_reason="复核时情形已消除").count() == 10


def test_the_share_threshold_is_read_from_the_rule(staff, project):
    WarningRule.objects.filter(code="unpaid_workers").update(params={"share_over_percent": "20"})
    load(staff, project)  # 1 of 10 unpaid = 10 %, not over 20 %
    assert not warnings_of(project, "unpaid_workers", WarningState.OPEN).exists()


def test_a_disabled_rule_raises_nothing(staff, project):
    WarningRule.objects.filter(code="unpaid_workers").update(enabled=False)
    load(staff, project)
    assert not warnings_of(project, "unpaid_workers").exists()


def test_pay_below_the_minimum_wage_pro_rata_is_red(staff, project):
    # 吉首: ¥2,000 a month (seeded, unconfirmed). 22 days ≥ 21.75: the whole minimum is due; ¥1,500 is below.
    load(staff, project, paid=range(10), amount="1500")
    hits = warnings_of(project, "below_minimum")
    assert hits.count() == 10
    warning = hits.first()
    assert warning.level == "red" and warning.amount == Decimal("500.00")
    assert "2000" in warning.details


def test_pay_at_the_minimum_pro_rata_for_part_of_a_month_is_no_warning(staff, project):
    clerk = staff["clerk"]
    roster_import(actor=clerk, project_id=project.pk, uploaded=xlsx(ROSTER_HEADER, roster_rows(1)))
    attendance_import(
        actor=clerk, project_id=project.pk, uploaded=xlsx(ATTENDANCE_HEADER, attendance_rows(1, "10.0"))
    )
    # 10 days: 2000 × 10 / 21.75 = 919.54
    pay_import(actor=clerk, project_id=project.pk, uploaded=xlsx(PAY_HEADER, pay_rows([0], "919.54")))
    assert not warnings_of(project, "below_minimum").exists()
    WageWarning.objects.all().delete()
    from arrears.models import WagePayment

    WagePayment.objects.update(amount=Decimal("919.00"))
    evaluate_month(MONTH, project_ids=[project.pk])
    assert warnings_of(project, "below_minimum").get().amount == Decimal("0.54")


def test_project_rules_deposit_board_transfer_and_empty_roster(staff, project):
    project.rights_notice_board = False
    project.wage_deposit_amount = Decimal("0")
    project.save()
    evaluate_month(MONTH)
    codes = set(WageWarning.objects.filter(project=project).values_list("rule__code", flat=True))
    assert {"notice_board_missing", "deposit_short", "empty_roster"} <= codes
    assert "transfer_late" not in codes  # nobody attended: nothing to transfer for


def test_a_warning_opens_an_arrears_case_with_the_unpaid_worker_and_amount(staff, project):
    load(staff, project)
    warning = warnings_of(project, "unpaid_workers", WarningState.OPEN).get()
    case = handling.warning_open_case(actor=staff["inspector1"], warning_id=warning.pk)
    assert case.project_id == project.pk and case.state == ArrearsState.OPEN
    (line,) = case.workers.select_related("person")
    assert line.person.id_number == id_number(9) and line.amount_owed == Decimal("6600.00")
    assert line.source == "warning"
    case.refresh_from_db()
    assert case.total_owed == Decimal("6600.00") and case.worker_count == 1
    warning.refresh_from_db()
    assert warning.state == WarningState.CASE and warning.case == case
    with pytest.raises(PreconditionFailed):
        handling.warning_open_case(actor=staff["inspector1"], warning_id=warning.pk)


def test_closing_needs_a_reason_and_an_inspector_of_the_county(staff, project):
    load(staff, project)
    warning = warnings_of(project, "unpaid_workers", WarningState.OPEN).get()
    with pytest.raises(TransitionForbidden):
        handling.warning_close(actor=staff["luxi_inspector"], warning_id=warning.pk, reason="x")
    with pytest.raises(TransitionForbidden):
        handling.warning_close(actor=staff["auditor"], warning_id=warning.pk, reason="x")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        handling.warning_close(actor=staff["inspector1"], warning_id=warning.pk, reason=" ")
    handling.warning_close(
        actor=staff["inspector1"], warning_id=warning.pk, reason="该工人当月请假，考勤有误"
    )
    warning.refresh_from_db()
    assert warning.state == WarningState.CLOSED and warning.closed_by == staff["inspector1"]


def test_the_deposit_pays_the_case_workers_and_records_the_drawdown(staff, project):
    load(staff, project)
    warning = warnings_of(project, "unpaid_workers", WarningState.OPEN).get()
    case = handling.warning_open_case(actor=staff["inspector1"], warning_id=warning.pk)
    payments = handling.deposit_draw(actor=staff["inspector1"], case_id=case.pk, reference="BZJ-1")
    assert [p.amount for p in payments] == [Decimal("6600.00")]
    assert payments[0].payer_kind == PayerKind.WAGE_DEPOSIT
    case.refresh_from_db()
    project.refresh_from_db()
    assert case.total_outstanding == 0 and case.state == ArrearsState.FULLY_RECOVERED
    assert project.wage_deposit_amount == Decimal("93400.00")
    movement = DepositMovement.objects.get(project=project)
    assert (
        movement.kind == "drawdown"
        and movement.case == case
        and movement.balance_after == Decimal("93400.00")
    )
    assert case.log_entries.filter(action="draw_deposit").exists() if hasattr(case, "log_entries") else True


def test_the_deposit_cannot_be_overdrawn(staff, project):
    load(staff, project)
    project.wage_deposit_amount = Decimal("100")
    project.save()
    warning = warnings_of(project, "unpaid_workers", WarningState.OPEN).get()
    case = handling.warning_open_case(actor=staff["inspector1"], warning_id=warning.pk)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="超过工资保证金余额"):
        handling.deposit_draw(actor=staff["inspector1"], case_id=case.pk)
    project.refresh_from_db()
    assert project.wage_deposit_amount == Decimal("100.00") and not DepositMovement.objects.exists()
