"""The green channel on a phone: complain, read the receipt, look the case up, see staff act on it."""

import subprocess
import uuid

import pytest

from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.sms import LoggingSMSBackend
from tests.factories import EmployerFactory, make_id_number

pytestmark = pytest.mark.django_db(transaction=True)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Rate-limit counters start at zero (the live server runs in this process)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"green-browser-{uuid.uuid4().hex}",
        }
    }
    LoggingSMSBackend.sent.clear()


@pytest.fixture(autouse=True)
def _eager_celery(monkeypatch):
    """The one-time code is made and sent by a Celery task queued after commit: run it in-process. (Eager
    ``delay`` still borrows a producer from the app's broker pool, which another test may have closed.)"""
    from casework.tasks import send_lookup_code

    monkeypatch.setattr(send_lookup_code, "delay", lambda *args: send_lookup_code.run(*args))


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def tall_enough(locator, minimum=44) -> bool:
    return all(locator.nth(i).bounding_box()["height"] >= minimum for i in range(locator.count()))


def fill_complaint(page, id_number):
    page.fill("#id_name", "田秀兰")
    page.fill("#id_id_number", id_number)
    page.fill("#id_phone", "13974301234")
    page.fill("#id_employer_name", "吉首市某劳务有限公司")
    page.select_option("#id_county", label="吉首市")
    page.fill("#id_workplace", "吉首市乾州街道安置房工地")
    page.fill("#id_arrears_months", "3")
    page.fill("#id_arrears_amount", "18000")
    page.fill("#id_coworkers_count", "2")


def test_complain_read_receipt_look_up_and_see_staff_act(phone_page, staff, jishou, tmp_path):
    page = phone_page
    id_number = make_id_number(area="433127")
    page.goto(page.base + "/green/")
    assert fits_the_screen(page) and tall_enough(page.locator(".g-button"), 48)
    page.get_by_test_id("go-complaint").click()
    assert fits_the_screen(page)
    fill_complaint(page, id_number)
    page.fill("#id_start_month", "2026-07")
    page.set_input_files("#id_photos", files=[{"name": "工资条.png", "mimeType": "image/png", "buffer": PNG}])
    assert tall_enough(page.locator(".g-field input:not([type=file]), .g-field select"))
    page.get_by_test_id("submit").click()

    assert page.get_by_test_id("receipt-title").inner_text() == "您的投诉已登记"
    number = page.get_by_test_id("case-number").inner_text()
    case = Complaint.objects.get()
    assert number == case.number and case.green_channel and case.jurisdiction == jishou
    receipt_text = page.get_by_test_id("receipt").inner_text()
    assert "吉首市" in receipt_text and "0743-12333" in receipt_text and id_number not in page.content()
    with page.expect_download() as download:
        page.get_by_test_id("receipt-pdf").click()
    path = tmp_path / "receipt.pdf"
    download.value.save_as(path)
    pdf = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert number in pdf and "身份证号码后6位" in pdf

    page.click("text=查询办理进度")
    page.fill("#id_case_number", number.replace("〔", "(").replace("〕", ")"))
    page.fill("#id_id_suffix", id_number[-6:].lower())
    page.get_by_test_id("lookup-submit").click()
    assert "已收到您的投诉，正在审查" in page.get_by_test_id("stage").inner_text()
    assert "收到投诉" in page.get_by_test_id("timeline").inner_text()
    assert fits_the_screen(page)

    # Staff identify the employer and accept the complaint; the worker refreshes.
    svc.complaint_identify_employer(
        actor=staff["inspector1"], complaint_id=case.pk, employer=EmployerFactory(jurisdiction=jishou)
    )
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    page.reload()
    assert page.get_by_test_id("stage").inner_text() == "您的投诉已受理"
    assert "投诉已受理" in page.get_by_test_id("timeline").inner_text()
    assert page.get_by_test_id("unit-phone").inner_text() == "0743-12333"

    page.get_by_test_id("leave").click()
    assert "已退出查询" in page.content()
    page.goto(page.base + "/green/progress/")
    assert page.url.endswith("/green/lookup/")


@pytest.fixture
def no_js_phone(browser, live_server):
    context = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 320, "height": 640},
        is_mobile=True,
        java_script_enabled=False,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base = live_server.url
    yield page
    context.close()


def test_everything_works_without_javascript_and_mistakes_keep_the_input(no_js_phone, jishou):
    page = no_js_phone
    page.goto(page.base + "/green/complaint/")
    id_number = make_id_number(area="433127")
    fill_complaint(page, id_number[:-1] + ("0" if id_number[-1] != "0" else "1"))  # a mistyped ID
    page.get_by_test_id("submit").click()
    assert "身份证号码不对：校验位错误" in page.content()
    assert page.input_value("#id_workplace") == "吉首市乾州街道安置房工地"  # kept
    page.fill("#id_id_number", id_number)
    page.get_by_test_id("submit").click()
    number = page.get_by_test_id("case-number").inner_text()

    page.goto(page.base + "/green/lookup/")
    page.fill("#id_case_number", number)
    page.fill("#id_id_suffix", "000000" if id_number[-6:] != "000000" else "111111")
    page.get_by_test_id("lookup-submit").click()
    assert "没有查到" in page.get_by_test_id("not-found").inner_text()
    page.fill("#id_id_suffix", id_number[-6:])
    page.get_by_test_id("lookup-submit").click()
    assert "已收到您的投诉" in page.get_by_test_id("stage").inner_text()

    # and by phone + SMS code
    page.get_by_test_id("leave").click()
    page.goto(page.base + "/green/lookup/phone/")
    page.fill("#id_phone", "13974301234")
    page.get_by_test_id("send-code").click()
    assert "139****1234" in page.get_by_test_id("code-sent").inner_text()
    code = LoggingSMSBackend.sent[-1][1].split("验证码是")[1][:6]
    page.fill("#id_code", code)
    page.get_by_test_id("verify-code").click()
    assert number in page.get_by_test_id("progress").inner_text()
