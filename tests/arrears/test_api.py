"""``/api/v1/arrears/``: create, list, retrieve, transitions, workers, payments — and their error codes."""

import pytest
from rest_framework.test import APIClient

from arrears.models import ArrearsCase, ArrearsWorker, Payment

from .conftest import ago, id_number
from .test_import import good_rows, xlsx

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_create_list_and_retrieve(staff, employer):
    response = api(staff["clerk"]).post(
        "/api/v1/arrears/",
        {"jurisdiction": "433101", "employer": employer.pk, "facts": "拖欠工资", "green_channel": True},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"].startswith("吉首欠薪〔") and body["state"] == "open"
    assert body["total_owed"] == "0.00" and body["crime_assessment"]["met"] is False
    listing = api(staff["inspector1"]).get("/api/v1/arrears/", {"green_channel": "true"}).json()
    assert [c["id"] for c in listing["results"]] == [body["id"]]
    assert api(staff["luxi_inspector"]).get(f"/api/v1/arrears/{body['id']}/").status_code == 404


def test_create_from_complaints_merges(staff, register):
    first, second = register(), register()
    one = api(staff["clerk"]).post("/api/v1/arrears/", {"complaints": [first.pk]}, format="json")
    assert one.status_code == 201
    two = api(staff["clerk"]).post("/api/v1/arrears/", {"complaints": [second.pk]}, format="json")
    assert two.status_code == 200 and two.json()["id"] == one.json()["id"]
    assert set(two.json()["complaints"]) == {first.number, second.number}


def test_create_with_missing_fields_names_them(staff):
    response = api(staff["clerk"]).post("/api/v1/arrears/", {"jurisdiction": "433101"}, format="json")
    assert response.status_code == 400 and "employer" in response.json()["fields"]
    assert ArrearsCase.objects.count() == 0


def test_workers_and_payments(staff, open_case):
    case = open_case()
    client = api(staff["inspector1"])
    url = f"/api/v1/arrears/{case.pk}/"
    worker = {"name": "向工人", "id_number": id_number(1), "months_unpaid": 3, "amount_owed": "6000.00"}
    response = client.post(url + "workers/", worker, format="json")
    assert response.status_code == 201, response.json()
    line = response.json()
    assert line["amount_owed"] == "6000.00" and line["id_number_masked"].startswith("4331")
    assert id_number(1) not in str(response.json())
    bad = client.post(
        url + "workers/",
        {**worker, "id_number": id_number(2)[:-1] + "0", "amount_owed": 6000.5},
        format="json",
    )
    assert bad.status_code == 400 and set(bad.json()["fields"]) >= {"amount_owed"}

    payment = {"line": line["id"], "amount": 1000.5, "paid_on": ago(1).isoformat(), "payer_kind": "employer"}
    refused = client.post(url + "payments/", payment, format="json")
    assert refused.status_code == 400 and "字符串" in refused.json()["fields"]["amount"][0]
    ok = client.post(url + "payments/", {**payment, "amount": "1000.50"}, format="json")
    assert ok.status_code == 201 and ok.json()["amount"] == "1000.50"
    too_much = client.post(url + "payments/", {**payment, "amount": "5000.00"}, format="json")
    assert too_much.status_code == 400 and "amount" in too_much.json()["fields"]
    confirm = client.post(url + f"payments/{ok.json()['id']}/confirm/", {}, format="json")
    assert confirm.status_code == 200 and confirm.json()["confirmed_by_worker"] is True

    detail = client.get(url).json()
    assert (detail["total_owed"], detail["total_recovered"], detail["total_outstanding"]) == (
        "6000.00",
        "1000.50",
        "4999.50",
    )
    assert detail["state"] == "partially_recovered"
    assert client.get(url + "payments/").json()["count"] == 1
    assert client.get(url + "workers/").json()["results"][0]["recovered"] == "1000.50"
    forbidden = api(staff["clerk"]).post(url + "payments/", {**payment, "amount": "1.00"}, format="json")
    assert forbidden.status_code == 403 and Payment.objects.count() == 1


def test_import_through_the_api_reports_rows(staff, open_case):
    case = open_case()
    rows = good_rows(2)
    rows[1][2] = "12345"
    client = api(staff["clerk"])
    response = client.post(
        f"/api/v1/arrears/{case.pk}/workers/import/", {"file": xlsx(rows)}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["rows"] == [{"row": 3, "column": "手机号码", "reason": "长度应为11位，当前为5位"}]
    assert ArrearsWorker.objects.count() == 0
    response = client.post(
        f"/api/v1/arrears/{case.pk}/workers/import/", {"file": xlsx(good_rows(2))}, format="multipart"
    )
    assert (
        response.status_code == 201
        and response.json()["created"] == 2
        and response.json()["amount"] == "12001.00"
    )


def test_transition_endpoint_status_codes(staff, open_case, add_workers, ordered):
    case = open_case()
    url = f"/api/v1/arrears/{case.pk}/transitions/"
    assert (
        api(staff["clerk"])
        .post(url + "order_payment/", {"period": 10, "items": "x"}, format="json")
        .status_code
        == 403
    )
    assert (
        api(staff["inspector1"])
        .post(url + "order_payment/", {"period": 10, "items": "x"}, format="json")
        .status_code
        == 409
    )
    add_workers(case, [(3, "7000.00")])
    bad = api(staff["inspector1"]).post(url + "order_payment/", {"period": 0, "items": "x"}, format="json")
    assert bad.status_code == 400 and "period" in bad.json()["fields"]
    assert api(staff["inspector1"]).post(url + "nonsense/", {}, format="json").status_code == 404
    ok = api(staff["inspector1"]).post(
        url + "order_payment/",
        {"period": 10, "items": "支付", "expected_state": "open", "served_on": ago(25).isoformat()},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["state"] == "payment_ordered"
    stale = api(staff["inspector1"]).post(
        url + "order_payment/", {"period": 10, "items": "x", "expected_state": "open"}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert ok.json()["crime_assessment"]["met"] is True
    api(staff["inspector1"]).post(url + "report_to_police/", {"reason": "涉嫌犯罪"}, format="json")
    decided = api(staff["head"]).post(
        url + "decide_police_transfer/", {"approve": True, "reason": "同意"}, format="json"
    )
    assert decided.status_code == 200 and decided.json()["police_status"] == "approved"
    assert decided.json()["police_transfer_due_at"]


def test_blacklist_entries_are_read_through_the_api_and_changed_through_the_kernel(
    staff, open_case, add_workers, ordered
):
    from arrears.services.blacklist import blacklist_give_notice

    case = open_case()
    add_workers(case, [(3, "7000.00")])
    ordered(case)
    entry = blacklist_give_notice(
        actor=staff["inspector1"], case_id=case.pk, grounds="threshold", facts="逾期未付"
    )
    client = api(staff["inspector1"])
    listing = client.get("/api/v1/blacklist/", {"state": "noticed"}).json()
    assert [e["number"] for e in listing["results"]] == [entry.number]
    assert "transitions" not in listing["results"][0]
    detail = client.get(f"/api/v1/blacklist/{entry.pk}/").json()
    assert (
        detail["arrears_case_number"] == case.number and detail["deadlines"][0]["rule"] == "blacklist.defence"
    )
    assert detail["transitions"] == []  # an inspector does not decide
    assert api(staff["luxi_inspector"]).get(f"/api/v1/blacklist/{entry.pk}/").status_code == 404
    assert client.post("/api/v1/blacklist/", {}, format="json").status_code == 405
    response = client.post(
        f"/api/v1/blacklist/{entry.pk}/actions/record_defence/", {"text": "资金困难"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["defence_received_on"]
    decided = api(staff["head"]).get(f"/api/v1/blacklist/{entry.pk}/").json()["transitions"]
    assert {t["name"] for t in decided} == {"decide_listing", "decide_not_to_list"}
