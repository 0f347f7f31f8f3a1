"""SMS to the worker at each public milestone, and complaint registration without a staff actor."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.inspection import services as svc
from casework.inspection.models import IntakeChannel
from casework.models import TransitionLog
from casework.services.notify_public import notify_person, register_milestone
from casework.sms import LoggingSMSBackend

pytestmark = pytest.mark.django_db


def texts():
    return [m for _p, m in LoggingSMSBackend.sent]


def test_public_registration_needs_no_staff_actor(jishou, worker):
    submission = dict(
        actor=None,
        jurisdiction=jishou,
        complainant=worker,
        employer_name_given="某劳务公司",
        workplace="工地",
        facts="欠薪",
        submission_key="k" * 32,
    )
    case = svc.complaint_register(**submission, channel=IntakeChannel.GREEN_CHANNEL, green_channel=True)
    entry = TransitionLog.objects.get(object_id=case.pk)
    assert entry.actor is None and entry.actor_name == "" and case.number
    again = svc.complaint_register(**submission)  # the same form submitted twice: the same case
    assert again.pk == case.pk


def test_every_public_milestone_reaches_the_worker(
    register, staff, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = register()
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
        svc.complaint_file(actor=staff["head"], complaint_id=case.pk)
        svc.complaint_assign(
            actor=staff["head"], complaint_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
        )
        svc.complaint_start_investigation(actor=staff["inspector1"], complaint_id=case.pk)
        svc.complaint_order_rectification(
            actor=staff["inspector1"],
            complaint_id=case.pk,
            due_on=timezone.localdate() + timedelta(days=10),
            items="十日内支付拖欠工资",
        )
        svc.complaint_confirm_rectified(actor=staff["inspector1"], complaint_id=case.pk)
        svc.complaint_close(
            actor=staff["head"],
            complaint_id=case.pk,
            outcome="arrears_recovered",
            summary="已支付",
            recovered_amount="15600",
            recovered_workers=1,
        )
    n = case.number
    assert texts() == [
        f"【湘西人社】您的投诉（{n}）已受理。",
        f"【湘西人社】您的投诉（{n}）已立案调查。",
        f"【湘西人社】用人单位已被责令支付您的工资（{n}）。",
        f"【湘西人社】已为您追回被拖欠的工资，您的投诉（{n}）已办结。请注意查收。",
    ]
    assert {p for p, _m in LoggingSMSBackend.sent} == {worker.phone}


def test_a_handling_decision_on_wages_is_a_payment_order(
    investigating, staff, django_capture_on_commit_callbacks
):
    case = investigating()
    with django_capture_on_commit_callbacks(execute=True):
        svc.complaint_decide_handling(
            actor=staff["head"],
            complaint_id=case.pk,
            reason="责令支付工资",
            amount="15600",
            pay_by=timezone.localdate() + timedelta(days=10),
        )
        svc.complaint_close(
            actor=staff["head"], complaint_id=case.pk, outcome="handling_decision", summary="结"
        )
    assert texts() == [
        f"【湘西人社】用人单位已被责令支付您的工资（{case.number}）。",
        f"【湘西人社】您的投诉（{case.number}）已办结。",
    ]


def test_other_apps_can_add_milestones_and_notify_each_worker(
    register, worker, django_capture_on_commit_callbacks
):
    case = register()
    register_milestone("recovered_amount", "已为您追回工资{amount}元（{number}）。")
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_person(worker, case, "recovered_amount", amount="3000.00")
    assert texts() == [f"【湘西人社】已为您追回工资3000.00元（{case.number}）。"]
    assert not notify_person(worker, case, "no_such_milestone")


def test_the_sms_log_never_shows_a_full_phone(register, worker, caplog, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level("INFO"):
        notify_person(worker, register(), "accepted")
    assert worker.phone not in caplog.text and worker.phone_masked in caplog.text


def test_staff_identify_the_employer_of_an_online_complaint_before_accepting_it(
    submit, complaint_data, staff, employer
):
    from casework.inspection.models import Complaint
    from casework.services.transitions import PreconditionFailed, TransitionForbidden

    submit(complaint_data())
    case = Complaint.objects.get()
    with pytest.raises(PreconditionFailed, match="尚未确定被投诉用人单位"):
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    with pytest.raises(TransitionForbidden):
        svc.complaint_identify_employer(actor=staff["director"], complaint_id=case.pk, employer=employer)
    svc.complaint_identify_employer(actor=staff["inspector1"], complaint_id=case.pk, employer=employer)
    accepted = svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    assert accepted.employer == employer and accepted.employer_name_given == "吉首市某劳务有限公司"
    assert TransitionLog.objects.filter(object_id=case.pk, transition="identify_employer").exists()
    with pytest.raises(PreconditionFailed, match="只能在受理前"):
        svc.complaint_identify_employer(actor=staff["inspector1"], complaint_id=case.pk, employer=employer)
