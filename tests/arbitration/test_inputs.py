"""Bad input is a 400 naming its field with a Chinese message — never a 500, never saved: amounts (NaN,
exponents, negative zero), dates outside their window, ids that are not ids."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from arbitration.models import ArbitrationCase, Award, ClaimItem
from arbitration.services import arbitration as svc
from casework.models import TransitionLog
from tests.arbitration.conftest import D

pytestmark = pytest.mark.django_db

BAD_AMOUNTS = ["NaN", "1e30", "-0", "Infinity", "6000.005", "-100"]


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("amount", BAD_AMOUNTS)
def test_a_bad_awarded_amount_is_a_400(amount, heard, arb_staff):
    case = heard()
    item = case.claims.get()
    response = api(arb_staff["arb1"]).post(
        f"/api/v1/arbitrations/{case.pk}/transitions/award/",
        {"reason": "事实清楚", "items": [{"claim": item.pk, "decision": "upheld", "awarded_amount": amount}]},
        format="json",
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and "items" in body["fields"] and chinese(body["message"])
    assert ArbitrationCase.objects.get(pk=case.pk).state == "heard" and Award.objects.count() == 0


@pytest.mark.parametrize("amount", BAD_AMOUNTS)
def test_a_bad_claimed_amount_is_a_400_everywhere(amount, formed, arb_staff, applicant, respondent, client):
    case = formed()
    claims, log = ClaimItem.objects.count(), TransitionLog.objects.count()
    response = api(arb_staff["arb1"]).post(
        f"/api/v1/arbitrations/{case.pk}/actions/add_claim/",
        {"claim_type": "overtime", "amount": amount, "on": "2026-01-20"},
        format="json",
    )
    assert response.status_code == 400 and "amount" in response.json()["fields"]
    response = api(arb_staff["chair"]).post(
        "/api/v1/arbitrations/",
        {
            "jurisdiction": "433101",
            "applicants": [applicant.pk],
            "respondent": respondent.pk,
            "claims": [{"claim_type": "wages", "amount": amount}],
            "facts": "拖欠工资",
        },
        format="json",
    )
    assert response.status_code == 400 and any(f.startswith("claims") for f in response.json()["fields"])
    client.force_login(arb_staff["arb1"])
    url = reverse("case-change", args=["arbitration", case.pk, "actions", "add_claim"])
    page = client.post(url, {"claim_type": "overtime", "amount": amount}, follow=True).content.decode()
    assert "金额（元）：" in page
    assert (ClaimItem.objects.count(), TransitionLog.objects.count()) == (claims, log)


def test_an_awarded_json_fraction_or_a_bad_claim_id_is_a_400(heard, arb_staff):
    case = heard()
    item = case.claims.get()
    url = f"/api/v1/arbitrations/{case.pk}/transitions/award/"
    for items in (
        [{"claim": item.pk, "decision": "upheld", "awarded_amount": 15600.5}],
        [{"claim": "abc", "decision": "upheld", "awarded_amount": "1"}],
        [{"claim": 10**30, "decision": "upheld", "awarded_amount": "1"}],
        ["not an object"],
        "not a list",
    ):
        response = api(arb_staff["arb1"]).post(url, {"reason": "x", "items": items}, format="json")
        assert response.status_code == 400, (items, response.content)
    assert ArbitrationCase.objects.get(pk=case.pk).state == "heard"


@pytest.mark.parametrize(
    "name,body,field",
    [
        ("accept", {"on": "2206-12-14"}, "on"),  # a typing error, far in the future
        ("accept", {"on": "1999-12-31"}, "on"),
        ("accept", {"on": "2026-13-01"}, "on"),
    ],
)
def test_dates_outside_their_window_are_a_400(name, body, field, apply, arb_staff):
    case = apply()
    response = api(arb_staff["chair"]).post(
        f"/api/v1/arbitrations/{case.pk}/transitions/{name}/", body, format="json"
    )
    assert response.status_code == 400 and field in response.json()["fields"]
    assert chinese(response.json()["fields"][field][0])
    assert ArbitrationCase.objects.get(pk=case.pk).state == "applied"


@pytest.mark.parametrize("hearing_at", ["0001-01-01T00:00", "9999-12-31T23:59", "2206-12-14T09:00"])
def test_a_hearing_time_outside_the_window_is_a_400(hearing_at, formed, arb_staff):
    case = formed()
    response = api(arb_staff["arb1"]).post(
        f"/api/v1/arbitrations/{case.pk}/transitions/schedule_hearing/",
        {"hearing_at": hearing_at, "place": "第一仲裁庭", "notice_on": "2026-01-12"},
        format="json",
    )
    assert response.status_code == 400 and "hearing_at" in response.json()["fields"]
    with pytest.raises(ValidationError) as err:  # the service refuses it too, named
        svc.arbitration_schedule_hearing(
            actor=arb_staff["arb1"],
            case_id=case.pk,
            hearing_at=hearing_at,
            place="庭",
            notice_on=D("2026-01-12"),
        )
    assert "hearing_at" in err.value.message_dict


def test_a_performance_date_years_ahead_is_refused(mediation, arb_staff):
    case = mediation()
    client = api(arb_staff["mediator"])
    url = f"/api/v1/mediations/{case.pk}/transitions"
    assert client.post(f"{url}/accept/", {"on": "2026-02-05"}, format="json").status_code == 200
    response = client.post(
        f"{url}/reach_agreement/",
        {"terms": "支付工资", "on": "2026-02-06", "performance_due": "2206-12-14"},
        format="json",
    )
    assert response.status_code == 400 and "performance_due" in response.json()["fields"]
    response = client.post(
        f"{url}/reach_agreement/",
        {"terms": "支付工资", "on": "2026-02-06", "performance_due": "2027-03-01"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["state"] == "agreement"


def test_action_inputs_name_their_fields(formed, awarded, arb_staff):
    case = formed()
    chair = api(arb_staff["chair"])
    url = f"/api/v1/arbitrations/{case.pk}/actions"
    response = chair.post(f"{url}/restart_award_clock/", {"reason_code": "whim"}, format="json")
    assert response.status_code == 400 and response.json()["fields"]["reason_code"] == [
        "请选择重新计算审理期限的法定事由"
    ]
    response = chair.post(f"{url}/set_representatives/", {"persons": "1,2,3"}, format="json")
    assert response.status_code == 400 and "persons" in response.json()["fields"]
    response = chair.post(f"{url}/change_tribunal/", {"presiding": "abc", "reason": "回避"}, format="json")
    assert response.status_code == 400 and "presiding" in response.json()["fields"]
    response = chair.post(f"{url}/change_tribunal/", {"presiding": arb_staff["arb4"].pk}, format="json")
    assert response.status_code == 400 and response.json()["fields"]["reason"] == [
        "请填写变更仲裁庭组成的理由（如回避）"
    ]
    closed = awarded()
    svc.arbitration_close(actor=arb_staff["chair"], case_id=closed.pk, summary="结案")
    url = f"/api/v1/arbitrations/{closed.pk}/actions/record_court_proceedings/"
    for filed_on in ("", "2206-12-14", "2026-02-31"):
        response = chair.post(url, {"filed_on": filed_on}, format="json")
        assert response.status_code == 400 and "filed_on" in response.json()["fields"], filed_on
    response = chair.post(
        f"/api/v1/arbitrations/{case.pk}/actions/record_court_proceedings/",
        {"filed_on": "2026-12-01"},
        format="json",
    )
    assert response.status_code == 409  # not closed with an award
    assert ArbitrationCase.objects.get(pk=closed.pk).court_proceedings_on is None


def test_list_filters_refuse_ids_that_are_not_ids(arb_staff):
    client = api(arb_staff["chair"])
    for value in ("1e400", "abc", "-1", str(2**70)):
        assert client.get("/api/v1/arbitrations/", {"respondent": value}).status_code == 400, value
    assert client.get("/api/v1/arbitrations/", {"received_from": "2026-99-01"}).status_code == 400


@pytest.mark.parametrize(
    "kind,name,body,field",
    [
        ("transitions", "suspend", {"reason": "x", "on": {"a": 1}}, "on"),
        ("transitions", "suspend", {"reason": "x", "on": 20260120}, "on"),
        (
            "transitions",
            "schedule_hearing",
            {"hearing_at": ["2026-01-20T09:30"], "place": "庭"},
            "hearing_at",
        ),
        ("transitions", "terminate", {"reason": "x", "termination_reason": {"": "x"}}, "termination_reason"),
        ("transitions", "request_materials", {"missing": [{"a": 1}]}, "missing"),
        ("actions", "add_claim", {"claim_type": {"": "6,000.50"}, "amount": "100"}, "claim_type"),
        (
            "actions",
            "change_tribunal",
            {"presiding": "6,000.50", "members": [{"a": 1}], "reason": "x"},
            "members",
        ),
        ("actions", "set_representatives", {"persons": [[1]]}, "persons"),
    ],
)
def test_json_values_of_the_wrong_kind_are_named_never_echoed(kind, name, body, field, formed, arb_staff):
    case = formed()
    response = api(arb_staff["chair"]).post(
        f"/api/v1/arbitrations/{case.pk}/{kind}/{name}/", body, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert "{'" not in response.content.decode() and "[{" not in response.json()["message"]
