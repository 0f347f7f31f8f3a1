"""The claimant page of the green channel (issue 23 item 1): what a verified worker sees and does, for every
case type registered with the green channel, and what staff see of it."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arrears.models import Payment
from casework.models import ClaimantMessage, Evidence, TransitionLog, WithdrawalRequest
from casework.sms import LoggingSMSBackend

from .conftest import PDF, PNG, grant, page_url

pytestmark = pytest.mark.django_db


def log_names(case):
    from django.contrib.contenttypes.models import ContentType

    return list(
        TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(case), object_id=case.pk
        ).values_list("transition", flat=True)
    )


# --- the page ----------------------------------------------------------------------------------------------
def test_the_step_bar_is_an_ordered_list_with_the_current_step_marked(client, register, worker):
    case = register()
    grant(client, [(case, worker)])
    html = client.get(page_url(case)).content.decode()
    assert '<ol class="g-stepbar"' in html
    assert html.count('aria-current="step"') == 1
    assert 'aria-current="step">收到投诉' in html
    assert worker.id_number not in html and worker.phone not in html


def test_the_progress_page_links_each_case_to_its_claimant_page(client, register, worker):
    case = register()
    grant(client, [(case, worker)])
    html = client.get("/green/progress/").content.decode()
    assert page_url(case) in html


def test_another_persons_case_is_a_404_and_no_access_goes_back_to_the_lookup(client, register, worker):
    from tests.factories import PersonFactory

    mine, theirs = register(), register(complainant=PersonFactory())
    grant(client, [(mine, worker)])
    assert client.get(page_url(theirs)).status_code == 404
    assert client.post(page_url(theirs, "message/"), {"text": "你好"}).status_code == 404
    assert not ClaimantMessage.objects.exists()
    client.cookies.clear()
    response = client.get(page_url(mine))
    assert response.status_code == 302 and response["Location"].endswith("/green/lookup/")


def test_a_cookie_naming_a_case_the_person_is_not_on_grants_nothing(client, register, worker):
    from tests.factories import PersonFactory

    theirs = register(complainant=PersonFactory())
    grant(client, [(theirs, worker)])  # a forged pairing: the person is re-checked against the case
    assert client.get(page_url(theirs)).status_code == 302


def test_arbitration_hearings_show_date_time_place_directions_and_what_to_bring(
    client, formed, arb_staff, applicant
):
    from datetime import datetime

    from django.utils import timezone

    from arbitration.services import arbitration as svc

    case = formed()
    svc.arbitration_schedule_hearing(
        actor=arb_staff["arb1"],
        case_id=case.pk,
        hearing_at=timezone.make_aware(datetime(2026, 1, 20, 9, 30)),
        place="第一仲裁庭",
        directions="乘3路公交到州政务中心站，进门左转二楼",
        notice_on="2026-01-12",
    )
    grant(client, [(case, applicant)])
    html = client.get(page_url(case)).content.decode()
    assert "2026年1月20日" in html and "09:30" in html and "第一仲裁庭" in html
    assert "身份证原件" in html and "怎么去" in html and "乘3路公交到州政务中心站，进门左转二楼" in html
    assert 'aria-current="step">开庭' in html
    # postponed to the same place: the directions stay; the staff form offers them again
    svc.arbitration_postpone_hearing(
        actor=arb_staff["chair"],  # 延期开庭 is decided by the commission
        case_id=case.pk,
        hearing_at=timezone.make_aware(datetime(2026, 1, 27, 9, 30)),
        reason="仲裁员回避",
        notice_on="2026-01-19",
    )
    html = client.get(page_url(case)).content.decode()
    assert "2026年1月27日" in html and "乘3路公交到州政务中心站，进门左转二楼" in html
    assert "请提前15分钟到达" in html


def test_hearing_directions_too_long_are_refused_with_a_message(formed, arb_staff):
    from datetime import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from arbitration.services import arbitration as svc

    case = formed()
    with pytest.raises(ValidationError) as refused:
        svc.arbitration_schedule_hearing(
            actor=arb_staff["arb1"],
            case_id=case.pk,
            hearing_at=timezone.make_aware(datetime(2026, 1, 20, 9, 30)),
            place="第一仲裁庭",
            directions="路" * 301,
            notice_on="2026-01-12",
        )
    assert refused.value.message_dict == {"directions": ["到达方式请控制在300字以内"]}
    with pytest.raises(
        ValidationError
    ) as refused:  # not text (a service called with a number): a 400, not a 500
        svc.arbitration_schedule_hearing(
            actor=arb_staff["arb1"],
            case_id=case.pk,
            hearing_at=timezone.make_aware(datetime(2026, 1, 20, 9, 30)),
            place="第一仲裁庭",
            directions=5,
            notice_on="2026-01-12",
        )
    assert refused.value.message_dict == {"directions": ["到达方式应为文字"]}
    assert not case.hearings.exists()


# --- payments: "已收到" ----------------------------------------------------------------------------------
def test_a_worker_sees_only_their_own_payments_and_confirms_one_once(client, arrears_two_workers):
    case, first, second = arrears_two_workers
    grant(client, [(case, first.person)])
    html = client.get(page_url(case)).content.decode()
    assert "3000.00" in html and "5000.00" not in html and second.person.name not in html
    payment = Payment.objects.get(line=first)
    url = page_url(case, f"payments/{payment.pk}/received/")
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a double tap
    payment.refresh_from_db()
    assert (
        payment.confirmed_by_worker and payment.confirmed_through == "green_channel" and payment.confirmed_at
    )
    assert log_names(case).count("confirm_receipt") == 1
    html = client.get(page_url(case)).content.decode()
    assert "您已确认收到" in html and "这笔钱您已经确认过收到了" in html


def test_another_workers_payment_cannot_be_confirmed(client, arrears_two_workers):
    case, first, second = arrears_two_workers
    grant(client, [(case, first.person)])
    theirs = Payment.objects.get(line=second)
    assert client.post(page_url(case, f"payments/{theirs.pk}/received/")).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.confirmed_by_worker and "confirm_receipt" not in log_names(case)


def test_confirming_needs_a_post_with_csrf(arrears_two_workers):
    from django.test import Client

    case, first, _second = arrears_two_workers
    client = Client(enforce_csrf_checks=True)
    grant(client, [(case, first.person)])
    payment = Payment.objects.get(line=first)
    assert client.get(page_url(case, f"payments/{payment.pk}/received/")).status_code == 405
    assert client.post(page_url(case, f"payments/{payment.pk}/received/")).status_code == 403
    payment.refresh_from_db()
    assert not payment.confirmed_by_worker


# --- evidence ----------------------------------------------------------------------------------------------
def test_a_photo_lands_on_the_case_flagged_for_staff_review(client, register, worker):
    case = register()
    grant(client, [(case, worker)])
    response = client.post(
        page_url(case, "evidence/"), {"file": SimpleUploadedFile("工资条.png", PNG), "description": "工资条"}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(party_supplement=True)
    assert evidence.party == worker and evidence.uploaded_by is None and evidence.reviewed_at is None
    assert evidence.case == case and "party_evidence" in log_names(case)
    assert "等待办案人员查看" in client.get(page_url(case)).content.decode()


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("表格.xlsx", b"PK\x03\x04" + b"0" * 40, "请上传照片（JPG、PNG）或 PDF"),
        ("假照片.png", b"not a png at all", "文件内容与扩展名"),
        ("空.pdf", b"", "请选择要上传的照片或 PDF 文件"),
    ],
)
def test_a_bad_file_says_what_to_do_and_nothing_is_saved(
    client, register, worker, settings, name, content, says
):
    case = register()
    grant(client, [(case, worker)])
    before = log_names(case)
    upload = SimpleUploadedFile(name, content) if content else None
    response = client.post(page_url(case, "evidence/"), {"file": upload} if upload else {})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Evidence.objects.filter(party_supplement=True).exists() and log_names(case) == before
    assert not list((settings.MEDIA_ROOT and __import__("pathlib").Path(settings.MEDIA_ROOT)).rglob("*.*"))


def test_a_pdf_is_accepted_too(client, register, worker):
    case = register()
    grant(client, [(case, worker)])
    client.post(page_url(case, "evidence/"), {"file": SimpleUploadedFile("欠条.pdf", PDF)})
    assert Evidence.objects.get(party_supplement=True).mime_type == "application/pdf"


def test_staff_see_the_flag_and_mark_it_reviewed(client, register, worker, staff):
    from django.test import Client

    case = register()
    grant(client, [(case, worker)])
    client.post(page_url(case, "evidence/"), {"file": SimpleUploadedFile("工资条.png", PNG)})
    evidence = Evidence.objects.get(party_supplement=True)
    office = Client()
    office.force_login(staff["clerk"])
    html = office.get(case.get_absolute_url()).content.decode()
    assert "当事人补充" in html
    office.force_login(staff["auditor"])
    office.post(f"/cases/complaint/{case.pk}/actions/review_party_evidence/", {"evidence": evidence.pk})
    evidence.refresh_from_db()
    assert evidence.reviewed_at is None  # the read-only role never writes
    from casework.claimant.services import review_party_evidence
    from casework.inspection.models import Complaint

    review_party_evidence(Complaint, case.pk, actor=staff["clerk"], evidence=evidence.pk)
    evidence.refresh_from_db()
    assert evidence.reviewed_by == staff["clerk"] and "review_party_evidence" in log_names(case)


# --- messages ----------------------------------------------------------------------------------------------
def test_a_message_reaches_the_staff_inbox_and_the_reply_goes_by_sms(
    client, register, worker, staff, django_capture_on_commit_callbacks
):
    from django.test import Client

    case = register()
    grant(client, [(case, worker)])
    assert client.post(page_url(case, "message/"), {"text": "老板说下周发，还要等吗？"}).status_code == 302
    message = ClaimantMessage.objects.get()
    assert message.person == worker and "claimant_message" in log_names(case)
    office = Client()
    office.force_login(staff["clerk"])
    assert "老板说下周发，还要等吗？" in office.get(case.get_absolute_url()).content.decode()
    LoggingSMSBackend.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            f"/cases/complaint/{case.pk}/actions/reply_claimant_message/",
            {"message": message.pk, "reply": "请等用人单位下周支付，我们会跟进。"},
        )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (
        message.reply and message.replied_by == staff["clerk"] and "reply_claimant_message" in log_names(case)
    )
    assert any("请等用人单位下周支付" in text for _phone, text in LoggingSMSBackend.sent)
    assert "请等用人单位下周支付" in client.get(page_url(case)).content.decode()


def test_an_empty_or_too_long_message_says_what_to_do(client, register, worker):
    case = register()
    grant(client, [(case, worker)])
    assert (
        "请写下您想对办案单位说的话"
        in client.post(page_url(case, "message/"), {"text": "  "}).content.decode()
    )
    response = client.post(page_url(case, "message/"), {"text": "长" * 301})
    assert "请删短一些" in response.content.decode() and not ClaimantMessage.objects.exists()


def test_no_id_number_or_phone_in_the_log(client, register, worker, caplog):
    case = register()
    grant(client, [(case, worker)])
    with caplog.at_level(logging.DEBUG):
        client.post(page_url(case, "message/"), {"text": "你好"})
        client.post(page_url(case, "withdraw/"), {"reason": "钱拿到了"})
    details = str(list(TransitionLog.objects.values_list("details", flat=True)))
    for secret in (worker.id_number, worker.phone):
        assert secret not in caplog.text and secret not in details


# --- withdrawal --------------------------------------------------------------------------------------------
def test_withdrawal_accepted_runs_the_types_own_transition(client, register, worker, staff):
    from django.test import Client

    case = register()
    grant(client, [(case, worker)])
    client.post(page_url(case, "withdraw/"), {"reason": "工资已经拿到了"})
    assert "已经申请过撤回" in client.post(page_url(case, "withdraw/"), {"reason": "再来"}).content.decode()
    request = WithdrawalRequest.objects.get()
    office = Client()
    office.force_login(staff["inspector1"])
    office.post(
        f"/cases/complaint/{case.pk}/actions/decide_withdrawal/",
        {"request": request.pk, "decision": "accepted"},
    )
    case.refresh_from_db()
    request.refresh_from_db()
    assert request.decision == "accepted" and case.state == "complaint_withdrawn"
    assert log_names(case)[-2:] == ["decide_withdrawal", "withdraw_complaint"]
    assert "办案单位已同意" in client.get(page_url(case)).content.decode()
    from casework.models import MilestoneMessage

    assert MilestoneMessage.objects.filter(milestone="withdrawal_decided", person=worker).count() == 1


def test_withdrawal_refused_needs_a_reason_and_changes_no_state(client, arrears_two_workers, staff):
    from arrears.models import ArrearsCase
    from casework.claimant.services import decide_withdrawal

    case, first, _second = arrears_two_workers
    case.refresh_from_db()
    grant(client, [(case, first.person)])
    client.post(page_url(case, "withdraw/"), {"reason": "不想追了"})
    request = WithdrawalRequest.objects.get()
    with pytest.raises(Exception, match="理由"):
        decide_withdrawal(
            ArrearsCase, case.pk, actor=staff["inspector1"], request=request.pk, decision="refused"
        )
    decide_withdrawal(
        ArrearsCase,
        case.pk,
        actor=staff["inspector1"],
        request=request.pk,
        decision="refused",
        note="还在追讨中",
    )
    state = case.state
    case.refresh_from_db()
    assert case.state == state and "还在追讨中" in client.get(page_url(case)).content.decode()


# --- query counts ------------------------------------------------------------------------------------------
def test_the_page_costs_the_same_queries_with_one_payment_or_many(client, open_case, add_workers, pay):
    from casework.claimant.selectors import claimant_pages
    from casework.public.selectors import CaseRef, matches_for_refs

    cases = []
    for i in range(3):
        case = open_case()
        (line,) = add_workers(case, [(3, "9000.00")], start=10 * i)
        for _ in range(i + 1):
            pay(case, line, "100.00")
        cases.append((case, line.person))
    refs = [CaseRef("arrears.arrearscase", c.pk, p.pk) for c, p in cases]
    one = matches_for_refs(refs[:1])
    many = matches_for_refs(refs)
    with CaptureQueriesContext(connection) as q1:
        pages1 = claimant_pages(one)
    with CaptureQueriesContext(connection) as q3:
        pages3 = claimant_pages(many)
    assert [len(p.payments) for p in pages3] == [1, 2, 3] and len(pages1[0].payments) == 1
    assert len(q1.captured_queries) == len(q3.captured_queries)
    grant(client, cases[:1])
    with CaptureQueriesContext(connection) as g1:
        client.get(page_url(cases[0][0]))
    grant(client, cases)
    with CaptureQueriesContext(connection) as g3:
        client.get(page_url(cases[2][0]))
    assert len(g1.captured_queries) == len(g3.captured_queries)


# --- documents served ------------------------------------------------------------------------------------
def _served(case, *, recipient, id_number, slug, title, seq):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from casework.models import ElectronicService, IssuedDocument, ServiceAddress

    ct = ContentType.objects.get_for_model(case)
    document = IssuedDocument.objects.create(
        content_type=ct,
        object_id=case.pk,
        case_number=case.number,
        kind=slug,
        slug=slug,
        title=title,
        jurisdiction=case.jurisdiction,
        year=2026,
        sequence=seq,
        number=f"吉人社测〔2026〕{seq}号",
        issued_on=timezone.localdate(),
    )
    address = ServiceAddress.objects.create(
        content_type=ct,
        object_id=case.pk,
        recipient=recipient,
        id_number=id_number,
        phone="13907430000",
        electronic_consent=True,
        signed_on=timezone.localdate(),
    )
    return ElectronicService.objects.create(document=document, address=address, sent_at=timezone.now())


def test_documents_served_on_this_person_open_through_their_e_service_link(client, register, worker):
    from tests.factories import make_id_number

    case = register()
    _served(case, recipient="本人", id_number=worker.id_number, slug="notice-a", title="受理通知书", seq=1)
    _served(
        case, recipient="用人单位", id_number=make_id_number(), slug="notice-b", title="限期改正指令书", seq=2
    )
    grant(client, [(case, worker)])
    html = client.get(page_url(case)).content.decode()
    assert "受理通知书" in html and "限期改正指令书" not in html and "还没有打开" in html
    link = html.split('data-testid="documents"')[1].split('href="')[1].split('"')[0]
    assert link.startswith("/green/served/")
    page = client.get(link)
    assert (
        page.status_code == 200 and "身份证" in page.content.decode()
    )  # the e-service ID check, then opening


# --- every case type of the green channel --------------------------------------------------------------
def test_every_case_type_registered_with_the_green_channel_gets_the_page(
    client, register, worker, open_case, add_workers, apply, mediation, applicant
):
    from casework.public.registry import public_case_types

    arrears = open_case()
    (line,) = add_workers(arrears, [(3, "9000.00")])
    cases = [(register(), worker), (arrears, line.person), (apply(), applicant), (mediation(), applicant)]
    assert {type(c)._meta.label_lower for c, _p in cases} == {t.model_label for t in public_case_types()}
    for case, person in cases:
        grant(client, [(case, person)])
        html = client.get(page_url(case)).content.decode()
        assert html.count('aria-current="step"') == 1, type(case)
        assert 'data-testid="go-message"' in html and 'data-testid="go-evidence"' in html
        assert client.post(page_url(case, "message/"), {"text": "请问进展如何？"}).status_code == 302
    assert ClaimantMessage.objects.count() == 4


def test_every_green_channel_type_declares_its_steps():
    from casework.public.registry import public_case_types

    for case_type in public_case_types():
        assert case_type.steps, case_type.model_label
        for _label, states in case_type.steps:
            assert all(s in dict(case_type.model._meta.get_field("state").choices) for s in states)


def test_claimant_changes_are_rate_limited(client, register, worker, settings):
    settings.GREEN_RATE_LIMITS = {"claimant_ip": (2, 600)}
    case = register()
    grant(client, [(case, worker)])
    for _ in range(2):
        assert client.post(page_url(case, "message/"), {"text": "你好"}).status_code == 302
    response = client.post(page_url(case, "message/"), {"text": "你好"})
    assert (
        response.status_code == 429 and "分钟后再试" in response.content.decode() and response["Retry-After"]
    )
    assert ClaimantMessage.objects.count() == 2


def test_a_case_type_without_payments_has_no_receipt_to_confirm(client, register, worker):
    case = register()
    grant(client, [(case, worker)])
    assert 'data-testid="payments"' not in client.get(page_url(case)).content.decode()
    assert client.post(page_url(case, "payments/1/received/")).status_code == 404


def test_withdrawal_accepted_on_a_type_without_a_withdrawal_transition_is_recorded_only(
    client, arrears_two_workers, staff
):
    from arrears.models import ArrearsCase
    from casework.claimant.services import decide_withdrawal

    case, first, _second = arrears_two_workers
    case.refresh_from_db()
    grant(client, [(case, first.person)])
    client.post(page_url(case, "withdraw/"), {"reason": "钱都拿到了"})
    request = WithdrawalRequest.objects.get()
    decide_withdrawal(
        ArrearsCase, case.pk, actor=staff["inspector1"], request=request.pk, decision="accepted"
    )
    state = case.state
    case.refresh_from_db()
    request.refresh_from_db()
    assert (
        request.decision == "accepted" and request.decided_by == staff["inspector1"] and case.state == state
    )
    assert log_names(case)[-1] == "decide_withdrawal"
    with pytest.raises(Exception, match="已作出决定"):
        decide_withdrawal(
            ArrearsCase,
            case.pk,
            actor=staff["inspector1"],
            request=request.pk,
            decision="refused",
            note="改主意",
        )


def test_mediation_withdrawal_accepted_runs_mediation_withdraw(client, mediation, applicant, arb_staff):
    from arbitration.models import MediationCase
    from casework.claimant.services import decide_withdrawal

    case = mediation()
    grant(client, [(case, applicant)])
    client.post(page_url(case, "withdraw/"), {"reason": "已和老板谈好了"})
    request = WithdrawalRequest.objects.get()
    decide_withdrawal(
        MediationCase, case.pk, actor=arb_staff["mediator"], request=request.pk, decision="accepted"
    )
    case.refresh_from_db()
    assert case.state == "withdrawn" and "已撤回" in client.get(page_url(case)).content.decode()
