"""Assisted filing (代为提交): a helper fills the green channel's form for a worker; the worker's consent (the
code sent to their own phone, or a signed form) files it; it is recorded on the case; the helper sees only
their own filings, for 30 days, and no staff page or API."""

import logging
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from casework.assisted.models import AssistedDraft, AssistedDraftPhoto, AssistedFiling, ConsentMethod
from casework.inspection.models import Complaint
from casework.models import Evidence, TransitionLog
from casework.roles import Role
from casework.sms import LoggingSMSBackend

from .conftest import PNG, WORKER_PHONE, sent_code

pytestmark = pytest.mark.django_db


def confirm(client, consent_url, code, capture):
    with capture(execute=True):
        return client.post(consent_url, {"code": code})


def test_the_form_is_the_green_channels_and_nothing_is_filed_before_consent(helper_client, worker_data, fill):
    consent_url = fill(helper_client, worker_data())
    assert consent_url.startswith("/assisted/consent/")
    assert Complaint.objects.count() == 0 and AssistedFiling.objects.count() == 0
    ((to, text),) = LoggingSMSBackend.sent
    assert to == WORKER_PHONE and "吉首市总工会的向工会正在代您提交“投诉欠薪”" in text
    page = helper_client.get(consent_url)
    html = page.content.decode()
    assert "139****5678" in html and WORKER_PHONE not in html
    draft = AssistedDraft.objects.get()
    assert sent_code() not in str(draft.code_hash) and draft.code_hash  # only a keyed hash is kept


def test_a_wrong_code_files_nothing_and_says_so(
    helper_client, worker_data, fill, django_capture_on_commit_callbacks
):
    consent_url = fill(helper_client, worker_data())
    wrong = f"{(int(sent_code()) + 1) % 10**6:06d}"
    response = confirm(helper_client, consent_url, wrong, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "验证码不对或已过期" in response.content.decode()
    assert Complaint.objects.count() == 0 and AssistedFiling.objects.count() == 0
    assert AssistedDraft.objects.get().attempts == 1
    response = confirm(helper_client, consent_url, "12ab", django_capture_on_commit_callbacks)
    assert "验证码是6位数字" in response.content.decode() and Complaint.objects.count() == 0


def test_an_expired_code_files_nothing(helper_client, worker_data, fill, django_capture_on_commit_callbacks):
    consent_url = fill(helper_client, worker_data())
    AssistedDraft.objects.update(code_expires_at=timezone.now() - timedelta(seconds=1))
    response = confirm(helper_client, consent_url, sent_code(), django_capture_on_commit_callbacks)
    assert "验证码不对或已过期" in response.content.decode()
    assert Complaint.objects.count() == 0 and AssistedFiling.objects.count() == 0


def test_five_wrong_tries_use_the_code_up(
    helper_client, worker_data, fill, django_capture_on_commit_callbacks
):
    consent_url = fill(helper_client, worker_data())
    code = sent_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        confirm(helper_client, consent_url, wrong, django_capture_on_commit_callbacks)
    response = confirm(helper_client, consent_url, code, django_capture_on_commit_callbacks)
    assert "验证码不对或已过期" in response.content.decode() and Complaint.objects.count() == 0


def test_the_right_code_files_the_case_with_the_record_the_log_entry_and_the_receipt_sms(
    helper_client, helper, worker_data, fill, staff, client, django_capture_on_commit_callbacks
):
    data = worker_data()
    consent_url = fill(helper_client, data, photos=[SimpleUploadedFile("工资条.png", PNG, "image/png")])
    response = confirm(helper_client, consent_url, sent_code(), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.green_channel and case.complainant.name == "田秀兰" and case.jurisdiction.code == "433101"
    filing = AssistedFiling.objects.get()
    assert (filing.case, filing.helper, filing.helper_name, filing.helper_unit) == (
        case,
        helper,
        "向工会",
        "吉首市总工会",
    )
    assert filing.consent == ConsentMethod.SMS_CODE
    entry = TransitionLog.objects.get(object_id=case.pk, transition="assisted_filing")
    assert entry.actor == helper and entry.transition_label == "代为提交：向工会（吉首市总工会）"
    assert entry.details["工人同意方式"] == "工人手机短信验证码"
    # the photo chosen on the form is on the case; the draft and its photo are gone
    assert Evidence.objects.filter(object_id=case.pk, category="photo").count() == 1
    assert not AssistedDraft.objects.exists() and not AssistedDraftPhoto.objects.exists()
    # the worker gets the usual receipt SMS
    receipts = [text for to, text in LoggingSMSBackend.sent if to == WORKER_PHONE and case.number in text]
    assert receipts and "已登记" in receipts[0]
    # the helper's page of the filing
    page = helper_client.get(response["Location"])
    assert page.status_code == 200 and case.number in page.content.decode()
    # staff see 代为提交 on the case page
    client.force_login(staff["inspector1"])
    staff_page = client.get(reverse("complaint-detail", args=[case.pk]))
    assert "代为提交：向工会（吉首市总工会）" in staff_page.content.decode()


def test_a_worker_without_a_phone_consents_with_a_signed_form(
    helper_client, worker_data, fill, django_capture_on_commit_callbacks
):
    consent_url = fill(helper_client, worker_data(phone=""))
    assert LoggingSMSBackend.sent == type(LoggingSMSBackend.sent)(maxlen=LoggingSMSBackend.sent.maxlen)
    page = helper_client.get(consent_url).content.decode()
    assert 'data-testid="signed-form"' in page and 'data-testid="code-form"' not in page
    text = SimpleUploadedFile("同意书.png", b"not a picture", "image/png")
    response = helper_client.post(consent_url, {"consent_file": text})
    assert "文件内容与扩展名" in response.content.decode() and Complaint.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = helper_client.post(
            consent_url, {"consent_file": SimpleUploadedFile("同意书.png", PNG, "image/png")}
        )
    assert response.status_code == 302
    case = Complaint.objects.get()
    filing = AssistedFiling.objects.get()
    assert filing.consent == ConsentMethod.SIGNED_FORM
    assert filing.consent_evidence.object_id == case.pk and not filing.consent_evidence.submitted_publicly


def test_a_code_goes_to_the_phone_registered_for_the_worker_not_one_typed(helper_client, worker_data, fill):
    from tests.factories import PersonFactory

    data = worker_data(phone="13800001111")
    PersonFactory(id_number=data["id_number"], name="田秀兰", phone=WORKER_PHONE)
    fill(helper_client, data)
    assert [to for to, _text in LoggingSMSBackend.sent] == [WORKER_PHONE]


def test_resending_is_rate_limited(helper_client, worker_data, fill):
    consent_url = fill(helper_client, worker_data())
    token = consent_url.rstrip("/").rsplit("/", 1)[-1]
    response = helper_client.post(reverse("assisted:resend", args=[token]), follow=True)
    assert "发送太频繁了" in response.content.decode()
    assert len(LoggingSMSBackend.sent) == 1


def _filed(helper_client, worker_data, fill, capture, **overrides):
    data = worker_data(**overrides)
    consent_url = fill(helper_client, data)
    before = AssistedFiling.objects.count()
    confirm(helper_client, consent_url, sent_code(data["phone"]), capture)
    assert AssistedFiling.objects.count() == before + 1
    return AssistedFiling.objects.latest("pk")


def test_a_helper_sees_only_their_own_filings(
    client, helper, make_helper, worker_data, fill, django_capture_on_commit_callbacks
):
    client.force_login(helper)
    mine = _filed(client, worker_data, fill, django_capture_on_commit_callbacks)
    other = make_helper(unit="乾州街道劳动保障站", full_name="彭站长")
    client.force_login(other)
    theirs = _filed(client, worker_data, fill, django_capture_on_commit_callbacks, phone="13974309999")
    assert client.get(reverse("assisted:filing", args=[mine.pk])).status_code == 404
    home = client.get(reverse("assisted:home")).content.decode()
    assert theirs.case_number in home and mine.case_number not in home
    # nor another helper's draft
    consent_url = fill(client, worker_data(phone="13974308888"))
    client.force_login(helper)
    assert client.get(consent_url).status_code == 404


def test_after_30_days_a_filing_is_gone(helper_client, worker_data, fill, django_capture_on_commit_callbacks):
    filing = _filed(helper_client, worker_data, fill, django_capture_on_commit_callbacks)
    url = reverse("assisted:filing", args=[filing.pk])
    AssistedFiling.objects.update(filed_at=timezone.now() - timedelta(days=29))
    assert helper_client.get(url).status_code == 200
    AssistedFiling.objects.update(filed_at=timezone.now() - timedelta(days=31))
    assert helper_client.get(url).status_code == 404
    assert filing.case_number not in helper_client.get(reverse("assisted:home")).content.decode()


def test_no_personal_data_of_the_worker_in_logs(
    helper_client, worker_data, fill, caplog, django_capture_on_commit_callbacks
):
    data = worker_data()
    with caplog.at_level(logging.DEBUG):
        filing = _filed(
            helper_client, worker_data, fill, django_capture_on_commit_callbacks, id_number=data["id_number"]
        )
    logged = caplog.text
    assert logged  # the SMS backend logged its sends (masked)
    for value in (data["id_number"], WORKER_PHONE, "田秀兰", sent_code()):
        assert value not in logged
    entry = TransitionLog.objects.get(object_id=filing.object_id, transition="assisted_filing")
    for value in (data["id_number"], WORKER_PHONE, "田秀兰"):
        assert value not in str(entry.details) and value not in entry.transition_label


def test_a_helper_sees_no_staff_page_and_no_api(helper_client, helper, staff, register):
    case = register()
    assert helper_client.get("/")["Location"] == reverse("assisted:home")
    for url in (
        reverse("complaint-list"),
        reverse("complaint-detail", args=[case.pk]),
        "/admin/",
        "/deadlines/calculator/",
    ):
        assert helper_client.get(url).status_code == 403, url
    for url in (
        "/api/v1/complaints/",
        f"/api/v1/complaints/{case.pk}/",
        "/api/v1/deadlines/",
        "/api/v1/schema/",
        "/api/v1/persons/",  # views that name their own permissions keep the project's defaults
        f"/api/v1/persons/{case.complainant_id}/",
    ):
        response = helper_client.get(url)
        assert response.status_code == 404 and response.json()["message"], url
    reveal = helper_client.post(f"/api/v1/persons/{case.complainant_id}/reveal/")
    assert reveal.status_code == 404 and reveal.json()["message"] == "代办员账户不能使用工作人员接口"
    token = Token.objects.create(user=helper)
    response = helper_client.get("/api/v1/complaints/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 404
    post = helper_client.post(
        f"/api/v1/complaints/{case.pk}/transitions/accept/",
        {"expected_state": case.state},
        content_type="application/json",
    )
    assert (
        post.status_code == 404
        and not TransitionLog.objects.filter(object_id=case.pk, transition="accept").exists()
    )


def test_staff_do_not_use_the_helpers_pages(client, staff):
    client.force_login(staff["clerk"])
    assert client.get(reverse("assisted:home")).status_code == 403
    client.logout()
    assert client.get(reverse("assisted:home")).status_code == 302


def test_the_helper_role_is_declared_and_has_no_write(make_user):
    from casework.kernel.writes import write_matrix

    assert Role.HELPER.label == "代办员"
    assert not any(Role.HELPER.value in row.roles for row in write_matrix())


def test_the_demo_has_a_helper_of_the_city_trade_union(client):
    from casework.assisted.demo import seed_helpers
    from casework.demo import DEMO_PASSWORD, seed_users

    users = seed_users()
    seed_helpers(users)
    seed_helpers(users)  # idempotent
    helper = users["helper_union"]
    assert helper.helper.unit == "吉首市总工会" and helper.has_role(Role.HELPER) and not helper.is_staff
    response = client.post(
        reverse("login"), {"username": "helper_union", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("assisted:home")


def test_expired_drafts_and_their_photos_are_deleted(
    helper_client, worker_data, fill, django_capture_on_commit_callbacks
):
    from casework.assisted.services import purge_expired_drafts

    fill(helper_client, worker_data(), photos=[SimpleUploadedFile("工资条.png", PNG, "image/png")])
    photo = AssistedDraftPhoto.objects.get()
    path = photo.file.path
    AssistedDraft.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired_drafts() == 1
    assert not AssistedDraft.objects.exists() and not AssistedDraftPhoto.objects.exists()
    import os

    assert not os.path.exists(path)


def test_a_phone_typed_with_spaces_gets_the_code_and_the_confirmation_works(
    helper_client, worker_data, fill, django_capture_on_commit_callbacks
):
    consent_url = fill(helper_client, worker_data(phone="139 7430 5678"))
    assert "139****5678" in helper_client.get(consent_url).content.decode()
    response = confirm(helper_client, consent_url, sent_code(), django_capture_on_commit_callbacks)
    assert response.status_code == 302 and AssistedFiling.objects.count() == 1


def test_a_second_tap_on_confirm_files_once_and_goes_to_the_list(
    helper_client, worker_data, fill, django_capture_on_commit_callbacks
):
    consent_url = fill(helper_client, worker_data())
    code = sent_code()
    confirm(helper_client, consent_url, code, django_capture_on_commit_callbacks)
    again = confirm(helper_client, consent_url, code, django_capture_on_commit_callbacks)
    assert again.status_code == 302 and again["Location"] == reverse("assisted:home")
    assert Complaint.objects.count() == 1 and AssistedFiling.objects.count() == 1
