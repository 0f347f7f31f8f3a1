"""The API's one error shape, case by case: who is not logged in, what does not exist, bodies that are not
objects or not JSON, nested validation errors, a crash inside a view, a method a URL does not take."""

import json
import logging

import pytest
from rest_framework.test import APIClient
from rest_framework.views import APIView

from casework.kernel.registry import case_type
from casework.roles import Role
from tests.api.contract import assert_error_shape

pytestmark = pytest.mark.django_db


def body(response) -> dict:
    assert_error_shape(response)
    return response.json()


@pytest.fixture
def as_role(world):
    def client(role: Role) -> APIClient:
        api = APIClient()
        api.force_authenticate(world.user(role))
        return api

    return client


def change_url(world, code="complaint", kind="transitions", name="accept") -> str:
    return f"/api/v1/{case_type(code).api_slug}/{world.here.cases[code].pk}/{kind}/{name}/"


# --- 401 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method, path", [("get", "/api/v1/complaints/"), ("get", "/api/v1/schema/")])
def test_unauthenticated_reads_are_401_json(world, method, path):
    response = getattr(APIClient(), method)(path)
    assert response.status_code == 401
    assert body(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Token")


def test_unauthenticated_change_is_401_before_anything_else(world):
    response = APIClient().post(change_url(world), [1, 2], format="json")
    assert response.status_code == 401
    assert body(response)["code"] == "not_authenticated"


# --- 404 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing/", "/api/v1/complaints/1/no-such-action/", "/api/v2/"]
)
def test_an_unknown_url_under_the_api_is_404_json(as_role, path):
    response = as_role(Role.INSPECTOR).get(path)
    assert response.status_code == 404
    data = body(response)
    assert data == {"code": "not_found", "message": data["message"], "fields": {}}


def test_an_unknown_case_type_or_change_is_404_json(world, as_role):
    inspector = as_role(Role.INSPECTOR)
    case = world.here.cases["complaint"]
    for url in (f"/api/v1/nope/{case.pk}/transitions/accept/", change_url(world, name="no_such_change")):
        response = inspector.post(url, {}, format="json")
        assert response.status_code == 404, url
        assert body(response)["code"] == "not_found"


@pytest.mark.parametrize("pk", ["abc", "-1", "1e3", "0x1", "1.0", "99999999999999999999", "0"])
@pytest.mark.parametrize("template", ["/api/v1/complaints/{}/", "/api/v1/complaints/{}/transitions/accept/"])
def test_an_id_that_is_not_a_record_is_404_json(as_role, template, pk):
    inspector = as_role(Role.INSPECTOR)
    url = template.format(pk)
    response = inspector.post(url, {}, format="json") if "transitions" in url else inspector.get(url)
    assert response.status_code == 404, url
    assert body(response)["code"] == "not_found"


def test_another_countys_case_is_404_not_403(world, as_role):
    other = world.other.cases["complaint"]
    response = as_role(Role.INSPECTOR).post(
        f"/api/v1/complaints/{other.pk}/transitions/accept/", {}, format="json"
    )
    assert response.status_code == 404
    assert body(response)["code"] == "not_found"


# --- 400: bodies -------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", [[], [{"reason": "受理"}], "受理", 1, 1.5, True, None])
@pytest.mark.parametrize("path", ["change", "/api/v1/complaints/", "/api/v1/employers/"])
def test_a_body_that_is_not_an_object_is_400(world, as_role, path, payload):
    url = change_url(world) if path == "change" else path
    raw = json.dumps(payload, ensure_ascii=False)
    response = as_role(Role.INSPECTOR).generic("POST", url, raw, content_type="application/json")
    assert response.status_code == 400, (url, raw, response.content)
    body(response)


@pytest.mark.parametrize("raw", [b"{", b"{'reason': 1}", b'{"amount": NaN}', b"\xff\xfe", b'{"a": 1} x'])
@pytest.mark.parametrize("path", ["change", "/api/v1/complaints/"])
def test_malformed_json_is_400_with_its_message(world, as_role, path, raw):
    url = change_url(world) if path == "change" else path
    response = as_role(Role.INSPECTOR).generic("POST", url, raw, content_type="application/json")
    assert response.status_code == 400, (url, raw, response.content)
    assert body(response)["message"] == "请求内容不是有效的 JSON"


def test_a_body_in_an_unknown_media_type_is_415_json(world, as_role):
    response = as_role(Role.INSPECTOR).generic(
        "POST", change_url(world), "reason=x", content_type="text/plain"
    )
    assert response.status_code == 415
    assert body(response)["code"] == "unsupported_media_type"


# --- 400: nested validation errors are flattened ------------------------------------------------------


def test_an_error_in_an_item_of_a_list_of_objects_names_the_item(world, as_role):
    here = world.here
    application = {
        "jurisdiction": here.jurisdiction.code,
        "applicants": [here.person.pk],
        "respondent": here.employer.pk,
        "facts": "被拖欠工资",
        "claims": [
            {"claim_type": "wages", "amount": "6000.50"},
            {"claim_type": "no_such_claim", "amount": "6,000.005"},
        ],
    }
    response = as_role(Role.ARBITRATION_CHAIR).post("/api/v1/arbitrations/", application, format="json")
    assert response.status_code == 400, response.content
    fields = body(response)["fields"]
    # the second item's fields by dotted name; the valid first item is not blamed
    assert set(fields) == {"claims[1].claim_type", "claims[1].amount"}, fields


def test_an_error_in_an_item_of_a_list_of_values_is_one_plain_message(world, as_role):
    here = world.here
    complaint = {
        "jurisdiction": here.jurisdiction.code,
        "employer": here.employer.pk,
        "workplace": "乾州新区工地",
        "facts": "拖欠工资",
        "violation_types": ["wage_arrears", "no_such_violation"],
    }
    response = as_role(Role.INSPECTOR).post("/api/v1/complaints/", complaint, format="json")
    assert response.status_code == 400, response.content
    fields = body(response)["fields"]
    assert list(fields) == ["violation_types"], fields
    assert len(fields["violation_types"]) == 1 and fields["violation_types"][0].startswith("第2项："), fields


# --- 500 and 405 -------------------------------------------------------------------------------------


def test_a_crash_inside_a_view_is_a_logged_500_in_the_shape(world, as_role, monkeypatch, caplog):
    def broken(user):
        raise RuntimeError("selector failed")

    monkeypatch.setattr(case_type("complaint"), "visible", broken)
    with caplog.at_level(logging.ERROR, logger="casework.api"):
        response = as_role(Role.INSPECTOR).post(change_url(world), {}, format="json")
    assert response.status_code == 500
    data = body(response)
    assert data["code"] == "server_error" and "selector failed" not in response.content.decode()
    assert "selector failed" in caplog.text  # the traceback goes to the log, not to the caller


def test_a_crash_outside_drf_under_the_api_is_500_json_not_html(world, as_role, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("before DRF's own handling")

    monkeypatch.setattr(APIView, "initialize_request", broken)
    client = as_role(Role.INSPECTOR)
    client.raise_request_exception = False
    response = client.get("/api/v1/complaints/")
    assert response.status_code == 500
    assert body(response)["code"] == "server_error"


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "change"),
        ("put", "change"),
        ("delete", "/api/v1/complaints/"),
        ("patch", "/api/v1/complaints/"),
    ],
)
def test_a_method_the_url_does_not_take_is_405_json(world, as_role, method, path):
    url = change_url(world) if path == "change" else path
    response = getattr(as_role(Role.INSPECTOR), method)(url)
    assert response.status_code == 405, (method, url)
    assert body(response)["code"] == "method_not_allowed"
    assert "POST" in response["Allow"] or "GET" in response["Allow"]
