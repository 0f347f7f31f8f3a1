import re

import pytest
from django.urls import reverse

from casework.assisted.models import Helper, HelperKind
from casework.roles import Role
from casework.sms import LoggingSMSBackend
from tests.factories import make_id_number

KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')
CODE_RE = re.compile(r"验证码(\d{6})")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
WORKER_PHONE = "13974305678"


@pytest.fixture(autouse=True)
def _sms_outbox():
    LoggingSMSBackend.sent.clear()
    yield
    LoggingSMSBackend.sent.clear()


@pytest.fixture
def make_helper(make_user, jishou):
    def make(unit="吉首市总工会", full_name="向工会", kind=HelperKind.TRADE_UNION, **extra):
        user = make_user(Role.HELPER, full_name=full_name, **extra)
        Helper.objects.create(user=user, kind=kind, unit=unit, jurisdiction=jishou)
        return user

    return make


@pytest.fixture
def helper(make_helper):
    return make_helper()


@pytest.fixture
def helper_client(client, helper):
    client.force_login(helper)
    return client


@pytest.fixture
def worker_data():
    def make(**overrides):
        data = {
            "name": "田秀兰",
            "id_number": make_id_number(area="433127"),
            "phone": WORKER_PHONE,
            "hometown": "湖南省湘西州永顺县",
            "employer_name": "吉首市某劳务有限公司",
            "employer_credit_code": "",
            "county": "433101",
            "workplace": "吉首市乾州街道安置房工地",
            "project_name": "乾州安置房二期",
            "start_month": "2026-07",
            "arrears_months": "3",
            "arrears_amount": "18000",
            "coworkers_count": "0",
            "coworker_names": "",
            "description": "老板说年底再给",
        }
        data.update(overrides)
        return data

    return make


def sent_code(phone=WORKER_PHONE) -> str:
    """The latest consent code in the SMS outbox for ``phone``."""
    for to, text in reversed(LoggingSMSBackend.sent):
        if to == phone and (found := CODE_RE.search(text)):
            return found.group(1)
    raise AssertionError(f"no code sent to {phone}: {list(LoggingSMSBackend.sent)}")


@pytest.fixture
def fill(django_capture_on_commit_callbacks):
    """Step 1 as a helper: GET the form (for its token), POST it; returns the consent page's URL."""

    def do(client, data, photos=(), code="complaint"):
        page = client.get(reverse("assisted:file", args=[code]))
        assert page.status_code == 200
        payload = {**data, "submission_key": KEY_RE.search(page.content.decode()).group(1)}
        if photos:
            payload["photos"] = list(photos)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("assisted:file", args=[code]), payload)
        assert response.status_code == 302, response.content.decode()[:2000]
        return response["Location"]

    return do
