"""The whole path of a document: issued on a complaint (its number assigned), served electronically (SMS with a
signed link, ID tail checked — wrong then right — first opening recorded, proof of service created by the
system), the deadline that runs from service started on the day served, the 送达回证 PDF."""

import re
import subprocess
from datetime import timedelta

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from casework.documents import electronic
from casework.documents.numerals import chinese_date
from casework.documents.services import issue_document, record_service_address
from casework.inspection.models import Complaint
from casework.models import Deadline, ElectronicService, Service, TransitionLog
from casework.services import deadlines
from tests.documents.conftest import RECIPIENT_ID, link_path

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The text of a PDF with line breaks of table cells undone."""
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return out.replace("\n", "")


def change(client, case, name, data):
    return client.post(
        reverse("case-change", args=["complaint", case.pk, "actions", name]), data, follow=True
    )


def test_issue_then_serve_electronically_end_to_end(
    client, ordered, staff, sms_outbox, django_capture_on_commit_callbacks
):
    case, inspector = ordered, staff["inspector1"]
    client.force_login(inspector)
    issued_day = timezone.localdate()

    # drafted: no number on the document yet
    draft = pdf_text(client.get(reverse("complaint-document", args=[case.pk, "rectification-order"])).content)
    assert "人社监令" not in draft

    # issued from the case page's 文书 card: the next number of the kind's series in 吉首, this year
    page = change(client, case, "issue_document", {"slug": "rectification-order"}).content.decode()
    assert "文书已签发" in page
    number = f"吉人社监令〔{issued_day.year}〕1号"
    assert number in page
    text = pdf_text(client.get(reverse("complaint-document", args=[case.pk, "rectification-order"])).content)
    assert number in text and "限期改正指令书" in text
    # text extraction may drop the space where a line wraps: compare without spaces
    assert "执法证号43310120260001" in text.replace(" ", "") and "执法证号—" not in text.replace(" ", "")
    assert chinese_date(issued_day) in text  # GB/T 9704: the date in Chinese numerals
    # the next document of the same kind takes the next number; a second issue of this one is refused
    again = change(client, case, "issue_document", {"slug": "rectification-order"}).content.decode()
    assert f"已签发，文号{number}" in again

    # the party's 送达地址确认书 consents to electronic service
    change(
        client,
        case,
        "record_service_address",
        {
            "recipient": "湘西测试建筑工程有限公司（法定代表人张建国）",
            "id_number": RECIPIENT_ID,
            "phone": "13907430000",
            "signed_on": issued_day.isoformat(),
            "electronic_consent": "1",
        },
    )
    complaint = Complaint.objects.get(pk=case.pk)
    document = complaint_document(complaint)
    address = document_address(complaint)
    with django_capture_on_commit_callbacks(execute=True):
        page = change(
            client, case, "send_e_service", {"document": document.pk, "address": address.pk}
        ).content.decode()
    assert "电子送达短信已发送" in page and "已发送电子送达，待受送达人查阅" in page
    assert [phone for phone, _ in sms_outbox] == ["13907430000"]
    message = sms_outbox[0][1]
    assert number in message and RECIPIENT_ID not in message
    e_service = ElectronicService.objects.get()
    assert e_service.sent_at is not None and e_service.first_opened_at is None

    # the order was made and sent three days ago; the party opens the link on a phone today
    Deadline.objects.filter(object_id=case.pk, rule="inspection.rectification").update(
        started_on=issued_day - timedelta(days=3)
    )
    served_day = timezone.localdate()
    public = client.__class__()
    url = link_path(message)
    form = public.get(url).content.decode()
    assert "身份证号码后6位" in form and "限期改正指令书" in form and "张建国" not in form
    wrong = public.post(url, {"id_suffix": "123456"})
    assert wrong.status_code == 400 and "不正确" in wrong.content.decode()
    assert not Service.objects.exists()
    right = public.post(url, {"id_suffix": RECIPIENT_ID[-6:].lower()})
    assert right.status_code == 200 and "文书已送达" in right.content.decode()
    e_service.refresh_from_db()
    assert e_service.failed_checks == 1 and e_service.first_opened_at is not None
    service = Service.objects.get()
    assert (service.method, service.served_on, service.electronic_id) == (
        "electronic",
        served_day,
        e_service.pk,
    )
    # the rectification period runs from the day of service (LIR Art 18), to the date the order names
    running = deadlines.running(complaint, "inspection.rectification")
    assert running.started_on == served_day and running.due_on == complaint.rectification_due
    log = TransitionLog.objects.filter(object_id=case.pk, transition="e_service_opened").get()
    assert log.actor_id is None and log.details["served_on"] == served_day.isoformat()

    # opening again changes nothing; the document itself downloads from the page
    public.post(url, {"id_suffix": RECIPIENT_ID[-6:]})
    assert Service.objects.count() == 1
    pdf_link = reverse("green:e-service-pdf", args=[electronic.opened_token(e_service)])
    assert number in pdf_text(public.get(pdf_link).content)

    # the 送达回证 is issued by the system from the e-service record
    receipt = client.get(reverse("service-receipt", args=["complaint", case.pk, document.pk]))
    text = "".join(pdf_text(receipt.content).split())
    assert "送达回证" in text and number in text and "电子送达" in text
    assert "首次打开" in text and "系统根据电子送达记录自动生成" in text
    assert "湘西测试建筑工程有限公司" in text
    page = client.get(reverse("complaint-detail", args=[case.pk])).content.decode()
    assert f"电子送达 {served_day:%Y-%m-%d}" in page


def complaint_document(case):
    from casework.documents.services import issued_documents

    return issued_documents(case)["rectification-order"]


def document_address(case):
    from casework.documents.services import service_addresses

    return service_addresses(case).get()


def test_numbers_are_gapless_per_kind_jurisdiction_and_year(ordered, investigating, staff):
    first = issue_document(Complaint, ordered.pk, actor=staff["inspector1"], slug="rectification-order")
    other = investigating()
    from casework.inspection import services as svc

    svc.complaint_order_rectification(
        actor=staff["inspector1"],
        complaint_id=other.pk,
        due_on=timezone.localdate() + timedelta(days=5),
        items="支付工资",
    )
    second = issue_document(Complaint, other.pk, actor=staff["inspector1"], slug="rectification-order")
    acceptance = issue_document(Complaint, other.pk, actor=staff["inspector1"], slug="acceptance")
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"吉人社监令〔{year}〕1号", f"吉人社监令〔{year}〕2号")
    assert acceptance.number == f"吉人社监受〔{year}〕1号"  # its own series


@override_settings(
    DOCUMENT_NUMBER_FORMATS={"complaint.acceptance": "{prefix}人社监察受字〔{year}〕第{seq:03d}号"}
)
def test_the_number_format_is_configurable(ordered, staff):
    issued = issue_document(Complaint, ordered.pk, actor=staff["inspector1"], slug="acceptance")
    assert issued.number == f"吉人社监察受字〔{timezone.localdate().year}〕第001号"


def test_issuing_is_refused_while_an_undertaker_has_no_certificate_number(ordered, staff):
    from casework.services.transitions import PreconditionFailed

    staff["inspector2"].certificate_no = ""
    staff["inspector2"].save()
    with pytest.raises(PreconditionFailed, match="未登记执法证号"):
        issue_document(Complaint, ordered.pk, actor=staff["inspector1"], slug="rectification-order")
    # a notice to the complainant is not an enforcement document
    issue_document(Complaint, ordered.pk, actor=staff["inspector1"], slug="acceptance")


def test_electronic_service_needs_consent_and_a_valid_link(client, ordered, staff, sms_outbox):
    issued = issue_document(Complaint, ordered.pk, actor=staff["inspector1"], slug="rectification-order")
    address = record_service_address(
        Complaint,
        ordered.pk,
        actor=staff["inspector1"],
        recipient="张建国",
        id_number=RECIPIENT_ID,
        phone="13907430000",
        signed_on=timezone.localdate(),
        electronic_consent=False,
    )
    client.force_login(staff["inspector1"])
    page = change(client, ordered, "send_e_service", {"document": issued.pk, "address": address.pk})
    assert "未同意电子送达" in page.content.decode() and not sms_outbox
    # a forged, altered or expired link shows the expired page, nothing else
    forged = signing.dumps({"e": 1}, salt="other")
    assert client.get(reverse("green:e-service", args=[forged])).status_code == 404


def test_the_id_check_is_rate_limited(client, ordered, staff, sms_outbox, django_capture_on_commit_callbacks):
    issued = issue_document(Complaint, ordered.pk, actor=staff["inspector1"], slug="rectification-order")
    address = record_service_address(
        Complaint,
        ordered.pk,
        actor=staff["inspector1"],
        recipient="张建国",
        id_number=RECIPIENT_ID,
        phone="13907430000",
        signed_on=timezone.localdate(),
        electronic_consent=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        electronic.send_electronic_service(
            Complaint, ordered.pk, actor=staff["inspector1"], document=issued.pk, address=address.pk
        )
    url = link_path(sms_outbox[0][1])
    statuses = [client.post(url, {"id_suffix": "000000"}).status_code for _ in range(6)]
    assert statuses == [400] * 5 + [429]
    # refused even with the right tail until the window ends; nothing recorded as served
    assert client.post(url, {"id_suffix": RECIPIENT_ID[-6:]}).status_code == 429
    assert not Service.objects.exists()


def test_paper_service_with_proof_starts_the_deadline_on_the_day_served(client, ordered, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    issued = issue_document(Complaint, ordered.pk, actor=staff["inspector1"], slug="rectification-order")
    client.force_login(staff["inspector1"])
    today = timezone.localdate()
    page = change(
        client,
        ordered,
        "record_service",
        {
            "document": issued.pk,
            "method": "left",
            "served_on": today.isoformat(),
            "recipient": "湘西测试建筑工程有限公司",
            "place": "吉首市乾州街道",
            "note": "拒绝签收，见证人王某在场",
            "proof": SimpleUploadedFile("回证.pdf", b"%PDF-1.4 signed", "application/pdf"),
        },
    ).content.decode()
    assert "送达已登记" in page and f"留置送达 {today:%Y-%m-%d}" in page
    service = Service.objects.get()
    assert service.proof_sha256 and service.proof_name == "回证.pdf"
    proof = client.get(reverse("service-proof", args=["complaint", ordered.pk, service.pk]))
    assert b"".join(proof.streaming_content) == b"%PDF-1.4 signed"
    assert (
        deadlines.running(Complaint.objects.get(pk=ordered.pk), "inspection.rectification").started_on
        == today
    )
    text = pdf_text(client.get(reverse("service-receipt", args=["complaint", ordered.pk, issued.pk])).content)
    assert "留置送达" in text and "拒绝签收" in text and "—" not in re.sub(r"—\d+—", "", text)


def test_dates_in_chinese_numerals():
    from datetime import date

    assert chinese_date(date(2026, 12, 4)) == "二〇二六年十二月四日"
    assert chinese_date(date(2030, 10, 20)) == "二〇三〇年十月二十日"
    assert chinese_date(date(2025, 1, 31)) == "二〇二五年一月三十一日"
