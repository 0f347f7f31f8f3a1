import re
import uuid
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.inspection import services as svc
from casework.inspection.models import ComplaintKind, ViolationType
from casework.sms import LoggingSMSBackend
from tests.factories import EmployerFactory, PersonFactory, make_id_number

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _own_cache_and_sms(settings):
    """Rate-limit counters of one test never leak into another; the SMS outbox starts empty."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"green-{uuid.uuid4().hex}",
        }
    }
    LoggingSMSBackend.sent.clear()
    yield
    LoggingSMSBackend.sent.clear()


@pytest.fixture(autouse=True)
def _eager_celery(monkeypatch):
    """The one-time code is made and sent by a Celery task queued after commit: run it in-process. (Eager
    ``delay`` still borrows a producer from the app's broker pool, which another test may have closed.)"""
    from casework.tasks import send_lookup_code

    monkeypatch.setattr(send_lookup_code, "delay", lambda *args: send_lookup_code.run(*args))


def form_key(response) -> str:
    return KEY_RE.search(response.content.decode()).group(1)


@pytest.fixture
def complaint_data():
    def make(**overrides):
        data = {
            "name": "田秀兰",
            "id_number": make_id_number(area="433127"),
            "phone": "13974301234",
            "hometown": "湖南省湘西州永顺县",
            "employer_name": "吉首市某劳务有限公司",
            "employer_credit_code": "",
            "county": "433101",
            "workplace": "吉首市乾州街道安置房工地",
            "project_name": "乾州安置房二期",
            "start_month": "2026-07",
            "arrears_months": "3",
            "arrears_amount": "18,000",
            "coworkers_count": "2",
            "coworker_names": "彭大哥、石二哥",
            "description": "老板说年底再给",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def submit(client):
    """GET the form (for a token), then POST it; returns the POST response."""

    def do(data, photos=(), follow=True, key=None):
        page = client.get(reverse("green:complaint"))
        payload = {**data, "submission_key": key or form_key(page)}
        if photos:
            payload["photos"] = list(photos)
        return client.post(reverse("green:complaint"), payload, follow=follow)

    return do


def photo(name="工资条.png", content=PNG):
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.fixture
def others(jishou, luxi, make_user):
    """Other people with cases in the database, whose data must never reach a public page."""
    from casework.roles import Role

    clerk = make_user(Role.CLERK, jishou, luxi)
    persons = [
        PersonFactory(name="向秀英", phone="13911110001", jurisdiction=jishou),
        PersonFactory(name="龙大勇", phone="13911110002", jurisdiction=luxi),
        PersonFactory(name="符小梅", phone="13911110003", jurisdiction=jishou),
    ]
    cases = []
    for person, unit in zip(persons, [jishou, luxi, jishou], strict=True):
        cases.append(
            svc.complaint_register(
                actor=clerk,
                jurisdiction=unit,
                kind=ComplaintKind.COMPLAINT,
                complainant=person,
                co_complainants=[p for p in persons if p is not person][:1],
                employer=EmployerFactory(jurisdiction=unit),
                workplace="某工地",
                facts=f"{person.name}的工资未发，电话{person.phone}",
                violation_types=[ViolationType.WAGE_ARREARS],
                arrears_amount="5000",
                arrears_months=2,
                received_on=date(2026, 11, 2),
            )
        )
    return {"persons": persons, "cases": cases}


def strip_csrf(html: str) -> str:
    return CSRF_RE.sub('name="csrfmiddlewaretoken" value=""', html)
