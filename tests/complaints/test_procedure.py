"""The penalty procedure with its hearing, and the handling decision with 加付赔偿金, end to end through the
kernel's endpoints (APL 2021 Arts 44–45, 60–65; LIR Arts 16, 19, 26)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from casework.calendar.workdays import add_working_days
from casework.inspection.models import Complaint
from casework.inspection.models import ComplaintState as S
from casework.inspection.procedure_models import HandlingDecision, LegalBasis, PenaltyProcedure
from casework.models import Deadline, TransitionLog
from casework.roles import Role


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def post(staff):
    def do(case, user, path, data=None, expect=200):
        response = api(user).post(f"/api/v1/complaints/{case.pk}/{path}", data or {}, format="json")
        assert response.status_code == expect, response.content.decode()
        return response.json()

    return do


def deadline(case, rule):
    return Deadline.objects.filter(object_id=case.pk, rule=rule).order_by("-id").first()


def test_complaint_records_notice_hearing_decision_closing(register, staff, post, make_user, jishou):
    """complaint → investigation records → findings → prior notice → hearing requested → hearing notice
    7 working days ahead → hearing with its record and report → decision answering the defence → closing."""
    presiding = make_user(Role.INSPECTION_HEAD, jishou)  # did not investigate the case
    c = register(violation_types=["excess_overtime"], arrears_amount=None, facts="请求责令单位停止加班")
    post(c, staff["inspector1"], "transitions/accept/")
    post(c, staff["head"], "transitions/file_case/")
    pair = [staff["inspector1"].pk, staff["inspector2"].pk]
    post(c, staff["head"], "actions/assign/", {"inspectors": pair})
    post(c, staff["inspector1"], "transitions/start_investigation/")
    today = timezone.localdate()
    record = {
        "kind": "inquiry",
        "started_at": f"{today}T09:30",
        "ended_at": f"{today}T10:30",
        "place": "监察支队询问室",
        "subject": "王某",
        "subject_role": "项目经理",
        "content": "问：工人每日工作几小时？\n答：11小时，已持续两个月。",
        "inspectors": [staff["inspector1"].pk],
        "recorder": staff["inspector2"].pk,
        "signed_by": "王某签名",
    }
    body = post(c, staff["inspector1"], "actions/record_investigation/", record, 400)
    assert "两名以上" in body["fields"]["inspectors"][0]  # LIR Art 16
    post(c, staff["inspector1"], "actions/record_investigation/", {**record, "inspectors": pair})
    notice = {"kind": "notice", "started_at": f"{today + timedelta(days=3)}T09:00", "place": "监察支队"}
    notice |= {"subject": "吉首某建筑公司", "content": "超时加班情况", "materials": "考勤表、工资表"}
    post(c, staff["inspector1"], "actions/record_investigation/", notice)
    inquiry = c.investigation_records.get(kind="inquiry")
    # The prior notice needs findings from the records (409), and findings need a record and a legal basis.
    notice_body = {"proposed_fine": "30000", "reason": "违法情节较重", "statement_days": 3}
    assert (
        "认定的违法事实"
        in post(c, staff["inspector1"], "transitions/give_penalty_notice/", notice_body, 409)["message"]
    )
    basis = [LegalBasis.objects.get(code="ldl-41").pk, LegalBasis.objects.get(code="lir-25").pk]
    body = post(c, staff["inspector1"], "actions/record_findings/", {"text": "超时加班", "bases": basis}, 400)
    assert "records" in body["fields"]
    findings = {
        "text": "该单位安排30名工人每日工作11小时，持续两个月。",
        "records": [inquiry.pk],
        "bases": basis,
    }
    post(c, staff["inspector1"], "actions/record_findings/", findings)
    post(c, staff["inspector1"], "transitions/give_penalty_notice/", notice_body)

    procedure = PenaltyProcedure.objects.get(complaint=c)
    assert procedure.hearing_right  # ≥ ¥20,000 on an organisation (Hunan, seeded)
    assert procedure.statement_due == add_working_days(today, 3, c.jurisdiction_id)
    assert procedure.hearing_request_due == add_working_days(today, 5, c.jurisdiction_id)
    assert deadline(c, "inspection.penalty_statement").due_on == procedure.statement_due
    assert deadline(c, "inspection.hearing_request").status == "open"
    assert deadline(c, "inspection.penalty_decide").started_on == Complaint.objects.get(pk=c.pk).filed_on

    # Decided the same minute: refused (409) with the reason.
    decide = {"fine_amount": "30000", "reason": "依法处罚", "defence_answer": "不予采纳"}
    assert "期限尚未届满" in post(c, staff["head"], "transitions/decide_penalty/", decide, 409)["message"]

    post(c, staff["inspector1"], "actions/request_hearing/", {"note": "书面申请听证"})
    assert deadline(c, "inspection.hearing_request").status == "met"
    too_soon = timezone.localtime() + timedelta(days=3)
    hearing = {"hearing_at": too_soon.strftime("%Y-%m-%dT10:00"), "place": "州人社局听证室"}
    hearing |= {"presiding_officer": staff["inspector1"].pk}
    body = post(c, staff["inspector1"], "actions/notify_hearing/", hearing, 400)
    assert "7个工作日" in body["fields"]["hearing_at"][0]
    later = add_working_days(add_working_days(today, 1, c.jurisdiction_id), 7, c.jurisdiction_id)
    hearing["hearing_at"] = f"{later}T10:00"
    body = post(c, staff["inspector1"], "actions/notify_hearing/", hearing, 400)
    assert "非本案调查人员" in body["fields"]["presiding_officer"][0]  # APL Art 64(4)
    post(c, staff["inspector1"], "actions/notify_hearing/", {**hearing, "presiding_officer": presiding.pk})
    assert deadline(c, "inspection.hearing_notice").status == "met"
    held = {
        "participants": "主持人、调查人员、单位委托代理人",
        "statements": "调查人员陈述事实；代理人称已整改",
    }
    held |= {"report": "事实清楚，建议从轻处罚"}
    assert post(c, staff["inspector1"], "actions/hold_hearing/", held, 409)["code"] == "precondition_failed"
    assert "期限尚未届满" in post(c, staff["head"], "transitions/decide_penalty/", decide, 409)["message"]

    # The hearing day comes.
    PenaltyProcedure.objects.filter(complaint=c).update(hearing_at=timezone.now() - timedelta(hours=2))
    post(c, staff["inspector1"], "actions/hold_hearing/", held)
    heavier = {**decide, "fine_amount": "40000"}
    assert "fine_amount" in post(c, staff["head"], "transitions/decide_penalty/", heavier, 400)["fields"]
    no_answer = {**decide, "defence_answer": ""}
    assert "defence_answer" in post(c, staff["head"], "transitions/decide_penalty/", no_answer, 400)["fields"]
    body = post(c, staff["head"], "transitions/decide_penalty/", {**decide, "fine_amount": "25000"})
    assert body["state"] == S.DECIDED and body["fine_amount"] == "25000.00"
    assert deadline(c, "inspection.penalty_decide").status == "met"
    serve = deadline(c, "inspection.penalty_serve")
    assert serve.status == "open" and serve.started_on == today  # APL Art 61, from the decision

    body = post(c, staff["head"], "transitions/close/", {"outcome": "penalty_imposed", "reason": "已处罚"})
    assert body["state"] == S.CLOSED
    names = list(TransitionLog.objects.filter(object_id=c.pk).values_list("transition", flat=True))
    assert (
        names[5:]
        == (
            "record_investigation record_investigation record_findings give_penalty_notice request_hearing "
            "notify_hearing hold_hearing decide_penalty close"
        ).split()
    )


def test_periods_lapsed_without_statement_allow_the_decision(investigating, staff, post):
    c = investigating()
    post(c, staff["inspector1"], "transitions/give_penalty_notice/", {"proposed_fine": "5000", "reason": "x"})
    assert not PenaltyProcedure.objects.get(complaint=c).hearing_right  # below ¥20,000
    body = post(c, staff["inspector1"], "actions/request_hearing/", {}, 400)
    assert "无申请听证的权利" in body["fields"]["hearing_requested"][0]
    post(c, staff["head"], "transitions/decide_penalty/", {"fine_amount": "5000", "reason": "依法"}, 409)
    yesterday = timezone.localdate() - timedelta(days=1)
    PenaltyProcedure.objects.filter(complaint=c).update(statement_due=yesterday)
    body = post(c, staff["head"], "transitions/decide_penalty/", {"fine_amount": "5000", "reason": "依法"})
    assert body["state"] == S.DECIDED


def test_a_handling_decision_needs_findings_from_the_record(investigating, staff, post):
    c = investigating(findings=False)
    pay_by = (timezone.localdate() + timedelta(days=10)).isoformat()
    order = {"reason": "责令支付拖欠的工资", "amount": "15600", "pay_by": pay_by}
    body = post(c, staff["head"], "transitions/decide_handling/", order, 409)
    assert "不得以投诉请求代替" in body["message"]


@pytest.fixture
def handled(investigating, staff, post):
    c = investigating()
    pay_by = (timezone.localdate() + timedelta(days=10)).isoformat()
    body = post(c, staff["head"], "transitions/decide_handling/", {"reason": "责令支付拖欠的工资"}, 400)
    assert "amount" in body["fields"]  # wages owed: the amount is ordered
    order = {"reason": "责令支付拖欠的工资", "amount": "15600", "pay_by": pay_by}
    post(c, staff["head"], "transitions/decide_handling/", order)
    return c


def test_handling_decision_payment_deadline_then_compensation(handled, staff, post):
    c = handled
    decision = HandlingDecision.objects.get(complaint=c)
    assert (
        decision.amount == Decimal("15600.00") and deadline(c, "inspection.handling_payment").status == "open"
    )
    comp = {"percent": 50, "pay_by": (timezone.localdate() + timedelta(days=20)).isoformat()}
    assert "尚未届满" in post(c, staff["head"], "actions/order_compensation/", comp, 409)["message"]
    post(c, staff["inspector1"], "actions/record_payment/", {"paid_amount": "5600"})
    HandlingDecision.objects.filter(pk=decision.pk).update(pay_by=timezone.localdate() - timedelta(days=1))
    assert (
        "percent"
        in post(c, staff["head"], "actions/order_compensation/", {**comp, "percent": 30}, 400)["fields"]
    )
    assert post(c, staff["inspector1"], "actions/order_compensation/", comp, 403)["code"] == "forbidden"
    post(c, staff["head"], "actions/order_compensation/", comp)
    decision.refresh_from_db()
    assert decision.compensation_base == Decimal("10000.00")
    assert decision.compensation_amount == Decimal("5000.00")  # 50% of the ¥10,000 still owed
    assert deadline(c, "inspection.handling_payment").status == "cancelled"
    assert deadline(c, "inspection.compensation_payment").status == "open"
    post(c, staff["head"], "actions/order_compensation/", comp, 409)
    assert (
        "超过"
        in post(c, staff["inspector1"], "actions/record_payment/", {"paid_amount": "15000.01"}, 400)[
            "fields"
        ]["paid_amount"][0]
    )
    post(c, staff["inspector1"], "actions/record_payment/", {"paid_amount": "15000"})
    assert deadline(c, "inspection.compensation_payment").status == "met"
    body = post(c, staff["head"], "transitions/close/", {"outcome": "handling_decision", "reason": "已履行"})
    assert body["state"] == S.CLOSED
