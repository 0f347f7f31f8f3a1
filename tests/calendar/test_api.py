"""GET /api/v1/deadlines/ and /api/v1/deadlines/rules/."""

import pytest

from casework.deadlines.rules import RULES
from casework.roles import Role

pytestmark = pytest.mark.django_db

URL = "/api/v1/deadlines/"


@pytest.fixture
def api(client, make_user, jishou):
    client.force_login(make_user(Role.ARBITRATOR, jishou))
    return client


def test_due_date_as_json(api):
    body = api.get(URL, {"rule": "arbitration.accept", "start": "2026-09-30"}).json()
    assert body["due"] == "2026-10-13"
    assert body["provisional"] is False
    assert body["period"] == 5 and body["unit"] == "working_days"
    assert "第二十九条" in body["article"]
    assert [d["date"] for d in body["makeup_workdays"]] == ["2026-10-10"]
    assert body["skipped"][0] == {
        "date": "2026-10-01",
        "weekday": "周四",
        "working": False,
        "kind": "holiday",
        "name": "国庆节",
    }


def test_jurisdiction_code_applies_the_local_holiday(api):
    national = api.get(URL, {"rule": "inspection.accept", "start": "2026-09-18"}).json()
    jishou = api.get(
        URL, {"rule": "inspection.accept", "start": "2026-09-18", "jurisdiction": "433101"}
    ).json()
    assert national["due"] == "2026-09-24" and national["jurisdiction"] is None
    assert jishou["due"] == "2026-09-29" and jishou["jurisdiction_name"] == "吉首市"


def test_provisional_into_2027(api):
    body = api.get(URL, {"rule": "arbitration.award", "start": "2026-12-01"}).json()
    assert body["due"] == "2027-01-15" and body["provisional"] is True
    assert body["provisional_years"] == [2027]
    assert body["provisional_message"] == "2027年国务院放假安排尚未公布，按周末推算，仅供参考"


def test_extension_pause_and_order_period(api):
    extended = api.get(URL, {"rule": "arbitration.award", "start": "2025-08-20", "extensions": 1}).json()
    assert extended["due"] == "2025-10-20" and extended["counted"] == 60
    paused = api.get(URL, {"rule": "arbitration.award", "start": "2025-08-20", "paused_days": 10}).json()
    assert paused["due"] == "2025-10-14" and paused["counted"] == 55
    order = api.get(URL, {"rule": "arrears.payment_order", "start": "2026-09-15", "period": 10}).json()
    assert order["due"] == "2026-09-28" and order["rolled_forward"] is True
    wage = api.get(
        URL, {"rule": "arbitration.limitation", "start": "2025-03-01", "wage_arrears_in_employment": "true"}
    ).json()
    assert wage["due"] is None and wage["no_limitation"] is True


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"rule": "arbitration.nope", "start": "2026-01-05"}, "rule", "未知的期限规则“arbitration.nope”。"),
        ({"start": "2026-01-05"}, "rule", "请指定期限规则（rule）。"),
        (
            {"rule": "arbitration.accept", "start": "2026-13-45"},
            "start",
            "日期格式应为 YYYY-MM-DD，例如 2026-10-09。",
        ),
        (
            {"rule": "arbitration.accept", "start": "05/01/2026"},
            "start",
            "日期格式应为 YYYY-MM-DD，例如 2026-10-09。",
        ),
        ({"rule": "arbitration.accept"}, "start", "请指定起算日期（start）。"),
        (
            {"rule": "arbitration.accept", "start": "2026-01-05", "jurisdiction": "999999"},
            "jurisdiction",
            "未知的管辖区域代码“999999”。",
        ),
        (
            {"rule": "arbitration.accept", "start": "2026-01-05", "extensions": 1},
            "extensions",
            "该期限不得延长。",
        ),
        (
            {"rule": "arrears.payment_order", "start": "2026-01-05"},
            "period",
            "该期限由文书确定，请填写期限天数。",
        ),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, params, field, message):
    response = api.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"][field] == [message]
    assert body["message"]


def test_rules_list(api):
    body = api.get(URL + "rules/").json()
    assert body["count"] == len(RULES) and {r["name"] for r in body["results"]} == set(RULES)
    award = next(r for r in body["results"] if r["name"] == "arbitration.award")
    assert award["period"] == 45 and award["unit"] == "calendar_days"
    assert award["extension_period"] == 15 and award["paused_by_suspension"] is True
    assert award["extension_approver"] == "arbitration_chair"
    assert "claim_amended" in {e["code"] for e in award["restart_events"]}
    inspection = api.get(URL + "rules/", {"domain": "inspection"}).json()
    assert inspection["count"] >= 3 and all(r["domain"] == "inspection" for r in inspection["results"])


def test_login_required(client):
    assert client.get(URL, {"rule": "arbitration.accept", "start": "2026-01-05"}).status_code in (401, 403)
    assert client.get(URL + "rules/").status_code in (401, 403)


def test_schema_documents_the_endpoints(api):
    schema = api.get("/api/v1/schema/").content.decode()
    assert "/api/v1/deadlines/" in schema and "/api/v1/deadlines/rules/" in schema
