"""Who may write: the read-only auditor and the director see every case and change none — but the director's
督办 (mark a case supervised, lift it: casework.supervision) — 403 for every transition, every action and every
registration, through the API and the pages, before the input or the state is looked at; an arbitrator gets 404
for any case whose tribunal they do not sit on."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from arbitration.models import ArbitrationCase, MediationCase
from casework.kernel.registry import case_type
from casework.models import Evidence, TransitionLog
from tests.arbitration.conftest import D
from tests.arbitration.test_pages import form_data

pytestmark = pytest.mark.django_db

READERS = ["auditor", "director"]
DIRECTOR_WRITES = {"supervise", "lift_supervision"}  # 督办: the director's one write on a case


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def changes(code: str, reader: str = "") -> list[tuple[str, str]]:
    """Every transition and every action (the kernel's common ones included) of a registered case type — but
    the director's 督办 when ``reader`` is the director."""
    registered = case_type(code)
    names = [("transitions", name) for name in registered.transitions.services]
    skip = DIRECTOR_WRITES if reader == "director" else set()
    return names + [
        ("actions", a.name) for a in registered.all_actions() if a.service is not None and a.name not in skip
    ]


def writes(case) -> tuple:
    model = type(case)
    return (
        model.objects.filter(pk=case.pk).values().get(),
        TransitionLog.objects.count(),
        Evidence.objects.count(),
    )


@pytest.fixture
def cases(formed, mediation, arb_staff):
    m = mediation()
    return {"arbitration": formed(), "mediation": m}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("code,slug", [("arbitration", "arbitrations"), ("mediation", "mediations")])
def test_readers_get_403_for_every_change_through_the_api(reader, code, slug, cases, arb_staff):
    case = cases[code]
    client = api(arb_staff[reader])
    assert client.get(f"/api/v1/{slug}/{case.pk}/").status_code == 200  # they do see it
    before = writes(case)
    for kind, name in changes(code, reader):
        # a body that would be valid input: the refusal must not depend on it
        response = client.post(
            f"/api/v1/{slug}/{case.pk}/{kind}/{name}/",
            {"reason": "x", "on": "2026-01-20", "reason_code": "joinder", "claim_type": "other"},
            format="json",
        )
        assert response.status_code == 403, (kind, name, response.content)
        assert response.json()["code"] == "forbidden"
        # bad input: still 403, never 400
        response = client.post(
            f"/api/v1/{slug}/{case.pk}/{kind}/{name}/", {"on": "not a date"}, format="json"
        )
        assert response.status_code == 403, (kind, name)
    assert writes(case) == before


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("code", ["arbitration", "mediation"])
def test_readers_are_refused_every_change_from_the_pages(reader, code, cases, arb_staff, client):
    case = cases[code]
    client.force_login(arb_staff[reader])
    html = client.get(case.get_absolute_url()).content.decode()
    offered = set(re.findall(r'data-action="(\w+)"', html))
    assert "data-transition=" not in html and offered <= (DIRECTOR_WRITES if reader == "director" else set())
    before = writes(case)
    for kind, name in changes(code, reader):
        url = reverse("case-change", args=[code, case.pk, kind, name])
        response = client.post(url, {"reason": "x", "reason_code": "joinder", "claim_type": "other"})
        assert response.status_code in (302, 403), (kind, name)
        if response.status_code == 302:  # back to the case page, saying why
            page = client.get(response["Location"]).content.decode()
            assert "无权" in page, (kind, name)
    assert writes(case) == before


@pytest.mark.parametrize("reader", READERS)
def test_readers_cannot_register_applications(reader, arb_staff, applicant, respondent, jishou, client):
    body = {
        "jurisdiction": "433101",
        "applicants": [applicant.pk],
        "respondent": respondent.pk,
        "claims": [{"claim_type": "wages", "amount": "100"}],
        "facts": "拖欠工资",
    }
    for slug in ("arbitrations", "mediations"):
        response = api(arb_staff[reader]).post(f"/api/v1/{slug}/", body, format="json")
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
        response = api(arb_staff[reader]).post(f"/api/v1/{slug}/", {"facts": ""}, format="json")
        assert response.status_code == 403  # before the body is read
    client.force_login(arb_staff[reader])
    for name in ("arbitration-create", "mediation-create"):
        assert client.post(reverse(name), form_data(jishou)).status_code == 403
    assert ArbitrationCase.objects.count() == MediationCase.objects.count() == 0


def test_an_arbitrator_gets_404_for_the_cases_they_do_not_sit_on(arb_staff, formed, mediation, client):
    case, other_mediation = formed(), mediation()
    outsider = arb_staff["arb4"]
    before = writes(case)
    for code, target in (("arbitration", case), ("mediation", other_mediation)):
        slug = "arbitrations" if code == "arbitration" else "mediations"
        for kind, name in changes(code):
            response = api(outsider).post(f"/api/v1/{slug}/{target.pk}/{kind}/{name}/", {}, format="json")
            assert response.status_code == 404 and response.json()["code"] == "not_found", (code, name)
    client.force_login(outsider)
    for kind, name in changes("arbitration"):
        url = reverse("case-change", args=["arbitration", case.pk, kind, name])
        assert client.post(url, {"reason": "x"}).status_code == 404, name
    assert writes(case) == before


def test_the_tribunal_may_do_its_own_steps_and_only_the_chair_changes_the_tribunal(arb_staff, formed):
    case = formed()
    arb = api(arb_staff["arb2"])
    url = f"/api/v1/arbitrations/{case.pk}/actions"
    response = arb.post(f"{url}/change_tribunal/", {"reason": "回避"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    response = arb.post(
        f"{url}/restart_award_clock/", {"reason_code": "joinder", "on": "2026-01-21"}, format="json"
    )
    assert response.status_code == 200, response.json()
    award = [
        (d["due"], d["status"]) for d in response.json()["deadlines"] if d["rule"] == "arbitration.award"
    ]
    assert ("2026-03-09", "open") in award and ("2026-02-24", "cancelled") in award
    response = api(arb_staff["chair"]).post(
        f"{url}/change_tribunal/",
        {
            "presiding": arb_staff["arb4"].pk,
            "members": [arb_staff["arb2"].pk, arb_staff["arb3"].pk],
            "reason": "回避",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert {m["user"] for m in response.json()["tribunal"]} == {
        arb_staff["arb4"].pk,
        arb_staff["arb2"].pk,
        arb_staff["arb3"].pk,
    }
    assert api(arb_staff["arb1"]).get(f"/api/v1/arbitrations/{case.pk}/").status_code == 404
    assert D("2026-01-09") == ArbitrationCase.objects.get(pk=case.pk).tribunal_formed_on


def test_evidence_goes_through_the_kernel_for_the_tribunal_only(arb_staff, formed, mediation, client):
    case = formed()
    url = reverse("case-evidence-upload", args=["arbitration", case.pk])

    def upload(user):
        client.force_login(user)
        pdf = SimpleUploadedFile("欠条.pdf", b"%PDF-1.4\n%test\n")
        return client.post(url, {"category": "wage_record", "description": "工资欠条", "file": pdf})

    client.force_login(arb_staff["arb1"])
    html = client.get(case.get_absolute_url()).content.decode()
    assert f'action="{url}"' in html  # the case page offers the kernel's upload to the tribunal
    for reader in READERS:
        response = upload(arb_staff[reader])
        assert response.status_code in (302, 403)
        assert f'action="{url}"' not in client.get(case.get_absolute_url()).content.decode()
    assert upload(arb_staff["arb4"]).status_code == 404  # not on this tribunal
    assert Evidence.objects.count() == 0
    assert upload(arb_staff["arb1"]).status_code == 302
    assert Evidence.objects.get().case == case
    m = mediation()
    client.force_login(arb_staff["mediator"])
    assert (
        f'action="{reverse("case-evidence-upload", args=["mediation", m.pk])}"'
        in client.get(m.get_absolute_url()).content.decode()
    )
