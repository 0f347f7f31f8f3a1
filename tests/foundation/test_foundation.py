import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from casework.logging import redact
from casework.models import Jurisdiction
from casework.roles import Role

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_jurisdictions_are_seeded_with_gb2260_codes():
    codes = dict(Jurisdiction.objects.values_list("code", "name"))
    assert codes["433101"] == "吉首市"
    assert codes["433130"] == "龙山县"
    assert {"433122", "433123", "433124", "433125", "433126", "433127"} <= set(codes)
    assert Jurisdiction.objects.filter(level="prefecture").count() == 1
    assert Jurisdiction.objects.filter(level="zone").count() == 1
    assert Jurisdiction.objects.count() == 10


@pytest.mark.django_db
def test_every_role_is_a_group():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.label for role in Role} <= names


@pytest.mark.django_db
def test_login_page_then_my_work(client, make_user, jishou):
    user = make_user(Role.INSPECTOR, jishou)
    response = client.get(reverse("my-work"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    response = client.post(reverse("login"), {"username": user.username, "password": "Xiangxi#2026"})
    assert response.status_code == 302
    page = client.get(reverse("my-work")).content.decode()
    assert "我的工作" in page and "吉首市" in page and "劳动保障监察员" in page


@pytest.mark.django_db
def test_wrong_password_is_told_in_chinese(client, make_user):
    user = make_user(Role.CLERK)
    page = client.post(reverse("login"), {"username": user.username, "password": "nope"}).content.decode()
    assert "用户名或密码不正确" in page


@pytest.mark.django_db
def test_chinese_by_default_whatever_the_browser_language(client, make_user):
    client.force_login(make_user(Role.CLERK))
    page = client.get(reverse("my-work"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "我的工作" in page and "My work" not in page


@pytest.mark.django_db
def test_english_is_switchable(client, make_user):
    client.force_login(make_user(Role.CLERK))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "My work" in client.get(reverse("my-work")).content.decode()


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok" and response.json()["broker"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_broker_is_down(client, monkeypatch):
    from config.celery import app

    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")  # celery reads the env var first
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.conf, "broker_transport_options", {})
    app.pool.force_close_all()
    try:
        response = client.get("/healthz")
    finally:
        app.pool.force_close_all()
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_api_schema_and_docs(client, make_user):
    assert client.get("/api/v1/schema/").status_code in (401, 403)
    client.force_login(make_user(Role.INSPECTOR))
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200


@pytest.mark.django_db
def test_api_token_authentication(client, make_user):
    user = make_user(Role.INSPECTOR)
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": "Xiangxi#2026"}).json()
    response = client.get("/api/v1/schema/", HTTP_AUTHORIZATION=f"Token {token['token']}")
    assert response.status_code == 200


def test_logs_never_carry_id_numbers_or_phones():
    line = "complainant 43310119900101123X phone 13812345678 ref 2026"
    assert redact(line) == "complainant 4331**********123X phone 138****5678 ref 2026"


def test_secret_key_required_when_debug_off(tmp_path):
    env = {**os.environ, "DEBUG": "0", "VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
