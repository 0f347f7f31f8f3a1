"""The complaint's case file (cover, index, course of the case) reads the case in a fixed number of queries."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.services.evidence import attach_evidence
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _case_file(client, case) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("complaint-document", args=[case.pk, "case-file"]))
    assert response.status_code == 200
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
    return len(ctx.captured_queries), text.stdout.decode()


def test_case_file_queries_do_not_grow_with_evidence_co_complainants_or_log(client, staff, investigating):
    case = investigating()
    client.force_login(staff["head"])
    small_queries, small_text = _case_file(client, case)
    for n in range(3):
        attach_evidence(
            case=Complaint.objects.get(pk=case.pk),
            uploaded_file=SimpleUploadedFile(f"询问笔录{n}.pdf", b"%PDF-1.4\n", "application/pdf"),
            category="inquiry",
            actor=staff["inspector1"],
        )
        svc.complaint_attach(
            actor=staff["inspector1"],
            complaint_id=case.pk,
            complainant=PersonFactory(),
            employer=case.employer,
            facts="同一工地欠薪",
        )
    svc.complaint_extend_investigation(actor=staff["head"], complaint_id=case.pk, reason="涉及人数多")

    big_queries, big_text = _case_file(client, case)
    assert "询问笔录2.pdf" in big_text and "并入新投诉" in big_text and "询问笔录0.pdf" not in small_text
    assert big_queries == small_queries
