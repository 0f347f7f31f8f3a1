"""Every path of the complaint state machine, through the services."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.inspection import services as svc
from casework.inspection.models import Complaint, Outcome
from casework.inspection.models import ComplaintState as S
from casework.models import Deadline, TransitionLog
from casework.services.transitions import (
    CaseNotFound,
    PreconditionFailed,
    TransitionConflict,
    TransitionForbidden,
    TransitionNotAvailable,
    available_transitions,
)

pytestmark = pytest.mark.django_db


def log_of(case):
    return list(
        TransitionLog.objects.filter(object_id=case.pk, content_type__model="complaint").values_list(
            "transition", "from_state", "to_state"
        )
    )


def running_rules(case):
    return set(
        Deadline.objects.filter(object_id=case.pk, status__in=["open", "paused"]).values_list(
            "rule", flat=True
        )
    )


def test_register_numbers_the_case_and_starts_the_5_day_acceptance_clock(register):
    c = register()
    assert c.number == "吉首劳监投〔2026〕0001号"
    assert c.state == S.REGISTERED
    accept = Deadline.objects.get(object_id=c.pk, rule="inspection.accept")
    # received Mon 23 Nov 2026 → 5 working days → Mon 30 Nov
    assert accept.due_on == date(2026, 11, 30)
    assert c.next_due == date(2026, 11, 30)
    assert log_of(c) == [("register", "", "registered")]


def test_anonymous_report_allowed_but_anonymous_complaint_refused(register):
    with pytest.raises(ValidationError) as err:
        register(complainant=None)
    assert "complainant" in err.value.message_dict
    assert Complaint.objects.count() == 0
    report = register(complainant=None, kind="report")
    assert report.anonymous


def test_wage_complaint_without_amount_saves_nothing(register):
    with pytest.raises(ValidationError) as err:
        register(arrears_amount=None)
    assert "arrears_amount" in err.value.message_dict
    assert Complaint.objects.count() == 0 and TransitionLog.objects.count() == 0


def test_accept_meets_the_acceptance_deadline(register, staff):
    c = register()
    c = svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk)
    assert c.state == S.ACCEPTED and c.accepted_on == timezone.localdate()
    assert Deadline.objects.get(rule="inspection.accept", object_id=c.pk).status == "met"


def test_accept_refused_without_identified_employer_then_supplement(register, staff, employer):
    c = register(employer=None, employer_name_given="某劳务老板")
    with pytest.raises(PreconditionFailed) as err:
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk)
    assert "补正" in err.value.message
    svc.complaint_request_supplement(actor=staff["inspector1"], complaint_id=c.pk, reason="请提供单位全称")
    assert Complaint.objects.get(pk=c.pk).state == S.SUPPLEMENT_REQUESTED
    assert Deadline.objects.get(rule="inspection.accept", object_id=c.pk).status == "paused"
    Complaint.objects.filter(pk=c.pk).update(employer=employer)
    c = svc.complaint_receive_supplement(actor=staff["clerk"], complaint_id=c.pk)
    assert c.state == S.REGISTERED
    restarted = Deadline.objects.get(rule="inspection.accept", object_id=c.pk, status="open")
    assert restarted.started_on == timezone.localdate()
    assert svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk).state == S.ACCEPTED


def test_violation_older_than_two_years_cannot_be_accepted(register, staff):
    c = register(violation_started_on=date(2023, 1, 1), violation_ended_on=date(2024, 6, 30))
    with pytest.raises(PreconditionFailed) as err:
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk)
    assert "两年" in err.value.message
    c = svc.complaint_refuse(actor=staff["inspector1"], complaint_id=c.pk, reason="已超过两年")
    assert c.state == S.NOT_ACCEPTED and running_rules(c) == set()


def test_refuse_needs_a_reason(register, staff):
    c = register()
    with pytest.raises(ValidationError):
        svc.complaint_refuse(actor=staff["inspector1"], complaint_id=c.pk, reason="")
    assert Complaint.objects.get(pk=c.pk).state == S.REGISTERED


def test_transfer_to_another_county_opens_a_case_there(register, staff, luxi):
    c = register()
    c = svc.complaint_transfer(
        actor=staff["inspector1"], complaint_id=c.pk, reason="用工地在泸溪县", target_jurisdiction=luxi
    )
    assert c.state == S.TRANSFERRED
    new = c.transferred_to
    assert new.jurisdiction == luxi and new.state == S.REGISTERED
    assert new.number == "泸溪劳监投〔2026〕0001号"
    assert "inspection.accept" in running_rules(new)


def test_full_path_to_closing_with_arrears_recovered_and_archive(investigating, staff):
    c = investigating()
    assert c.state == S.INVESTIGATING
    due = timezone.localdate() + timedelta(days=10)
    c = svc.complaint_order_rectification(
        actor=staff["inspector2"], complaint_id=c.pk, due_on=due, items="十日内足额支付拖欠工资"
    )
    assert c.state == S.RECTIFICATION_ORDERED and c.rectification_due == due
    assert Deadline.objects.get(rule="inspection.rectification", object_id=c.pk).due_on == due
    c = svc.complaint_confirm_rectified(actor=staff["inspector1"], complaint_id=c.pk, reason="已支付")
    c = svc.complaint_close(
        actor=staff["head"],
        complaint_id=c.pk,
        outcome=Outcome.ARREARS_RECOVERED,
        summary="已足额支付",
        recovered_amount="15600",
        recovered_workers=1,
    )
    assert c.state == S.CLOSED and c.recovered_amount == Decimal("15600.00") and c.closed_at
    assert running_rules(c) == set()
    assert Deadline.objects.get(rule="inspection.investigate", object_id=c.pk).status == "met"
    c = svc.complaint_archive(actor=staff["inspector1"], complaint_id=c.pk)
    assert c.state == S.ARCHIVED
    assert [t for t, _f, _to in log_of(c)] == (
        "register accept file_case assign start_investigation record_investigation record_findings "
        "order_rectification confirm_rectified close archive"
    ).split()


def test_investigation_needs_two_inspectors(register, staff):
    c = register()
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk)
    svc.complaint_file(actor=staff["head"], complaint_id=c.pk)
    with pytest.raises(PreconditionFailed) as err:
        svc.complaint_start_investigation(actor=staff["head"], complaint_id=c.pk)
    assert "两名" in err.value.message
    with pytest.raises(ValidationError):
        svc.complaint_assign(actor=staff["head"], complaint_id=c.pk, inspectors=[staff["inspector1"]])
    with pytest.raises(ValidationError):  # an inspector of another county cannot be assigned
        svc.complaint_assign(
            actor=staff["head"], complaint_id=c.pk, inspectors=[staff["inspector1"], staff["luxi_inspector"]]
        )


def test_filing_starts_60_working_days_and_extension_adds_30_once(investigating, staff):
    c = investigating()
    d = Deadline.objects.get(rule="inspection.investigate", object_id=c.pk)
    first_due = d.due_on
    svc.complaint_extend_investigation(actor=staff["head"], complaint_id=c.pk, reason="案情复杂")
    d.refresh_from_db()
    assert d.due_on > first_due and d.extensions == 1
    with pytest.raises(PreconditionFailed) as err:
        svc.complaint_extend_investigation(actor=staff["head"], complaint_id=c.pk, reason="再延")
    assert "延长过一次" in err.value.message


def test_penalty_path_prior_notice_statement_decision_close(investigating, staff):
    c = investigating()
    c = svc.complaint_give_penalty_notice(
        actor=staff["inspector1"], complaint_id=c.pk, proposed_fine="20000", facts="违法延长工作时间"
    )
    svc.complaint_record_statement(actor=staff["inspector1"], complaint_id=c.pk, statement="单位申辩已整改")
    c = svc.complaint_decide_penalty(
        actor=staff["head"],
        complaint_id=c.pk,
        fine_amount="15000.00",
        reason="经复核",
        defence_answer="单位已整改，酌情从轻",
    )
    assert c.state == S.DECIDED and c.fine_amount == Decimal("15000.00")
    c = svc.complaint_close(
        actor=staff["head"], complaint_id=c.pk, outcome=Outcome.PENALTY_IMPOSED, summary="已处罚"
    )
    assert c.state == S.CLOSED


def test_not_rectified_only_after_the_period_then_police(investigating, staff):
    c = investigating()
    due = timezone.localdate() + timedelta(days=3)
    svc.complaint_order_rectification(
        actor=staff["inspector1"], complaint_id=c.pk, due_on=due, items="支付工资"
    )
    with pytest.raises(PreconditionFailed):
        svc.complaint_record_not_rectified(actor=staff["inspector1"], complaint_id=c.pk)
    Complaint.objects.filter(pk=c.pk).update(rectification_due=timezone.localdate() - timedelta(days=1))
    c = svc.complaint_record_not_rectified(actor=staff["inspector1"], complaint_id=c.pk, reason="逾期未付")
    assert c.state == S.NOT_RECTIFIED
    c = svc.complaint_transfer_to_police(
        actor=staff["head"], complaint_id=c.pk, reason="涉嫌拒不支付劳动报酬罪"
    )
    assert c.state == S.POLICE_TRANSFERRED
    with pytest.raises(ValidationError):  # closing as "penalty imposed" does not match what happened
        svc.complaint_close(
            actor=staff["head"], complaint_id=c.pk, outcome=Outcome.PENALTY_IMPOSED, summary="x"
        )
    c = svc.complaint_close(
        actor=staff["head"], complaint_id=c.pk, outcome=Outcome.POLICE_TRANSFERRED, summary="已移送"
    )
    assert c.state == S.CLOSED


def test_withdrawals(register, investigating, staff):
    c = register()
    c = svc.complaint_withdraw_complaint(actor=staff["clerk"], complaint_id=c.pk, reason="投诉人书面撤回")
    assert c.state == S.COMPLAINT_WITHDRAWN and c.closed_at is None  # never accepted: not a closed case
    c2 = investigating()
    c2 = svc.complaint_withdraw_case(actor=staff["head"], complaint_id=c2.pk, reason="情节轻微且已改正")
    assert c2.state == S.CASE_WITHDRAWN and c2.closed_at and running_rules(c2) == set()


def test_role_permissions(register, staff):
    c = register()
    with pytest.raises(TransitionForbidden):  # a clerk registers but does not accept
        svc.complaint_accept(actor=staff["clerk"], complaint_id=c.pk)
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk)
    with pytest.raises(TransitionForbidden):  # only the unit head approves filing
        svc.complaint_file(actor=staff["inspector1"], complaint_id=c.pk)
    assert Complaint.objects.get(pk=c.pk).state == S.ACCEPTED


def test_other_county_and_other_roles_cannot_reach_the_case(register, staff):
    c = register()
    for user in (staff["luxi_inspector"], staff["luxi_head"], staff["arbitrator"]):
        with pytest.raises(CaseNotFound):
            svc.complaint_accept(actor=user, complaint_id=c.pk)
    assert Complaint.objects.get(pk=c.pk).state == S.REGISTERED
    assert TransitionLog.objects.filter(object_id=c.pk).count() == 1


def test_wrong_state_and_stale_state(register, staff):
    c = register()
    with pytest.raises(TransitionNotAvailable):
        svc.complaint_close(actor=staff["head"], complaint_id=c.pk, outcome=Outcome.NO_VIOLATION, summary="x")
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk)
    with pytest.raises(TransitionConflict):  # the page showed "registered"; someone accepted meanwhile
        svc.complaint_refuse(
            actor=staff["inspector2"], complaint_id=c.pk, reason="x", expected_state="registered"
        )


def test_available_transitions_are_only_what_this_user_may_do_now(register, staff):
    c = register()
    names = {t["name"] for t in available_transitions(c, staff["inspector1"])}
    assert {"accept", "refuse", "transfer", "request_supplement", "withdraw_complaint"} <= names
    assert "file_case" not in names
    clerk_names = {t["name"] for t in available_transitions(c, staff["clerk"])}
    assert "accept" not in clerk_names and "request_supplement" in clerk_names


def test_attach_new_complaint_to_open_case(register, staff, employer):
    from tests.factories import PersonFactory

    c = register()
    other = PersonFactory()
    svc.complaint_attach(
        actor=staff["clerk"],
        complaint_id=c.pk,
        complainant=other,
        employer=employer,
        facts="同一工地",
        arrears_amount="8000",
        workers_affected=1,
    )
    c.refresh_from_db()
    assert c.workers_affected == 2 and c.arrears_amount == Decimal("23600.00")
    assert other in c.co_complainants.all()
    assert Complaint.objects.count() == 1
