"""Public pages: no login, Chinese, mobile markup, security headers, CSRF in plain words."""

import pytest
from django.test import Client
from django.urls import reverse

from casework.inspection.models import Complaint

from .conftest import form_key

pytestmark = pytest.mark.django_db

PUBLIC_GETS = [
    "green:home",
    "green:complaint",
    "green:apply-index",
    "green:lookup",
    "green:lookup-phone",
]


@pytest.mark.parametrize("name", PUBLIC_GETS)
def test_public_pages_need_no_login_and_carry_the_safety_headers(client, name):
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html and 'name="viewport"' in html and "green.css" in html
    assert "<script" not in html  # works without JavaScript, nothing to inject into
    assert "退出</button>" not in html and "bell" not in html  # no staff navigation
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "script-src" not in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_stay_chinese_for_a_staff_member_who_chose_english(client):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("green:complaint")).content.decode()
    assert "您的姓名" in html and "请选择" in html


def test_receipts_are_not_cached_and_expire(client, submit, complaint_data, settings):
    response = submit(complaint_data(), follow=False)
    receipt = client.get(response["Location"])
    assert receipt["Cache-Control"] == "no-store" and receipt.status_code == 200
    pdf = client.get(response["Location"] + "pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    settings.GREEN_RECEIPT_MAX_AGE = -1
    expired = client.get(response["Location"])
    assert expired.status_code == 404 and "这个回执链接已失效" in expired.content.decode()
    number = Complaint.objects.get().number
    assert number not in expired.content.decode()


def test_a_tampered_receipt_token_shows_nothing(client, submit, complaint_data):
    location = submit(complaint_data(), follow=False)["Location"]
    token = location.split("/")[-2]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(reverse("green:receipt", args=[forged]))
    assert response.status_code == 404 and Complaint.objects.get().number not in response.content.decode()


def test_posts_without_the_csrf_token_are_refused_in_plain_words(complaint_data):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("green:complaint"))
    response = browser.post(
        reverse("green:complaint"), {**complaint_data(), "submission_key": form_key(page)}
    )
    assert response.status_code == 403 and "页面已过期，请重新打开" in response.content.decode()
    lookup = browser.post(reverse("green:lookup"), {"case_number": "x", "id_suffix": "123456"})
    assert lookup.status_code == 403
    assert Complaint.objects.count() == 0


def test_with_the_token_the_form_goes_through(complaint_data):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("green:complaint"))
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        reverse("green:complaint"),
        {**complaint_data(), "submission_key": form_key(page), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and Complaint.objects.count() == 1


def test_staff_csrf_failures_keep_djangos_page(make_user):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403 and "页面已过期，请重新打开" not in response.content.decode()


def test_the_login_page_links_to_the_green_channel(client):
    assert 'href="/green/"' in client.get(reverse("login")).content.decode()


def test_behind_a_proxy_the_forwarded_address_is_used_only_when_trusted(rf, settings):
    from casework.public.security import client_ip, ip_prefix

    request = rf.get("/green/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "10.0.0.1"
    settings.GREEN_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # the address our own proxy saw, not the spoofable first
    assert ip_prefix("203.0.113.9") == "203.0.113.0" and ip_prefix("2001:db8:1:2::5") == "2001:db8:1::"
