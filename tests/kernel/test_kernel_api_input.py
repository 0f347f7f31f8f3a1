"""Every kernel API endpoint answers bad input with a 4xx in the one error shape, never a 500."""

import json

import pytest
from django.core.exceptions import ValidationError

from casework.inputs import ANY
from casework.roles import Role
from casework.services import deadlines
from casework.services.transitions import PreconditionFailed

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def director(make_user, prefecture):
    return make_user(Role.DIRECTOR, prefecture)


@pytest.fixture
def clerk(make_user, jishou):
    return make_user(Role.CLERK, jishou)


def assert_error(response, status: int, field: str | None = None):
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"code", "message", "fields"} and body["message"], body
    if field:
        assert field in body["fields"], body
    text = json.dumps(body, ensure_ascii=False)
    assert "ErrorDetail(" not in text and "object at 0x" not in text


@pytest.mark.parametrize(
    "query,field",
    [
        ("rule=inspection.accept&start=9999-12-31", "start"),
        ("rule=inspection.accept&start=0001-01-01", "start"),
        ("rule=inspection.accept&start=2026-02-30", "start"),
        ("rule=inspection.accept&start=昨天", "start"),
        ("rule=inspection.accept", "start"),
        ("start=2026-01-05", "rule"),
        ("rule=nope&start=2026-01-05", "rule"),
        (f"rule=inspection.accept&start=2026-01-05&extensions={HUGE}", "extensions"),
        ("rule=inspection.accept&start=2026-01-05&extensions=-1", "extensions"),
        ("rule=inspection.accept&start=2026-01-05&extensions=1.5", "extensions"),
        (f"rule=arrears.payment_order&start=2026-01-05&period={HUGE}", "period"),
        ("rule=arrears.payment_order&start=2026-01-05&period=0", "period"),
        (f"rule=arbitration.award&start=2026-01-05&paused_days={HUGE}", "paused_days"),
        ("rule=arbitration.award&start=2026-01-05&extensions=10", "extensions"),
        ("rule=inspection.accept&start=2026-01-05&jurisdiction=999999", "jurisdiction"),
    ],
)
def test_deadline_calculator_api_refuses_bad_input(client, director, query, field):
    client.force_login(director)
    assert_error(client.get(f"/api/v1/deadlines/?{query}"), 400, field)


def test_deadline_calculator_accepts_dates_in_the_window(client, director):
    client.force_login(director)
    latest = ANY.bounds()[1]
    response = client.get(f"/api/v1/deadlines/?rule=inspection.accept&start={latest.isoformat()}")
    assert response.status_code == 200 and response.json()["due"] > latest.isoformat()


@pytest.mark.parametrize(
    "query,field",
    [
        ("from=0001-01-01&to=9999-12-31", "from"),
        ("from=9999-12-31&to=9999-12-31", "from"),
        ("from=2026-03-01&to=2026-02-01", "to"),
        ("from=2026-01-01&to=2026-13-01", "to"),
        ("type=nope", "type"),
        ("jurisdiction=%00", "jurisdiction"),
    ],
)
def test_settlement_api_refuses_bad_input(client, director, query, field):
    client.force_login(director)
    assert_error(client.get(f"/api/v1/stats/settlement/?{query}"), 400, field)


@pytest.mark.parametrize(
    "query", ["period=year&year=9999", "period=month&month=1900-01", "period=quarter&quarter=0001-Q1"]
)
def test_statistics_page_refuses_periods_out_of_the_window(client, director, query):
    client.force_login(director)
    response = client.get(f"/stats/?{query}")
    assert response.status_code in (200, 400)
    assert "2000年以后" in response.content.decode()


@pytest.mark.parametrize("resource", ["persons", "employers", "notifications"])
@pytest.mark.parametrize("pk", [HUGE, "abc", "0", "-1", "1e3"])
def test_odd_ids_are_404(client, clerk, resource, pk):
    client.force_login(clerk)
    response = client.get(f"/api/v1/{resource}/{pk}/")
    assert_error(response, 404)


@pytest.mark.parametrize("resource", ["persons", "employers"])
@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '"text"',
        "1",
        "null",
        "{",
        '{"name": 5, "jurisdiction": []}',
        '{"jurisdiction": "433101", "name": ""}',
    ],
)
def test_party_bodies_that_are_not_objects_or_not_valid_are_400(client, clerk, resource, body):
    client.force_login(clerk)
    response = client.post(f"/api/v1/{resource}/", body, content_type="application/json")
    assert_error(response, 400)


def test_reveal_and_notification_actions_with_odd_ids_are_404(client, clerk):
    client.force_login(clerk)
    assert_error(client.post(f"/api/v1/persons/{HUGE}/reveal/"), 404)
    assert_error(client.post(f"/api/v1/notifications/{HUGE}/read/"), 404)
    assert_error(client.get("/api/v1/notifications/?page=abc"), 404)
    assert client.post(
        "/api/v1/notifications/read-all/", "[]", content_type="application/json"
    ).status_code in (
        200,
        400,
    )


def test_kernel_change_endpoints_with_odd_ids_or_names(client, clerk):
    client.force_login(clerk)
    for url in (
        f"/api/v1/complaints/{HUGE}/transitions/accept/",
        f"/api/v1/complaints/{HUGE}/actions/assign/",
        f"/api/v1/complaints/{HUGE}/evidence/",
        "/api/v1/nope/1/transitions/accept/",
    ):
        assert_error(client.post(url, {}), 404)
    assert client.post("/api/v1/complaints/abc/transitions/accept/", {}).status_code == 404


# --- the stored deadlines' service -------------------------------------------------------------------


def test_a_period_the_engine_cannot_count_is_a_validation_error(register):
    case = register()
    with pytest.raises(ValidationError) as error:
        deadlines.start(case, "arrears.payment_order", on=case.received_on, period=99999)
    assert "period" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        deadlines.start(case, "inspection.accept", on=case.received_on.replace(year=1999))
    assert "start" in error.value.message_dict


def test_an_extension_beyond_the_rule_is_refused_with_a_reason(register):
    case = register()
    deadlines.start(case, "inspection.accept", on=case.received_on)
    with pytest.raises(PreconditionFailed, match="最多延长0次"):
        deadlines.extend(case, "inspection.accept")
    with pytest.raises(PreconditionFailed, match="未在计算中"):
        deadlines.extend(case, "arbitration.award")
