"""Electronic service on a phone: the party opens the SMS link, gives a wrong then the right ID tail, reads the
document; the first opening is recorded as the service."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from casework.documents.electronic import send_electronic_service
from casework.documents.services import issue_document, record_service_address
from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.models import Service
from casework.sms import LoggingSMSBackend
from tests.documents.conftest import RECIPIENT_ID, link_path

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"e-service-browser-{uuid.uuid4().hex}",
        }
    }
    LoggingSMSBackend.sent.clear()


def test_party_opens_the_e_service_link_on_a_phone(phone_page, investigating, staff, tmp_path):
    case = investigating()
    inspector = staff["inspector1"]
    svc.complaint_order_rectification(
        actor=inspector,
        complaint_id=case.pk,
        due_on=timezone.localdate() + timedelta(days=10),
        items="支付拖欠的工资15600元",
    )
    issued = issue_document(Complaint, case.pk, actor=inspector, slug="rectification-order")
    address = record_service_address(
        Complaint,
        case.pk,
        actor=inspector,
        recipient="张建国",
        id_number=RECIPIENT_ID,
        phone="13907430000",
        signed_on=timezone.localdate(),
        electronic_consent=True,
    )
    send_electronic_service(Complaint, case.pk, actor=inspector, document=issued.pk, address=address.pk)
    # transaction=True: on_commit ran (the complainant got progress messages too)
    (message,) = [text for phone, text in LoggingSMSBackend.sent if phone == "13907430000"]

    page = phone_page
    page.goto(page.base + link_path(message))
    assert page.get_by_test_id("e-service-document").inner_text().count(issued.number) == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    assert "张建国" not in page.content() and "13907430000" not in page.content()

    page.fill("#id_suffix", "123456")
    page.get_by_test_id("e-service-submit").click()
    assert "不正确" in page.get_by_test_id("wrong-id").inner_text()
    assert not Service.objects.exists()

    page.fill("#id_suffix", RECIPIENT_ID[-6:].lower())
    page.get_by_test_id("e-service-submit").click()
    opened = page.get_by_test_id("e-service-opened").inner_text()
    assert issued.number in opened and "送达日期" in opened
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(tmp_path / "e-service.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_test_id("e-service-pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")

    service = Service.objects.get()
    assert service.method == "electronic" and service.served_on == timezone.localdate()
    assert service.electronic.first_opened_at is not None
