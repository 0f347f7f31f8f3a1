"""Bad input to the arrears API is a 400 naming its field in Chinese (or a 404 for an id in a URL) — never a
500 — and writes nothing; amounts follow the kernel's one rule and go out as strings."""

import re

import pytest
from rest_framework.test import APIClient

from arrears.models import ArrearsCase, ArrearsWorker, Payment

from .conftest import ago, id_number

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")
HUGE = 2**70


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def refused(response, field: str):
    """A 400 in the one error shape whose message for ``field`` is Chinese."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) >= {"code", "message", "fields"} and body["code"] == "invalid"
    assert field in body["fields"], body
    assert all(CJK.search(m) for m in body["fields"][field]), body
    assert CJK.search(body["message"])
    return body["fields"][field][0]


@pytest.fixture
def case(open_case, add_workers):
    case = open_case()
    add_workers(case, [(3, "5000.00")])
    return case


def worker(i: int, **overrides) -> dict:
    return {
        "name": f"工人{i}",
        "id_number": id_number(i),
        "months_unpaid": 3,
        "amount_owed": "100",
        **overrides,
    }


@pytest.mark.parametrize(
    "amount, says",
    [
        ("-0", "负数"),
        ("-5", "负数"),
        ("6000.005", "两位小数"),
        ("1e2", "正确的金额"),
        ("NaN", "正确的金额"),
        ("Infinity", "正确的金额"),
        ("-Infinity", "负数"),
        ("6.000,50", "正确的金额"),
        (6000.5, "字符串"),  # a JSON fraction is a binary float
        ("1000000000", "不能超过"),
        ("0", "大于零"),
        ("", "金额"),
        (True, "正确的金额"),
    ],
)
def test_bad_amounts_are_refused_with_a_chinese_message(staff, case, amount, says):
    client = api(staff["inspector1"])
    url = f"/api/v1/arrears/{case.pk}/"
    assert says in refused(
        client.post(url + "workers/", worker(50, amount_owed=amount), format="json"), "amount_owed"
    )
    line = case.workers.get()
    payment = {"line": line.pk, "amount": amount, "paid_on": ago(1).isoformat(), "payer_kind": "employer"}
    assert says in refused(client.post(url + "payments/", payment, format="json"), "amount")
    assert ArrearsWorker.objects.count() == 1 and Payment.objects.count() == 0


@pytest.mark.parametrize("amount, stored", [("6,000.50", "6000.50"), ("6000", "6000.00"), (6000, "6000.00")])
def test_good_amounts_are_accepted_and_returned_as_strings(staff, case, amount, stored):
    response = api(staff["inspector1"]).post(
        f"/api/v1/arrears/{case.pk}/workers/", worker(51, amount_owed=amount), format="json"
    )
    assert response.status_code == 201 and response.json()["amount_owed"] == stored


def test_integers_out_of_their_columns_range_are_400_never_500(staff, case, add_workers, ordered):
    client = api(staff["inspector1"])
    url = f"/api/v1/arrears/{case.pk}/"
    for months in (99999, 0, 121, HUGE, "3.5", "abc"):
        refused(
            client.post(url + "workers/", worker(52, months_unpaid=months), format="json"), "months_unpaid"
        )
        refused(
            client.post(url + "actions/add_worker/", worker(53, months_unpaid=months), format="json"),
            "months_unpaid",
        )
    for period in (99999, 0, HUGE, "abc"):
        body = {"period": period, "items": "支付"}
        refused(client.post(url + "transitions/order_payment/", body, format="json"), "period")
    line = case.workers.get()
    payment = {"line": HUGE, "amount": "1.00", "paid_on": ago(1).isoformat(), "payer_kind": "employer"}
    refused(client.post(url + "payments/", payment, format="json"), "line")
    refused(client.post(url + "payments/", {**payment, "line": "x"}, format="json"), "line")
    ordered(case)
    for percent in ("NaN", "1e2", "Infinity", "50.001", "49", "abc"):
        refused(
            client.post(url + "transitions/order_compensation/", {"percent": percent}, format="json"),
            "percent",
        )
    assert ArrearsWorker.objects.filter(case=case).count() == 1 and line.payments.count() == 0


def test_dates_outside_their_window_are_refused(staff, case, jishou, employer):
    client = api(staff["inspector1"])
    url = f"/api/v1/arrears/{case.pk}/"
    line = case.workers.get()
    payment = {"line": line.pk, "amount": "1.00", "payer_kind": "employer"}
    for bad in ("2206-12-14", "1999-12-31", ago(-1).isoformat(), "2026-02-30", "yesterday"):
        refused(client.post(url + "payments/", {**payment, "paid_on": bad}, format="json"), "paid_on")
        body = {**payment, "paid_on": ago(1).isoformat(), "confirmed_by_worker": True, "confirmed_on": bad}
        refused(client.post(url + "payments/", body, format="json"), "confirmed_on")
        body = {"period": 10, "items": "支付", "served_on": bad}
        refused(client.post(url + "transitions/order_payment/", body, format="json"), "served_on")
        body = {"jurisdiction": "433101", "employer": employer.pk, "facts": "欠薪", "opened_on": bad}
        refused(api(staff["clerk"]).post("/api/v1/arrears/", body, format="json"), "opened_on")
    assert Payment.objects.count() == 0 and ArrearsCase.objects.count() == 1


def test_ids_and_bodies_that_are_not_what_they_should_be(staff, case):
    client = api(staff["inspector1"])
    assert client.get(f"/api/v1/arrears/{HUGE}/").status_code == 404
    assert client.get("/api/v1/arrears/abc/").status_code == 404
    assert client.get("/api/v1/arrears/١٢/").status_code == 404  # Arabic-Indic digits are not an id
    assert (
        client.post(f"/api/v1/arrears/{case.pk}/payments/{HUGE}/confirm/", {}, format="json").status_code
        == 404
    )
    assert client.post(f"/api/v1/arrears/{case.pk}/payments/x/confirm/", {}, format="json").status_code == 404
    response = client.post(f"/api/v1/arrears/{case.pk}/payments/99999/confirm/", {}, format="json")
    assert response.status_code == 404 and CJK.search(response.json()["message"])
    response = client.post(f"/api/v1/arrears/{case.pk}/workers/", [worker(54)], format="json")
    assert response.status_code == 400 and CJK.search(response.json()["message"])
    response = api(staff["clerk"]).post("/api/v1/arrears/", {"complaints": [HUGE]}, format="json")
    refused(response, "complaints")
    body = {"jurisdiction": ["433101", None], "employer": [HUGE], "project": HUGE, "facts": ["x"]}
    response = api(staff["clerk"]).post("/api/v1/arrears/", body, format="json")
    for field in ("jurisdiction", "employer", "project", "facts"):
        refused(response, field)
    assert "None" not in response.content.decode() and "433101" not in response.content.decode()  # no repr
    for query in ({"employer": HUGE}, {"project": "x"}, {"opened_from": "2026-13-01"}):
        response = client.get("/api/v1/arrears/", query)
        assert response.status_code in (200, 400), query
        if response.status_code == 400:
            assert CJK.search(response.json()["message"])
    assert ArrearsWorker.objects.count() == 1
