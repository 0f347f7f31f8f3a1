"""``/api/v1/arbitrations/`` and ``/api/v1/mediations/``: filters, create, retrieve, transitions and errors."""

import pytest
from rest_framework.test import APIClient

from arbitration.models import ArbitrationCase, MediationCase
from arbitration.services import arbitration as svc
from casework.models import TransitionLog
from tests.arbitration.conftest import D
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def application(applicant, respondent, **overrides):
    data = {
        "jurisdiction": "433101",
        "received_on": "2026-01-05",
        "applicants": [applicant.pk],
        "respondent": respondent.pk,
        "claims": [
            {"claim_type": "wages", "description": "拖欠工资", "amount": "24000.00"},
            {"claim_type": "economic_compensation", "description": "经济补偿", "amount": "24000.01"},
        ],
        "facts": "拖欠工资三个月",
    }
    data.update(overrides)
    return data


def test_create_and_retrieve_with_transitions_claims_and_deadlines(arb_staff, applicant, respondent):
    response = api(arb_staff["chair"]).post(
        "/api/v1/arbitrations/", application(applicant, respondent), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "吉首劳人仲案〔2026〕0001号" and body["state"] == "applied"
    assert [c["final"] for c in body["claims"]] == [True, False]
    assert {"accept", "refuse", "request_materials"} <= {t["name"] for t in body["transitions"]}
    assert (
        body["deadlines"][0]["rule"] == "arbitration.accept" and body["deadlines"][0]["due"] == "2026-01-12"
    )
    assert body["green_channel"] and body["applicant_names"] == [applicant.name]
    assert applicant.id_number not in response.content.decode()


def test_create_with_bad_fields_names_them_and_saves_nothing(arb_staff, applicant, respondent):
    response = api(arb_staff["chair"]).post(
        "/api/v1/arbitrations/",
        application(applicant, respondent, claims=[{"claim_type": "wages", "description": "工资"}]),
        format="json",
    )
    assert response.status_code == 400 and "claims" in response.json()["fields"]
    response = api(arb_staff["chair"]).post(
        "/api/v1/arbitrations/", application(applicant, respondent, applicants=[], facts=""), format="json"
    )
    body = response.json()
    assert response.status_code == 400 and {"applicants", "facts"} <= set(body["fields"])
    assert body["code"] == "invalid"
    assert ArbitrationCase.objects.count() == 0


def test_create_is_forbidden_to_arbitrators_and_other_counties(arb_staff, applicant, respondent):
    assert (
        api(arb_staff["arb1"])
        .post("/api/v1/arbitrations/", application(applicant, respondent), format="json")
        .status_code
        == 403
    )
    response = api(arb_staff["chair"]).post(
        "/api/v1/arbitrations/", application(applicant, respondent, jurisdiction="433122"), format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_list_filters(apply, accepted, arb_staff):
    applied = apply()
    collective = accepted(applicants=PersonFactory.create_batch(10))
    plain = apply(applicants=[PersonFactory(is_migrant_worker=False)])
    client = api(arb_staff["chair"])

    def numbers(**params):
        return [c["number"] for c in client.get("/api/v1/arbitrations/", params).json()["results"]]

    # Collective cases first, then the green channel, then the nearest deadline.
    assert numbers() == [collective.number, applied.number, plain.number]
    assert numbers(state="accepted") == [collective.number]
    assert numbers(collective="true") == [collective.number]
    assert set(numbers(green_channel="false")) == {plain.number}
    assert numbers(q=plain.applicants.get().name) == [plain.number]
    assert numbers(jurisdiction="433122") == []
    assert numbers(received_from="2026-01-06") == []


def test_transition_endpoint_and_its_errors(formed, arb_staff):
    case = formed()
    chair, arb = api(arb_staff["chair"]), api(arb_staff["arb1"])
    url = f"/api/v1/arbitrations/{case.pk}/transitions"
    # 400: the field is named
    response = arb.post(
        f"{url}/schedule_hearing/", {"hearing_at": "2026-01-20T09:30", "place": ""}, format="json"
    )
    assert response.status_code == 400 and "place" in response.json()["fields"]
    # 409: not from this state
    response = chair.post(f"{url}/accept/", {}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "invalid_state"
    # 403: the arbitrator may not extend the period
    response = arb.post(f"{url}/extend/", {"reason": "复杂"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    # 409: someone else moved the case
    response = chair.post(f"{url}/suspend/", {"reason": "x", "expected_state": "accepted"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    # 404: unknown transition
    assert chair.post(f"{url}/fly/", {}, format="json").status_code == 404
    response = arb.post(
        f"{url}/schedule_hearing/",
        {"hearing_at": "2026-01-20T09:30", "place": "第一仲裁庭", "directions": "x" * 301},
        format="json",
    )
    assert response.status_code == 400 and "directions" in response.json()["fields"]
    response = arb.post(
        f"{url}/schedule_hearing/",
        {
            "hearing_at": "2026-01-20T09:30",
            "place": "第一仲裁庭",
            "directions": "州政务中心二楼",
            "notice_on": "2026-01-12",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "hearing_scheduled"
    assert case.hearings.get().directions == "州政务中心二楼"
    response = arb.post(
        f"{url}/hold_hearing/", {"record": "庭审笔录", "respondent_present": False}, format="json"
    )
    assert response.status_code == 200
    assert case.hearings.get().respondent_present is False
    item = case.claims.get()
    response = arb.post(
        f"{url}/award/",
        {
            "reason": "事实清楚",
            "on": "2026-02-10",
            "items": [{"claim": item.pk, "decision": "upheld", "awarded_amount": "15600"}],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "awarded" and [a["finality"] for a in body["awards"]] == ["final"]
    assert body["retention_years"] == 10


def test_a_failed_transition_writes_nothing(formed, arb_staff):
    case = formed()
    before = TransitionLog.objects.count()
    response = api(arb_staff["chair"]).post(
        f"/api/v1/arbitrations/{case.pk}/transitions/suspend/", {"reason": ""}, format="json"
    )
    assert response.status_code == 400
    assert TransitionLog.objects.count() == before
    assert ArbitrationCase.objects.get(pk=case.pk).state == "tribunal_formed"


def test_mediation_api_create_transition_and_conversion(arb_staff, applicant, respondent):
    mediator = api(arb_staff["mediator"])
    data = application(applicant, respondent, received_on="2026-02-05")
    response = mediator.post("/api/v1/mediations/", data, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["number"] == "吉首劳人调〔2026〕0001号"
    url = f"/api/v1/mediations/{pk}/transitions"
    assert mediator.post(f"{url}/accept/", {"on": "2026-02-05"}, format="json").status_code == 200
    assert (
        mediator.post(f"{url}/fail/", {"reason": "拒绝调解", "on": "2026-02-09"}, format="json").status_code
        == 200
    )
    response = mediator.post(f"{url}/convert/", {"reason": "申请仲裁"}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "converted" and body["arbitration_case"] == "吉首劳人仲案〔2026〕0001号"
    assert MediationCase.objects.get(pk=pk).arbitration_case.claims.count() == 2
    assert mediator.get("/api/v1/arbitrations/").json()["count"] == 0


def test_public_milestones_are_marked_for_the_progress_lookup(heard, arb_staff):
    case = heard()
    item = case.claims.get()
    svc.arbitration_award(
        actor=arb_staff["arb1"],
        case_id=case.pk,
        items=[{"claim": item.pk, "decision": "upheld", "awarded_amount": "1"}],
        text="t",
    )
    svc.arbitration_close(actor=arb_staff["chair"], case_id=case.pk, summary="结案", expected_state="awarded")
    public = set(
        TransitionLog.objects.filter(
            object_id=case.pk, content_type__model="arbitrationcase", public=True
        ).values_list("transition", flat=True)
    )
    assert {"register", "accept", "schedule_hearing", "close"} <= public
    assert "form_tribunal" not in public and "hold_hearing" not in public
    assert D("2026-01-07") == ArbitrationCase.objects.get(pk=case.pk).accepted_on
