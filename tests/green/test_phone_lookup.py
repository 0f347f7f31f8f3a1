"""(c) Looking up progress by phone number + a one-time SMS code."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import PublicLookupLog, PublicOneTimeCode
from casework.models.public import LookupOutcome
from casework.public import ratelimit
from casework.sms import LoggingSMSBackend

from .conftest import strip_csrf

pytestmark = pytest.mark.django_db


def ask_code(client, phone, **extra):
    return client.post(reverse("green:lookup-phone"), {"phone": phone}, **extra)


def send_code(client, code, follow=False):
    """The phone is the one this session asked a code for (kept on the server)."""
    return client.post(reverse("green:lookup-code"), {"code": code}, follow=follow)


def sent_code(phone) -> str:
    texts = [m for p, m in LoggingSMSBackend.sent if p == phone]
    return re.search(r"验证码是(\d{6})", texts[-1]).group(1)


def test_a_code_opens_every_case_of_that_phone(client, register, worker, django_capture_on_commit_callbacks):
    first, second = register(), register(workplace="另一个工地")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_code(client, worker.phone)
    assert "验证码已经发到这个号码" in response.content.decode()
    code = sent_code(worker.phone)
    html = send_code(client, code, follow=True).content.decode()
    assert first.number in html and second.number in html
    row = PublicOneTimeCode.objects.get()
    assert row.used_at is not None and code not in row.code_hash and worker.phone not in row.phone_hash
    # used once only
    assert "验证码不对或已过期" in send_code(client, code).content.decode()


def test_phone_without_cases_gets_the_same_page_and_no_sms(
    client, register, worker, django_capture_on_commit_callbacks, settings
):
    settings.GREEN_RATE_LIMITS = {"code_phone": (5, 60)}
    register()
    stranger = "13800000000"
    with django_capture_on_commit_callbacks(execute=True):
        answers = [ask_code(client, worker.phone), ask_code(client, stranger)]
    bodies = [
        strip_csrf(r.content.decode()).replace(p, "PHONE").replace(p[:3] + "****" + p[-4:], "MASKED")
        for r, p in zip(answers, [worker.phone, stranger], strict=True)
    ]
    assert answers[0].status_code == answers[1].status_code == 200 and bodies[0] == bodies[1]
    assert [p for p, _m in LoggingSMSBackend.sent] == [worker.phone]
    outcomes = list(PublicLookupLog.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == [LookupOutcome.CODE_SENT, LookupOutcome.CODE_NOT_SENT]
    wrong = []
    for phone in (worker.phone, stranger):
        ask_code(client, phone, REMOTE_ADDR="10.0.0.2")
        body = strip_csrf(send_code(client, "999999").content.decode())
        wrong.append(body.replace(phone[:3] + "****" + phone[-4:], "MASKED"))
    assert wrong[0] == wrong[1] and "验证码不对或已过期" in wrong[0]


def test_five_wrong_tries_burn_the_code(client, register, worker, django_capture_on_commit_callbacks):
    register()
    with django_capture_on_commit_callbacks(execute=True):
        ask_code(client, worker.phone)
    code = sent_code(worker.phone)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        assert "验证码不对或已过期" in send_code(client, wrong).content.decode()
    assert "验证码不对或已过期" in send_code(client, code).content.decode()


def test_a_code_expires_after_ten_minutes(client, register, worker, django_capture_on_commit_callbacks):
    register()
    with django_capture_on_commit_callbacks(execute=True):
        ask_code(client, worker.phone)
    PublicOneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "验证码不对或已过期" in send_code(client, sent_code(worker.phone)).content.decode()


def test_one_code_per_phone_per_minute(
    client, register, worker, monkeypatch, django_capture_on_commit_callbacks
):
    register()
    clock = {"t": 1_800_000_000.0}
    monkeypatch.setattr(ratelimit, "now", lambda: clock["t"])
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_code(client, worker.phone).status_code == 200
    again = ask_code(client, worker.phone, REMOTE_ADDR="10.1.1.1")
    assert again.status_code == 429 and "1分钟后再试" in again.content.decode()
    clock["t"] += 60
    PublicOneTimeCode.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_code(client, worker.phone).status_code == 200
    assert PublicOneTimeCode.objects.filter(used_at__isnull=True).count() == 1  # the older one is void


def test_code_requests_are_limited_per_ip(client, settings):
    settings.GREEN_RATE_LIMITS = {"code_ip": (2, 3600), "code_phone": (1, 60)}
    codes = [ask_code(client, f"1380000000{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_the_code_is_checked_against_the_lookup_limit_per_ip(client, settings):
    settings.GREEN_RATE_LIMITS = {"lookup_ip": (2, 600)}
    codes = [send_code(client, "123456").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_a_code_request_takes_the_same_path_whether_or_not_the_phone_has_cases(
    register, worker, settings, django_capture_on_commit_callbacks
):
    """No lookup, no code and no SMS in the request: one task queued after commit, whichever phone."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    register()
    runs = []
    for phone in (worker.phone, "13800000000"):
        with (
            django_capture_on_commit_callbacks(execute=False) as callbacks,
            CaptureQueriesContext(connection) as queries,
        ):
            response = ask_code(Client(), phone, REMOTE_ADDR=f"10.2.0.{len(runs)}")  # a new visitor each
        runs.append((response.status_code, len(callbacks), [q["sql"].split(" ")[0] for q in queries]))
    assert runs[0] == runs[1] and runs[0][:2] == (200, 1)
    assert (
        not PublicOneTimeCode.objects.exists() and not LoggingSMSBackend.sent
    )  # nothing made in the request


def test_a_daily_cap_of_codes_per_phone_and_per_address(client, register, worker, settings, monkeypatch):
    settings.GREEN_RATE_LIMITS = {"code_phone": (100, 60), "code_phone_day": (3, 86400), "code_ip": (100, 60)}
    clock = {"t": 1_800_000_000.0}
    monkeypatch.setattr(ratelimit, "now", lambda: clock["t"])
    codes = [ask_code(client, worker.phone, REMOTE_ADDR=f"10.3.0.{i}").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]  # from four addresses, the fourth of the day is refused
    settings.GREEN_RATE_LIMITS = {"code_ip": (100, 60), "code_ip_day": (2, 86400)}
    codes = [ask_code(client, f"1390000000{i}", REMOTE_ADDR="10.4.0.1").status_code for i in range(3)]
    assert codes == [200, 200, 429]
    clock["t"] += 86400  # the next day
    assert ask_code(client, worker.phone, REMOTE_ADDR="10.3.0.9").status_code == 200
