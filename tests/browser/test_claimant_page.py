"""The claimant page on a phone (issue 23 item 1): a worker looks their wage-arrears case up, confirms a payment
("已收到"), uploads a photo and writes to the unit; then an inspector sees all three on the case page. axe-core
over the claimant page and its screens: no serious or critical violation, and they fit 320 px at 200 % text."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from arrears.models import Payment
from arrears.services import cases as svc
from arrears.services import ledger
from casework.models import ClaimantMessage, Evidence
from casework.sms import LoggingSMSBackend
from tests.browser.test_accessibility import _context_page, axe_violations, layout_problems
from tests.factories import EmployerFactory, make_id_number

pytestmark = pytest.mark.django_db(transaction=True)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _own_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"claimant-browser-{uuid.uuid4().hex}",
        }
    }
    LoggingSMSBackend.sent.clear()


@pytest.fixture
def worker_phone(browser, live_server):
    """A phone-sized browser (CSP bypassed in this context only, for the injected axe script)."""
    context, page = _context_page(
        browser,
        live_server,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    yield page
    context.close()


def arrears_case_with_a_payment(staff, jishou):
    case = svc.arrears_case_open(
        actor=staff["clerk"],
        jurisdiction=jishou,
        employer=EmployerFactory(jurisdiction=jishou, name="吉首市某劳务有限公司"),
        facts="安置房工地农民工工资未发",
        opened_on=timezone.localdate() - timedelta(days=5),
    )
    svc.arrears_assign(
        actor=staff["head"], case_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
    )
    id_number = make_id_number(area="433127")
    line = ledger.worker_add(
        actor=staff["inspector1"],
        case_id=case.pk,
        name="田秀兰",
        id_number=id_number,
        months_unpaid=3,
        amount_owed="9000.00",
        phone="13974301234",
        is_migrant_worker=True,
    )
    ledger.payment_record(
        actor=staff["inspector1"],
        case_id=case.pk,
        line_id=line.pk,
        amount="3000.00",
        paid_on=timezone.localdate() - timedelta(days=1),
        payer_kind="employer",
    )
    return case, id_number


@pytest.fixture
def office(browser, live_server):
    """A staff member's browser (CSP bypassed in this context only, for axe)."""
    context, page = _context_page(browser, live_server)
    yield page
    context.close()


def test_worker_confirms_uploads_and_writes_then_staff_see_it(worker_phone, office, staff, jishou, tmp_path):
    case, id_number = arrears_case_with_a_payment(staff, jishou)
    phone = worker_phone
    problems: list[str] = []

    def audit():
        problems.extend(axe_violations(phone))
        problems.extend(layout_problems(phone))

    # look the case up, then open its claimant page from the progress page
    phone.goto(phone.base + "/green/lookup/")
    phone.fill("#id_case_number", case.number)
    phone.fill("#id_id_suffix", id_number[-6:])
    phone.get_by_test_id("lookup-submit").click()
    phone.get_by_test_id("go-claimant").click()
    assert phone.locator("[data-testid=step-bar] li[aria-current=step]").inner_text().startswith("追回工资")
    assert id_number not in phone.content()
    audit()

    # 已收到
    phone.get_by_test_id("received").click()
    assert phone.get_by_test_id("payment-confirmed").is_visible()
    audit()

    # a photo: first a wrong file (a clear message, nothing saved), then the photo
    phone.get_by_test_id("go-evidence").click()
    audit()
    bad = tmp_path / "名单.txt"
    bad.write_text("不是照片")
    phone.set_input_files("#id_file", str(bad))
    phone.get_by_test_id("submit").click()
    assert "请上传照片（JPG、PNG）或 PDF" in phone.get_by_test_id("form-errors").inner_text()
    assert phone.evaluate("document.activeElement.dataset.testid") == "form-errors"
    audit()
    phone.set_input_files("#id_file", files=[{"name": "工资条.png", "mimeType": "image/png", "buffer": PNG}])
    phone.get_by_test_id("submit").click()
    assert "等待办案人员查看" in phone.get_by_test_id("my-evidence").inner_text()

    # a message to the unit
    phone.get_by_test_id("go-message").click()
    audit()
    phone.fill("#id_text", "钱收到一部分了，剩下的什么时候能拿到？")
    phone.get_by_test_id("submit").click()
    assert "等待答复" in phone.get_by_test_id("my-messages").inner_text()
    phone.get_by_test_id("go-withdraw").click()
    audit()
    assert not problems, "accessibility problems:\n" + "\n".join(problems)

    assert Payment.objects.get().confirmed_through == "green_channel"
    assert (
        Evidence.objects.filter(party_supplement=True).count() == 1 and ClaimantMessage.objects.count() == 1
    )

    # the inspector sees all three on the case page
    page = office
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", staff["inspector1"].username)
    page.fill("#id_password", "Xiangxi#2026")
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + case.get_absolute_url())
    assert "工人网上确认" in page.get_by_test_id("payment-confirmed").inner_text()
    assert page.get_by_test_id("party-supplement-tag").is_visible()
    assert "钱收到一部分了" in page.get_by_test_id("claimant-inbox").inner_text()
    # and answers: the reply goes to the worker by SMS
    page.fill("[data-action=reply_claimant_message] textarea[name=reply]", "剩余工资已责令月底前支付。")
    page.locator("[data-action=reply_claimant_message] button").click()
    assert "剩余工资已责令月底前支付" in page.get_by_test_id("claimant-inbox").inner_text()
    page.locator("[data-action=review_party_evidence] button").click()
    assert "已审阅" in page.get_by_test_id("evidence").inner_text()
    assert any("剩余工资已责令月底前支付" in text for _phone, text in LoggingSMSBackend.sent)
    assert "13974301234" not in phone.content()
    staff_problems = axe_violations(page)
    assert not staff_problems, "accessibility problems on the case page:\n" + "\n".join(staff_problems)
