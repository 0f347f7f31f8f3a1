"""督办 works on a case of every registered type through the kernel's action endpoint: the prefecture's
director marks it, the handling unit reports, the director's list shows every type — at a constant cost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from casework.kernel.registry import case_type, case_types
from casework.roles import Role
from casework.supervision.models import Supervision

CODES = [t.code for t in case_types()]


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def supervise_body(level="prefecture_listed") -> dict:
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    return {"level": level, "report_every": 5, "deadline": deadline, "reason": "州局挂牌督办"}


def open_case(world, code):
    case = world.here.cases[code]
    if not case.is_open:
        pytest.skip(f"the world's {code} case is not open")
    return case


@pytest.mark.parametrize("code", CODES)
def test_any_case_type_is_supervised_and_reported_on(world, code):
    registered = case_type(code)
    case = open_case(world, code)
    base = f"/api/v1/{registered.api_slug}/{case.pk}/actions"
    director = client_for(world.prefecture[Role.DIRECTOR])
    response = director.post(f"{base}/supervise/", supervise_body(), format="json")
    assert response.status_code == 200, response.content.decode()
    handler = world.user(registered.writer_roles[0])
    response = client_for(handler).post(
        f"{base}/supervision_report/", {"text": "已完成调查取证"}, format="json"
    )
    assert response.status_code == 200, response.content.decode()
    supervision = Supervision.objects.get(object_id=case.pk, case_type=code)
    assert supervision.reports.get().text == "已完成调查取证"


@pytest.mark.parametrize("code", CODES)
def test_a_county_holder_of_a_deciding_role_may_not_set_a_prefecture_level(world, code):
    registered = case_type(code)
    case = open_case(world, code)
    url = f"/api/v1/{registered.api_slug}/{case.pk}/actions/supervise/"
    head = world.user(registered.head_roles[0])
    response = client_for(head).post(url, supervise_body("prefecture"), format="json")
    assert response.status_code == 403 and "州本级" in response.json()["message"]
    assert not Supervision.objects.filter(object_id=case.pk, case_type=code).exists()


def queries_of(client, url: str) -> tuple[int, str]:
    """The queries a page costs (the connection's log is emptied first: the world's seeding filled it)."""
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        body = client.get(url).content.decode()
    return len(captured.captured_queries), body


def test_the_director_list_shows_every_type_at_a_constant_cost(world):
    from django.test import Client

    director = world.prefecture[Role.DIRECTOR]
    client = Client()
    client.force_login(director)
    registered = case_types()
    first = registered[0]
    client_for(director).post(
        f"/api/v1/{first.api_slug}/{open_case(world, first.code).pk}/actions/supervise/",
        supervise_body(),
        format="json",
    )
    client.get("/supervision/")
    one, _page = queries_of(client, "/supervision/")
    assert one <= 15
    for t in registered[1:]:
        case = world.here.cases[t.code]
        if case.is_open:
            client_for(director).post(
                f"/api/v1/{t.api_slug}/{case.pk}/actions/supervise/", supervise_body(), format="json"
            )
    many, page = queries_of(client, "/supervision/")
    assert many == one
    for t in registered:
        case = world.here.cases[t.code]
        if case.is_open:
            assert case.get_absolute_url() in page, t.code
