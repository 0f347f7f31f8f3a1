"""The acceptance paths of the penalty and handling procedures with their documents ISSUED (numbered) and
SERVED, end to end through the kernel's endpoints and services, every rendered document read back (pypdf):

1. complaint → investigation records → findings → prior notice → hearing requested → hearing notice issued and
   served (the hearing refused while fewer than 7 working days have passed since service, APL Art 64) →
   hearing held → penalty decision → the 行政处罚决定书 issued with its 文号 → served electronically (consent,
   SMS, link opened with the ID tail) → the 7-day service deadline met that day (APL Art 61) → closing;
2. 行政处理决定 issued and served on paper → unpaid by its date → 加付赔偿金 decision issued (LIR Art 26).
"""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from casework.documents.services import issued_documents, record_service
from casework.inspection.documents import documents_for
from casework.inspection.models import Complaint
from casework.inspection.models import ComplaintState as S
from casework.inspection.procedure_models import HandlingDecision, PenaltyProcedure
from casework.inspection.services.hearing import earliest_hearing_day
from casework.models import Deadline, IssuedDocument, Service
from casework.roles import Role
from casework.sms import LoggingSMSBackend
from tests.document_text import defects, pdf_text

pytestmark = pytest.mark.django_db

RECIPIENT_ID = "43310119800101019X"  # a valid GB 11643 number
FINDINGS = "经查，该单位拖欠张某2026年7月至9月工资共计15600元，至今未支付"


@pytest.fixture
def sms_outbox():
    LoggingSMSBackend.sent.clear()
    yield LoggingSMSBackend.sent
    LoggingSMSBackend.sent.clear()


@pytest.fixture
def post():
    def do(case, user, path, data=None, expect=200):
        client = APIClient()
        client.force_authenticate(user)
        response = client.post(f"/api/v1/complaints/{case.pk}/{path}", data or {}, format="json")
        assert response.status_code == expect, response.content.decode()
        return response.json()

    return do


def deadline(case, rule):
    return Deadline.objects.filter(object_id=case.pk, rule=rule).order_by("-id").first()


def issue(post, case, user, slug) -> IssuedDocument:
    post(case, user, "actions/issue_document/", {"slug": slug})
    return issued_documents(Complaint.objects.get(pk=case.pk))[slug]


def serve_on_paper(case, user, document, served_on):
    return record_service(
        Complaint,
        case.pk,
        actor=user,
        document=document.pk,
        method="direct",
        served_on=served_on,
        recipient="湘西测试建筑工程有限公司（委托代理人赵某签收）",
        place="吉首市劳动保障监察支队",
        proof=SimpleUploadedFile("回证.pdf", b"%PDF-1.4 signed", "application/pdf"),
    )


def back_date(document, days):
    """The document was issued and served ``days`` ago (the test cannot wait for the calendar)."""
    day = timezone.localdate() - timedelta(days=days)
    IssuedDocument.objects.filter(pk=document.pk).update(issued_on=day)
    Service.objects.filter(document=document).update(served_on=day)


def read_every_document(client, case, must_contain) -> dict[str, str]:
    """Render each document of the case, scan it for defects, and check the 文号 of each issued one."""
    case = Complaint.objects.get(pk=case.pk)
    issued = issued_documents(case)
    texts = {}
    for doc in documents_for(case):
        response = client.get(doc["url"])
        assert response.status_code == 200, doc["slug"]
        text = pdf_text(response.content)
        assert defects(text) == [], (doc["slug"], text)
        flat = text.replace("\n", "")
        if doc["slug"] in issued:
            assert issued[doc["slug"]].number in flat, doc["slug"]
        for slug, needles in must_contain.items():
            if slug == doc["slug"]:
                for needle in needles:
                    assert needle in flat, (slug, needle)
        texts[doc["slug"]] = flat
    for document in issued.values():  # each served document's 送达回证
        if document.services.exists():
            receipt = client.get(reverse("service-receipt", args=["complaint", case.pk, document.pk]))
            text = pdf_text(receipt.content)
            assert "送达回证" in text and document.number in text.replace("\n", "")
            assert defects(re.sub(r"—\s*\d+\s*—", "", text)) == [], text
    return texts


def test_penalty_with_hearing_issued_and_served_electronically(
    client, register, staff, post, make_user, jishou, employer, sms_outbox, django_capture_on_commit_callbacks
):
    presiding = make_user(Role.INSPECTION_HEAD, jishou, full_name="田主持")
    inspector, head = staff["inspector1"], staff["head"]
    pair = [inspector.pk, staff["inspector2"].pk]
    c = register(violation_types=["wage_arrears"], facts="请求责令支付拖欠的工资。")
    post(c, inspector, "transitions/accept/")
    post(c, head, "transitions/file_case/")
    post(c, head, "actions/assign/", {"inspectors": pair})
    post(c, inspector, "transitions/start_investigation/")
    today = timezone.localdate()

    # investigation records, the findings drawn from them and their legal bases
    inquiry = {
        "kind": "inquiry",
        "started_at": f"{today}T09:30",
        "ended_at": f"{today}T10:40",
        "place": "吉首市人社局劳动保障监察支队询问室",
        "subject": "李某（被投诉单位财务负责人）",
        "subject_role": "财务负责人",
        "content": "问：你单位是否拖欠张某工资？\n答：是的，7月至9月工资共15600元没有发。",
        "inspectors": pair,
        "recorder": staff["inspector2"].pk,
        "signed_by": "李某签名确认",
    }
    post(c, inspector, "actions/record_investigation/", inquiry)
    site = {"kind": "site", "started_at": f"{today}T14:00", "place": "吉首市乾州新区安置房工地"}
    site |= {"subject": "吉首某建筑公司项目部", "content": "查阅考勤表、工资表，工资发放至2026年6月"}
    site |= {"inspectors": pair, "present": "项目经理王某", "signed_by": "王某签名"}
    post(c, inspector, "actions/record_investigation/", site)
    from casework.inspection.procedure_models import LegalBasis

    records = list(c.investigation_records.values_list("pk", flat=True))
    bases = list(LegalBasis.objects.filter(code__in=["ldl-50", "lir-26"]).values_list("pk", flat=True))
    post(c, inspector, "actions/record_findings/", {"text": FINDINGS, "records": records, "bases": bases})

    # prior notice: the statement period and the hearing right; issued with its number
    post(c, inspector, "transitions/give_penalty_notice/", {"proposed_fine": "30000", "reason": "情节较重。"})
    notice = issue(post, c, inspector, "penalty-notice")
    assert notice.number == f"吉人社监告〔{today.year}〕1号"
    post(c, inspector, "actions/request_hearing/", {"note": "书面申请听证"})

    # the hearing notice, 15 working days ahead, issued and served on paper today
    hearing_day = earliest_hearing_day(c, today + timedelta(days=14))
    hearing = {
        "hearing_at": f"{hearing_day}T10:00",
        "place": "州人社局听证室",
        "presiding_officer": presiding.pk,
    }
    post(c, inspector, "actions/notify_hearing/", hearing)
    hearing_notice = issue(post, c, inspector, "hearing-notice")
    held = {"participants": "主持人田主持、调查人员、单位委托代理人赵某"}
    held |= {"statements": "调查人员陈述事实和证据；代理人称资金困难", "report": "事实清楚，建议从轻处罚"}
    # Issued but not yet served: no hearing on a notice nobody received.
    PenaltyProcedure.objects.filter(complaint=c).update(hearing_at=timezone.now() - timedelta(hours=1))
    body = post(c, inspector, "actions/hold_hearing/", held, 409)
    assert "尚未送达" in body["message"] and hearing_notice.number in body["message"]
    serve_on_paper(c, inspector, hearing_notice, today)
    # Served today, held today: fewer than 7 working days after SERVICE (APL Art 64) — 409 naming the day.
    earliest = earliest_hearing_day(c, today)
    body = post(c, inspector, "actions/hold_hearing/", held, 409)
    assert f"最早可于{earliest:%Y-%m-%d}" in body["message"] and "第六十四条" in body["message"]
    # The notice was in fact served three weeks ago: the hearing is held.
    back_date(hearing_notice, 21)
    post(c, inspector, "actions/hold_hearing/", held)

    # the decision answers the defence; the 行政处罚决定书 is issued with its own number
    decide = {
        "fine_amount": "25000",
        "reason": "依法处罚。",
        "defence_answer": "资金困难不是拖欠工资的理由，不予采纳。",
    }
    body = post(c, head, "transitions/decide_penalty/", decide)
    assert body["state"] == S.DECIDED
    serve = deadline(c, "inspection.penalty_serve")
    assert serve.status == "open" and serve.started_on == today  # APL Art 61: 7 days from the decision
    decision = issue(post, c, inspector, "penalty-decision")
    assert decision.number == f"吉人社监罚〔{today.year}〕1号"

    # electronic service: the 送达地址确认书 with consent, the SMS, the link opened with the ID tail
    address = {"recipient": "湘西测试建筑工程有限公司（法定代表人张建国）", "id_number": RECIPIENT_ID}
    address |= {"phone": "13907430000", "signed_on": today.isoformat(), "electronic_consent": True}
    post(c, inspector, "actions/record_service_address/", address)
    from casework.documents.services import service_addresses

    consent = service_addresses(Complaint.objects.get(pk=c.pk)).get()
    with django_capture_on_commit_callbacks(execute=True):
        post(c, inspector, "actions/send_e_service/", {"document": decision.pk, "address": consent.pk})
    assert [phone for phone, _ in sms_outbox] == ["13907430000"]
    message = sms_outbox[0][1]
    assert decision.number in message and RECIPIENT_ID not in message
    assert deadline(c, "inspection.penalty_serve").status == "open"  # sent is not served
    url = re.search(r"https?://[^/\s]+(/\S+)", message).group(1)
    phone = Client(HTTP_USER_AGENT="Mozilla/5.0 (iPhone)")
    assert "身份证号码后6位" in phone.get(url).content.decode()
    assert phone.post(url, {"id_suffix": "000000"}).status_code == 400
    assert not decision.services.exists()
    assert phone.post(url, {"id_suffix": RECIPIENT_ID[-6:]}).status_code == 200
    service = decision.services.get()
    assert (service.method, service.served_on) == ("electronic", today)
    met = deadline(c, "inspection.penalty_serve")
    assert (met.status, met.met_on) == ("met", today)  # APL Art 61, met by the service itself

    body = post(c, head, "transitions/close/", {"outcome": "penalty_imposed", "reason": "已处罚并送达"})
    assert body["state"] == S.CLOSED

    client.force_login(head)
    party = employer.name
    texts = read_every_document(
        client,
        c,
        {
            "penalty-notice": [party, FINDINGS, "《中华人民共和国劳动法》第五十条", "听证"],
            "hearing-notice": [party, "州人社局听证室", "第六十四条"],
            "hearing-report": ["建议从轻处罚"],
            "penalty-decision": [party, FINDINGS, "25000", "不予采纳"],
            "closing-approval": [party],
        },
    )
    assert {"penalty-notice", "hearing-notice", "hearing-record", "penalty-decision"} <= set(texts)
    receipt = client.get(reverse("service-receipt", args=["complaint", c.pk, decision.pk]))
    text = "".join(pdf_text(receipt.content).split())
    assert "电子送达" in text and "首次打开" in text and decision.number in text


def test_handling_decision_served_unpaid_then_compensation(client, investigating, staff, post, employer):
    inspector, head = staff["inspector1"], staff["head"]
    c = investigating(facts="请求责令支付拖欠的工资。")
    today = timezone.localdate()
    pay_by = today + timedelta(days=10)
    order = {"reason": "责令支付拖欠的工资。", "amount": "15600", "pay_by": pay_by.isoformat()}
    order |= {"statement_summary": "资金周转困难。", "defence_answer": "理由不成立，不予采纳。"}
    post(c, head, "transitions/decide_handling/", order)
    handling = issue(post, c, inspector, "handling-decision")
    assert handling.number == f"吉人社监处〔{today.year}〕1号"
    serve_on_paper(c, inspector, handling, today)
    assert deadline(c, "inspection.handling_payment").due_on == pay_by

    # 5,600 paid; the date passes with 10,000 unpaid → 加付赔偿金 of 80% on what is still owed
    post(c, inspector, "actions/record_payment/", {"paid_amount": "5600"})
    compensation = {"percent": 80, "pay_by": (today + timedelta(days=15)).isoformat()}
    assert "尚未届满" in post(c, head, "actions/order_compensation/", compensation, 409)["message"]
    HandlingDecision.objects.filter(complaint=c).update(pay_by=today - timedelta(days=1))
    post(c, head, "actions/order_compensation/", compensation)
    assert deadline(c, "inspection.handling_payment").status == "cancelled"
    assert deadline(c, "inspection.compensation_payment").status == "open"
    issued = issue(post, c, inspector, "compensation-decision")
    assert issued.number == f"吉人社监赔〔{today.year}〕1号"
    serve_on_paper(c, inspector, issued, today)

    client.force_login(head)
    party = employer.name
    texts = read_every_document(
        client,
        c,
        {
            "handling-decision": [party, FINDINGS, "15600", "不予采纳"],
            "compensation-decision": [party, "10000", "8000"],
        },
    )
    assert {"handling-decision", "compensation-decision"} <= set(texts)
    assert "请求责令支付" not in texts["handling-decision"] + texts["compensation-decision"]
