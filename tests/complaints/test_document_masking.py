"""The complaint's documents mask the complainant's numbers; the registration form's full copy is logged."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casework.inspection.documents import documents_for
from casework.models import UnmaskedView

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(response.content)).pages)


def test_every_complaint_document_masks_the_complainant(client, staff, investigating, worker):
    case = investigating()
    docs = documents_for(case)
    slugs = {d["slug"] for d in docs}
    assert {"registration", "acceptance", "filing-approval", "case-file"} <= slugs
    assert any(s.startswith("record-") for s in slugs)  # the investigation's interview record
    for role in ("inspector1", "director", "auditor"):
        client.force_login(staff[role])
        for doc in docs:
            text = pdf_text(client.get(doc["url"]))
            assert worker.id_number not in text and worker.phone not in text, (role, doc["slug"])
    assert not UnmaskedView.objects.exists()


def test_the_full_registration_form_is_logged_and_refused_to_auditors_and_directors(
    client, staff, register, worker
):
    case = register()
    url = reverse("complaint-document", args=[case.pk, "registration"])
    for role in ("auditor", "director"):
        client.force_login(staff[role])
        assert client.post(url + "?full=1", {"purpose": "核对身份信息"}).status_code == 403
    client.force_login(staff["clerk"])
    text = pdf_text(client.post(url + "?full=1", {"purpose": "交投诉人签字确认"}))
    assert worker.id_number in text and worker.phone in text
    row = UnmaskedView.objects.get()
    assert (row.user, row.object_id, row.field_name) == (staff["clerk"], case.pk, "document:registration")
    assert row.purpose == "交投诉人签字确认" and row.viewed_at is not None


def test_the_case_page_offers_the_full_copy_only_to_those_who_may_make_it(client, staff, register):
    case = register()
    page = reverse("complaint-detail", args=[case.pk])
    full = reverse("complaint-document", args=[case.pk, "registration"]) + "?full=1"
    for role, offered in (("clerk", True), ("inspector1", True), ("director", False), ("auditor", False)):
        client.force_login(staff[role])
        html = client.get(page).content.decode()
        assert ('data-testid="full-copy-registration"' in html) is offered, role
        assert (full in html) is offered, role
        assert "full-copy-acceptance" not in html  # only the forms the party signs have a full copy
    client.force_login(staff["clerk"])
    form = client.get(full)
    assert form.status_code == 200 and "用途" in form.content.decode()
