"""Generated documents mask personal data; a full-number copy is made only by a revealing role, with a
purpose, and is logged (casework.documents.masking)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from arbitration.case_file import CASE_FILE_SLUGS
from arbitration.documents import document_links
from casework.documents.masking import FULL_NUMBER_DOCUMENTS
from casework.models import UnmaskedView

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(response.content)).pages)


def _all_documents(case, kind):
    """Every document the case has now, and the bound volumes of its case file."""
    slugs = [d["slug"] for d in document_links(case)] + list(CASE_FILE_SLUGS.values())
    return [reverse(f"{kind}-document", args=[case.pk, slug]) for slug in slugs]


@pytest.mark.parametrize("kind", ["arbitration", "mediation"])
def test_every_document_masks_the_applicants_numbers(client, arb_staff, applicant, awarded, mediation, kind):
    case = awarded() if kind == "arbitration" else mediation()
    urls = _all_documents(case, kind)
    assert len(urls) >= (7 if kind == "arbitration" else 2)
    client.force_login(arb_staff["chair"] if kind == "arbitration" else arb_staff["mediator"])
    for url in urls:
        response = client.get(url)
        if response.status_code == 404:  # the 副卷 of a case with no internal forms yet
            continue
        text = pdf_text(response)
        assert applicant.id_number not in text and applicant.phone not in text, url
    application = pdf_text(client.get(reverse(f"{kind}-document", args=[case.pk, "application"])))
    assert applicant.id_number[:4] + "**********" + applicant.id_number[-4:] in application
    assert applicant.phone[:3] + "****" + applicant.phone[-4:] in application
    assert not UnmaskedView.objects.exists()


@pytest.mark.parametrize("kind", ["arbitration", "mediation"])
def test_a_full_copy_needs_a_purpose_and_is_logged(client, arb_staff, applicant, apply, mediation, kind):
    case = apply() if kind == "arbitration" else mediation()
    user = arb_staff["chair"] if kind == "arbitration" else arb_staff["mediator"]
    assert (kind, "application") in FULL_NUMBER_DOCUMENTS
    url = reverse(f"{kind}-document", args=[case.pk, "application"])
    client.force_login(user)
    form = client.get(url, {"full": "1"})
    assert form.status_code == 200 and 'name="purpose"' in form.content.decode()
    assert client.post(url + "?full=1", {"purpose": ""}).status_code == 400
    assert not UnmaskedView.objects.exists()
    text = pdf_text(client.post(url + "?full=1", {"purpose": "交申请人签字确认"}))
    assert applicant.id_number in text and applicant.phone in text
    row = UnmaskedView.objects.get()
    assert row.user == user and row.object_id == case.pk and row.field_name == "document:application"
    assert row.purpose == "交申请人签字确认" and row.path == url
    assert applicant.id_number not in pdf_text(client.get(url))  # the ordinary copy stays masked


@pytest.mark.parametrize("role", ["auditor", "director", "arb1"])
def test_auditors_directors_and_arbitrators_never_get_full_numbers(client, arb_staff, applicant, apply, role):
    case = apply()
    url = reverse("arbitration-document", args=[case.pk, "application"])
    client.force_login(arb_staff[role])
    assert client.get(url, {"full": "1"}).status_code == 403
    assert client.post(url + "?full=1", {"purpose": "想看看完整号码"}).status_code == 403
    assert not UnmaskedView.objects.exists()


def test_a_document_off_the_list_has_no_full_copy(client, arb_staff, awarded):
    case = awarded()
    client.force_login(arb_staff["chair"])
    url = reverse("arbitration-document", args=[case.pk, "acceptance"])
    assert client.post(url + "?full=1", {"purpose": "送达当事人"}).status_code == 404
    assert not UnmaskedView.objects.exists()


def test_no_full_copy_of_a_case_one_cannot_see(client, arb_staff, apply):
    case = apply()
    client.force_login(arb_staff["luxi_chair"])
    url = reverse("arbitration-document", args=[case.pk, "application"])
    assert client.post(url + "?full=1", {"purpose": "送达当事人"}).status_code == 404
    assert not UnmaskedView.objects.exists()
