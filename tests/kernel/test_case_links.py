"""Links between cases of any types (the kernel's common ``link_case`` action): shown on both cases' pages,
noted in both logs; police and court links carry their reference; evidence shared by reference only with the
worker's consent."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from arbitration.services.arbitration import arbitration_apply
from casework.models import CaseLink, TransitionLog
from casework.roles import Role
from casework.services.evidence import attach_evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def link(user, case, body):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(f"/api/v1/complaints/{case.pk}/actions/link_case/", body, format="json")


@pytest.fixture
def arbitration(make_user, jishou, employer, worker):
    chair = make_user(Role.ARBITRATION_CHAIR, jishou)
    return arbitration_apply(
        actor=chair,
        jurisdiction=jishou,
        applicants=[worker],
        respondent=employer,
        claims=[{"claim_type": "wages", "description": "工资", "amount": "15600.00"}],
        facts="被拖欠工资",
        received_on=date(2026, 11, 2),
    )


def test_a_complaint_linked_to_an_arbitration_case_shows_on_both_pages(client, staff, register, arbitration):
    complaint = register()
    evidence = attach_evidence(
        case=complaint,
        uploaded_file=SimpleUploadedFile("工资单.pdf", PDF, "application/pdf"),
        category="wage_record",
        actor=staff["clerk"],
    )
    refused = link(
        staff["inspector1"],
        complaint,
        {"kind": "arbitration", "case_number": arbitration.number, "evidence": [evidence.pk]},
    )
    assert refused.status_code == 400 and "consent" in refused.json()["fields"]

    done = link(
        staff["inspector1"],
        complaint,
        {
            "kind": "arbitration",
            "case_number": arbitration.number,
            "evidence": [evidence.pk],
            "consent": True,
            "consent_note": "劳动者书面同意",
        },
    )

    assert done.status_code == 200, done.content
    stored = CaseLink.objects.get()
    assert stored.to_number == arbitration.number and list(stored.evidence.all()) == [evidence]
    assert TransitionLog.objects.filter(case_number=arbitration.number, transition="linked").exists()
    assert TransitionLog.objects.filter(case_number=complaint.number, transition="link_case").exists()
    client.force_login(staff["inspector1"])
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "转仲裁" in page and arbitration.number in page and "工资单.pdf" in page
    client.force_login(_chair(arbitration))
    other = client.get(arbitration.get_absolute_url()).content.decode()
    assert complaint.number in other and "转仲裁" in other


def _chair(case):
    from casework.models import User

    return User.objects.get(groups__name=Role.ARBITRATION_CHAIR.label)


def test_police_and_court_links_need_their_reference(staff, register):
    complaint = register()
    assert link(staff["inspector1"], complaint, {"kind": "police"}).status_code == 400
    done = link(
        staff["inspector1"], complaint, {"kind": "police", "reference": "吉公（刑）受案字〔2026〕88号"}
    )
    assert done.status_code == 200 and CaseLink.objects.get().reference.startswith("吉公")


def test_another_cases_evidence_cannot_be_shared(staff, register):
    one, two = register(), register()
    foreign = attach_evidence(
        case=two,
        uploaded_file=SimpleUploadedFile("照片.pdf", PDF, "application/pdf"),
        category="photo",
        actor=staff["clerk"],
    )
    response = link(
        staff["inspector1"],
        one,
        {"kind": "same_dispute", "case_number": two.number, "evidence": [foreign.pk], "consent": True},
    )
    assert response.status_code == 400 and "evidence" in response.json()["fields"]
    assert not CaseLink.objects.exists()
