"""GET /api/v1/stats/settlement/: numerators, denominators and rates; field-named 400s; permission."""

import pytest
from rest_framework.test import APIClient

from casework.roles import Role

pytestmark = pytest.mark.django_db
URL = "/api/v1/stats/settlement/"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_settlement_figures_for_a_period_and_jurisdiction(director, q1_cases, jishou):
    response = api(director).get(URL, {"from": "2026-01-01", "to": "2026-03-31", "type": "complaint"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["from"], body["to"], body["jurisdiction"]) == ("2026-01-01", "2026-03-31", None)
    [complaints] = body["series"]
    assert complaints["type"] == "complaint"
    closure = complaints["rates"][0]
    assert closure["code"] == "closure"
    figures = (closure["numerator"], closure["denominator"], closure["rate"], closure["target"])
    assert figures == (4, 9, "44.4", "96")
    assert closure["signal"] == "below_target"
    assert closure["denominator_definition"]["figure"] == "caseload"
    assert "期初未结" in closure["definition"]
    assert complaints["figures"]["recovered"]["value"] == "6200.50"
    assert complaints["figures"]["pending_start"]["value"] == 4
    rows = {row["code"]: row for row in complaints["jurisdictions"]}
    assert rows[jishou.code]["rates"][0]["rate"] == "37.5" and rows[jishou.code]["rank"] == 2

    params = {"from": "2026-01-01", "to": "2026-03-31", "jurisdiction": jishou.code}
    one = api(director).get(URL, params).json()
    assert one["jurisdiction"] == {"code": jishou.code, "name": "吉首市"}
    [complaints] = [series for series in one["series"] if series["type"] == "complaint"]
    closure = complaints["rates"][0]
    assert (closure["numerator"], closure["denominator"]) == (3, 8)


def test_empty_period_gives_null_rates_not_an_error(director):
    body = api(director).get(URL, {"from": "2020-01-01", "to": "2020-01-31"}).json()
    rate = body["series"][0]["rates"][0]
    assert (rate["numerator"], rate["denominator"], rate["rate"], rate["display"]) == (0, 0, None, "无案件")
    assert rate["signal"] == "no_cases"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-30"}, "from"),
        ({"from": "2026-03-01", "to": "2026-01-01"}, "to"),
        ({"to": "yesterday"}, "to"),
        ({"type": "lawsuit"}, "type"),
        ({"jurisdiction": "999999"}, "jurisdiction"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(director, params, field):
    response = api(director).get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["fields"] and body["message"]


def test_a_county_cannot_ask_for_another_county(make_user, luxi, jishou):
    head = make_user(Role.INSPECTION_HEAD, luxi)
    response = api(head).get(URL, {"jurisdiction": jishou.code})
    assert response.status_code == 400 and "jurisdiction" in response.json()["fields"]


def test_needs_the_statistics_permission(make_user, jishou):
    response = api(make_user(Role.INSPECTOR, jishou)).get(URL)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert APIClient().get(URL).status_code in (401, 403)
