"""Assisted filing (代为提交) on a phone: a helper signs in, fills the complaint form for a worker, the worker reads
the code from their SMS and the helper types it — the case is filed, recorded as 代为提交 and the worker gets the
receipt SMS. Every page of the helper's passes axe (no serious or critical violation) and fits 320 px."""

import re
import uuid

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from casework.assisted.models import AssistedFiling, Helper, HelperKind
from casework.demo import DEMO_PASSWORD
from casework.inspection.models import Complaint
from casework.models import Jurisdiction, User
from casework.roles import Role
from casework.sms import LoggingSMSBackend
from tests.browser.test_accessibility import Audit, _context_page
from tests.browser.test_green_channel import fill_complaint
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db(transaction=True)

WORKER_PHONE = "13974301234"  # the phone fill_complaint types
CODE_RE = re.compile(r"验证码(\d{6})")


@pytest.fixture(autouse=True)
def _own_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"assisted-browser-{uuid.uuid4().hex}",
        }
    }
    LoggingSMSBackend.sent.clear()


@pytest.fixture
def phone(browser, live_server):
    context, page = _context_page(
        browser, live_server, viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    )
    yield page
    context.close()


def make_account(username, role, full_name, jurisdiction):
    user = User.objects.create_user(username=username, password=DEMO_PASSWORD, full_name=full_name)
    user.groups.add(Group.objects.get(name=role.label))
    user.jurisdictions.add(jurisdiction)
    return user


def the_code() -> str:
    texts = [text for to, text in LoggingSMSBackend.sent if to == WORKER_PHONE and CODE_RE.search(text)]
    assert texts, list(LoggingSMSBackend.sent)
    return CODE_RE.search(texts[-1]).group(1)


def test_a_helper_files_for_a_worker_and_the_workers_code_confirms_it(phone):
    jishou = Jurisdiction.objects.get(code="433101")
    helper = make_account("helper_union", Role.HELPER, "向工会", jishou)
    Helper.objects.create(user=helper, kind=HelperKind.TRADE_UNION, unit="吉首市总工会", jurisdiction=jishou)
    inspector = make_account("inspector_t", Role.INSPECTOR, "田监察", jishou)
    page, audit = phone, Audit(phone, layout=True)
    id_number = make_id_number(area="433127")

    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", "helper_union")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/assisted/")  # a helper lands on their own page, not the staff one
    assert "吉首市总工会" in page.get_by_test_id("helper-unit").inner_text()
    audit.check()

    page.get_by_test_id("file-complaint").click()
    audit.check()
    page.get_by_test_id("submit").click()  # empty: the error summary takes the focus
    page.get_by_test_id("form-errors").wait_for()
    assert page.evaluate("document.activeElement.dataset.testid") == "form-errors"
    audit.check()
    fill_complaint(page, id_number)
    page.get_by_test_id("submit").click()

    page.get_by_test_id("code-form").wait_for()
    assert "139****1234" in page.content() and Complaint.objects.count() == 0
    audit.check()
    code = the_code()
    page.fill("#id_code", f"{(int(code) + 1) % 10**6:06d}")  # misheard
    page.get_by_test_id("confirm").click()
    assert "验证码不对或已过期" in page.get_by_test_id("consent-error").inner_text()
    assert Complaint.objects.count() == 0
    audit.check()
    page.fill("#id_code", code)
    page.get_by_test_id("confirm").click()

    number = page.get_by_test_id("case-number").inner_text()
    assert page.get_by_test_id("consent").inner_text() == "工人手机短信验证码"
    audit.check()
    case = Complaint.objects.get()
    assert case.number == number and case.green_channel
    assert AssistedFiling.objects.get().helper_unit == "吉首市总工会"
    assert any(to == WORKER_PHONE and number in text for to, text in LoggingSMSBackend.sent)  # the receipt
    page.get_by_role("link", name="返回我代为提交的案件").click()
    assert number in page.get_by_test_id("filings").inner_text()
    audit.check()

    # the helper sees no staff page
    response = page.goto(page.base + f"/complaints/{case.pk}/")
    assert response.status == 403

    # staff see who filed it on the case page
    staff = Client()
    staff.force_login(inspector)
    html = staff.get(f"/complaints/{case.pk}/").content.decode()
    assert "代为提交：向工会（吉首市总工会）" in html
    audit.assert_clean()


def test_a_worker_without_a_phone_consents_with_a_signed_form_page_passes_axe(phone):
    jishou = Jurisdiction.objects.get(code="433101")
    helper = make_account("helper_station", Role.HELPER, "彭站长", jishou)
    Helper.objects.create(user=helper, kind=HelperKind.LABOUR_STATION, unit="乾州街道劳动保障站")
    page, audit = phone, Audit(phone, layout=True)
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", "helper_station")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/assisted/")
    page.get_by_test_id("file-complaint").click()
    fill_complaint(page, make_id_number(area="433127"))
    page.fill("#id_phone", "")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("signed-form").wait_for()
    audit.check()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    page.set_input_files(
        "#id_consent_file", files=[{"name": "同意书.png", "mimeType": "image/png", "buffer": png}]
    )
    page.get_by_test_id("confirm").click()
    assert page.get_by_test_id("consent").inner_text() == "工人签字的同意书（照片）"
    assert Complaint.objects.count() == 1 and not LoggingSMSBackend.sent
    audit.assert_clean()
