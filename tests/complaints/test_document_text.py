"""Every complaint document, old and new, rendered and read back (pypdf): no doubled punctuation, empty
placeholders or dashes for data; the findings come from the investigation, not from the complaint."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.inspection import services as svc
from casework.inspection.documents import documents_for
from casework.inspection.procedure_models import HandlingDecision, PenaltyProcedure
from casework.roles import Role
from tests.document_text import defects, pdf_text

REQUEST = "请求责令支付拖欠的工资。"  # what the worker asked for, ending in a full stop
STATE_FINDINGS = (
    "rectification-order",
    "penalty-notice",
    "penalty-decision",
    "handling-decision",
    "compensation-decision",
    "hearing-notice",
    "hearing-report",
)
FINDINGS = "经查，该单位拖欠张某2026年7月至9月工资共计15600元，至今未支付"


def _penalty_case(investigating, staff, presiding):
    c = investigating(facts=REQUEST)
    today = timezone.localdate()
    svc.complaint_record_investigation(
        actor=staff["inspector1"],
        complaint_id=c.pk,
        kind="site",
        started_at=f"{today}T14:00",
        place="吉首市乾州新区安置房工地",
        subject="吉首某建筑公司项目部",
        content="现场查阅考勤表、工资表，工资发放至2026年6月",
        inspectors=[staff["inspector1"], staff["inspector2"]],
        present="项目经理王某",
        signed_by="王某签名",
    )
    svc.complaint_record_investigation(
        actor=staff["inspector1"],
        complaint_id=c.pk,
        kind="notice",
        started_at=f"{today + timedelta(days=2)}T09:00",
        place="吉首市劳动保障监察支队",
        subject="吉首某建筑公司",
        subject_role="法定代表人或委托代理人",
        content="拖欠工资情况",
        materials="营业执照复印件、工资支付台账",
    )
    svc.complaint_give_penalty_notice(
        actor=staff["inspector1"], complaint_id=c.pk, proposed_fine="30000", facts="情节较重。"
    )
    svc.complaint_request_hearing(actor=staff["inspector1"], complaint_id=c.pk)
    svc.complaint_notify_hearing(
        actor=staff["inspector1"],
        complaint_id=c.pk,
        hearing_at=f"{today + timedelta(days=20)}T10:00",
        place="州人社局听证室",
        presiding_officer=presiding,
    )
    PenaltyProcedure.objects.filter(complaint=c).update(hearing_at=timezone.now() - timedelta(hours=1))
    svc.complaint_hold_hearing(
        actor=staff["inspector1"],
        complaint_id=c.pk,
        participants="主持人、调查人员张某和李某、单位委托代理人赵某",
        statements="调查人员陈述事实和证据。代理人称资金困难，已筹款。",
        report="事实清楚，证据充分，建议从轻处罚。",
    )
    svc.complaint_decide_penalty(
        actor=staff["head"],
        complaint_id=c.pk,
        fine_amount="20000",
        reason="考虑其已筹款。",
        defence_answer="资金困难不是拖欠工资的理由，不予采纳；已筹款的情节予以考虑。",
    )
    svc.complaint_transfer_to_police(actor=staff["head"], complaint_id=c.pk, reason="涉嫌拒不支付劳动报酬罪")
    return svc.complaint_close(
        actor=staff["head"], complaint_id=c.pk, outcome="police_transferred", summary="已移送"
    )


def _handling_case(investigating, staff):
    c = investigating(facts=REQUEST)
    due = timezone.localdate() + timedelta(days=10)
    svc.complaint_order_rectification(
        actor=staff["inspector1"], complaint_id=c.pk, due_on=due, items="支付拖欠工资。"
    )
    svc.complaint_confirm_rectified(actor=staff["inspector1"], complaint_id=c.pk, reason="部分支付")
    svc.complaint_decide_handling(
        actor=staff["head"],
        complaint_id=c.pk,
        reason="责令支付拖欠的工资。",
        amount="15600",
        pay_by=due,
        statement_summary="资金周转困难。",
        defence_answer="理由不成立。",
    )
    HandlingDecision.objects.filter(complaint=c).update(pay_by=timezone.localdate() - timedelta(days=1))
    svc.complaint_order_compensation(actor=staff["head"], complaint_id=c.pk, percent=80, pay_by=due)
    return c


@pytest.mark.django_db
def test_every_complaint_document_reads_clean(client, register, investigating, staff, make_user, jishou):
    presiding = make_user(Role.INSPECTION_HEAD, jishou, full_name="田主持")
    for user in (staff["inspector1"], staff["inspector2"]):
        user.full_name, user.certificate_no = f"监察员{user.pk}", f"43310100{user.pk}"
        user.save()
    refused = register(facts=REQUEST)
    svc.complaint_refuse(actor=staff["inspector1"], complaint_id=refused.pk, reason="超过两年")
    cases = [_penalty_case(investigating, staff, presiding), _handling_case(investigating, staff), refused]
    client.force_login(staff["head"])
    seen = set()
    for case in cases:
        case.refresh_from_db()
        for doc in documents_for(case):
            response = client.get(doc["url"])
            assert response.status_code == 200, doc["slug"]
            text = pdf_text(response.content)
            assert defects(text) == [], (doc["slug"], text)
            if doc["slug"] in STATE_FINDINGS:  # the findings, never what the worker asked for
                assert "请求责令支付" not in text, doc["slug"]
            seen.add(doc["slug"].split("-")[0] if doc["slug"].startswith("record-") else doc["slug"])
            if doc["slug"] in (
                "rectification-order",
                "penalty-notice",
                "penalty-decision",
                "handling-decision",
            ):
                assert FINDINGS in text.replace("\n", "") and "《中华人民共和国劳动法》第五十条" in text
    expected = {
        "registration", "acceptance", "refusal", "filing-approval", "record", "rectification-order",
        "penalty-notice", "hearing-notice", "hearing-record", "hearing-report", "penalty-decision",
        "handling-decision", "compensation-decision", "police-transfer", "closing-approval", "case-file",
    }  # fmt: skip
    assert expected <= seen
    notice = client.get(reverse("complaint-document", args=[cases[0].pk, "penalty-notice"]))
    text = pdf_text(notice.content).replace("\n", "")
    assert "3个工作日内" in text and "要求举行听证" in text and "五个工作日内" in text
    decision = pdf_text(
        client.get(reverse("complaint-document", args=[cases[0].pk, "penalty-decision"])).content
    )
    assert "资金困难不是拖欠工资的理由" in decision.replace("\n", "")
