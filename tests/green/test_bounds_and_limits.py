"""Amounts on every public form are bounded (a Chinese form error, never a 500), and every limit passed on the
green channel shows the same page."""

import re

import pytest
from django.urls import reverse

from arbitration.models import ArbitrationCase, MediationCase
from casework.inspection.models import Complaint
from casework.public import ratelimit

from .conftest import form_key

pytestmark = pytest.mark.django_db

BAD_AMOUNTS = [
    "1e30",
    "1e26",
    "NaN",
    "Infinity",
    "-Infinity",
    "-5",
    "-0.01",
    "1" + "0" * 30,
    "9" * 12,
    "１e９",
]


MESSAGES = {"请填写数字，如 8000 或 8000.50", "金额不能为负数", "金额不能超过999,999,999.99元，请核对"}


def _field_error(response, field: str) -> str:
    match = re.search(
        rf'<p class="g-error" id="id_{field}_error" role="alert">([^<]*)</p>', response.content.decode()
    )
    return match.group(1) if match else ""


def _is_amount_error(message: str) -> bool:
    return message in MESSAGES or message.endswith("太长了，最多 20 个字")


def _post(client, url, data):
    return client.post(url, {**data, "submission_key": form_key(client.get(url))})


@pytest.mark.parametrize("amount", BAD_AMOUNTS)
def test_a_wild_amount_on_the_complaint_form_is_a_form_error(client, complaint_data, amount):
    response = _post(client, reverse("green:complaint"), complaint_data(arrears_amount=amount))
    assert response.status_code == 200, amount
    assert _is_amount_error(_field_error(response, "arrears_amount")), amount
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("code", ["mediation", "arbitration"])
@pytest.mark.parametrize("amount", BAD_AMOUNTS)
def test_a_wild_amount_on_the_application_forms_is_a_form_error(client, complaint_data, code, amount):
    data = {**complaint_data(), "claims": "支付工资", "facts": "欠薪三个月", "amount": amount}
    response = _post(client, reverse("green:apply", args=[code]), data)
    assert response.status_code == 200, amount
    assert _is_amount_error(_field_error(response, "amount")), amount
    assert not ArbitrationCase.objects.exists() and not MediationCase.objects.exists()


def test_every_limit_on_the_green_channel_shows_the_same_page(client, complaint_data, settings, monkeypatch):
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)  # the start of an hour's window
    settings.GREEN_RATE_LIMITS = {name: (0, 3600) for name in ("submit_ip", "lookup_ip", "code_ip")}
    posts = {
        reverse("green:complaint"): complaint_data(),
        reverse("green:apply", args=["mediation"]): {**complaint_data(), "claims": "工资", "facts": "欠薪"},
        reverse("green:apply", args=["arbitration"]): {**complaint_data(), "claims": "工资", "facts": "欠薪"},
        reverse("green:lookup"): {"case_number": "吉首劳监投〔2026〕0012号", "id_suffix": "123456"},
        reverse("green:lookup-phone"): {"phone": "13974301234"},
        reverse("green:lookup-code"): {"code": "123456"},
    }
    bodies = set()
    for url, data in posts.items():
        response = client.post(url, {**data, "submission_key": "k" * 32})
        assert response.status_code == 429 and response["Retry-After"], url
        assert [t.name for t in response.templates][0] == "green/rate_limited.html", url
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        bodies.add(re.sub(r'href="/green/[^"]*" class="g-button"|class="g-button" href="[^"]*"', "", body))
    assert len(bodies) == 1 and "操作太频繁了，请60分钟后再试" in bodies.pop()
