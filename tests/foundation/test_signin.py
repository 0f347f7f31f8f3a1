"""Staff sign-in (docs/security.md, item 1): lockout, second factor, password policy, idle sign-out, sign out
everywhere, recent sign-ins. The browser walks the same paths in tests/browser/test_signin.py."""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from casework.demo import DEMO_PASSWORD, DEMO_USERS
from casework.models import User
from casework.roles import Role
from casework.signin import LAST_SEEN, PRIVILEGED_ROLES

pytestmark = pytest.mark.django_db

LOCKED = "登录失败次数过多，该账号或本机地址已被暂时锁定"


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def unthrottle(device: TOTPDevice) -> None:
    """django-otp makes a wrong code cost a growing wait; a test that sends one resets it before the next."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def sign_in(client, username, password, ip="198.51.100.7"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def alert_text(response) -> str:
    match = re.search(r'role="alert"[^>]*>([^<]*)<', response.content.decode())
    return match.group(1) if match else ""


# --- lockout ---------------------------------------------------------------------------------------------


def test_lockout_answers_alike_for_an_account_on_file_and_one_that_is_not(client, make_user, settings):
    user = make_user(Role.CLERK)
    answers = {}
    for username, ip in ((user.username, "198.51.100.7"), ("nobody-here", "198.51.100.8")):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = sign_in(client, username, "wrong-password-1", ip)
            assert response.status_code == 200
            assert alert_text(response) == "用户名或密码不正确，请重新输入。"
        locked = sign_in(client, username, "wrong-password-1", ip)
        answers[username] = (locked.status_code, alert_text(locked))
    assert answers[user.username] == answers["nobody-here"]
    assert answers[user.username][0] == 429 and LOCKED in answers[user.username][1]
    assert user.username not in answers[user.username][1]
    # The right password from a fresh address is refused too: the account itself is locked.
    refused = sign_in(Client(), user.username, DEMO_PASSWORD, "203.0.113.99")
    assert refused.status_code == 429 and SESSION_KEY not in refused.wsgi_request.session


def test_one_address_trying_many_accounts_is_locked(client, make_user, settings):
    victims = [make_user(Role.CLERK) for _ in range(settings.AXES_FAILURE_LIMIT)]
    for victim in victims:
        last = sign_in(client, victim.username, "guess-password-1", "192.0.2.44")
    assert last.status_code == 429
    other = make_user(Role.INSPECTOR)
    assert sign_in(client, other.username, DEMO_PASSWORD, "192.0.2.44").status_code == 429
    assert sign_in(Client(), other.username, DEMO_PASSWORD, "192.0.2.45").status_code == 302


def test_the_admin_login_is_throttled_by_the_same_count(client, make_user, settings):
    admin = make_user(Role.SYSADMIN, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/admin/login/", {"username": admin.username, "password": "nope-nope-1"}, REMOTE_ADDR="192.0.2.9"
        )
    assert response.status_code == 429 and LOCKED in response.content.decode()


def test_an_administrator_unlocks_an_account(client, make_user, settings):
    user = make_user(Role.CLERK)
    superuser_client = Client()
    superuser_client.force_login(make_user(Role.SYSADMIN, is_staff=True, is_superuser=True))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "wrong-password-1", "198.51.100.20")
    assert sign_in(Client(), user.username, DEMO_PASSWORD, "198.51.100.21").status_code == 429
    response = superuser_client.post(
        "/admin/casework/user/",
        {"action": "unlock_sign_in", "_selected_action": [user.pk]},
        follow=True,
    )
    assert "已解除 1 个账号的登录锁定" in response.content.decode()
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    assert sign_in(Client(), user.username, DEMO_PASSWORD, "198.51.100.21").status_code == 302


def test_the_api_token_endpoint_is_locked_with_a_json_429(make_user, settings):
    user = make_user(Role.INSPECTOR)
    api = Client()
    statuses = []
    for username, ip in ((user.username, "198.51.100.30"), ("api-ghost", "198.51.100.31")):
        for _ in range(settings.AXES_FAILURE_LIMIT + 3):
            response = api.post(
                "/api/v1/auth/token/",
                {"username": username, "password": "wrong-password-1"},
                content_type="application/json",
                REMOTE_ADDR=ip,
            )
            statuses.append(response.status_code)
        body = response.json()
        assert response.status_code == 429, body
        assert body["code"] == "locked_out" and LOCKED in body["message"] and body["fields"] == {}
        assert response["Retry-After"]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [400] * (limit - 1)
    assert statuses[: limit + 3] == statuses[limit + 3 :]  # same answers for the account and the ghost


# --- second factor ---------------------------------------------------------------------------------------


def test_privileged_roles_are_the_ones_that_reveal_or_decide():
    assert {Role.INSPECTION_HEAD, Role.ARBITRATION_CHAIR, Role.DIRECTOR, Role.SYSADMIN} <= PRIVILEGED_ROLES
    assert {Role.CLERK, Role.INSPECTOR, Role.MEDIATOR} <= PRIVILEGED_ROLES
    assert Role.ARBITRATOR not in PRIVILEGED_ROLES and Role.AUDITOR not in PRIVILEGED_ROLES


@pytest.mark.parametrize(
    "role, all_staff, sent_to_setup",
    [
        (Role.DIRECTOR, False, True),
        (Role.ARBITRATION_CHAIR, False, True),
        (Role.SYSADMIN, False, True),
        (Role.ARBITRATOR, False, False),
        (Role.ARBITRATOR, True, True),
    ],
)
def test_a_required_second_factor_comes_before_any_page(
    client, make_user, settings, role, all_staff, sent_to_setup
):
    settings.SECOND_FACTOR_REQUIRED = True
    settings.SECOND_FACTOR_FOR_ALL_STAFF = all_staff
    client.force_login(make_user(role))
    response = client.get("/")
    if sent_to_setup:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/second-factor/setup/?next=/")
        api = client.get("/api/v1/notifications/")
        assert api.status_code == 403 and api.json()["code"] == "second_factor_required"
    else:
        assert response.status_code == 200


def test_the_second_factor_is_optional_in_the_demo(client, make_user, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    client.force_login(make_user(Role.DIRECTOR))
    assert client.get("/").status_code == 200


def test_enrolment_then_every_sign_in_asks_for_a_code(client, make_user, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    user = make_user(Role.DIRECTOR)
    assert sign_in(client, user.username, DEMO_PASSWORD)["Location"] == "/"
    setup = client.get("/accounts/second-factor/setup/")
    assert setup.status_code == 200 and "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/accounts/second-factor/setup/", {"code": "000000"}).status_code == 200
    unthrottle(device)
    assert client.post("/accounts/second-factor/setup/", {"code": code_for(device)}).status_code == 302
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    again = Client()
    sign_in(again, user.username, DEMO_PASSWORD)
    assert again.get("/")["Location"].startswith("/accounts/second-factor/verify/")
    # Enrolling a second device is no way around the code.
    assert again.get("/accounts/second-factor/setup/")["Location"].startswith(
        "/accounts/second-factor/verify/"
    )
    assert (
        "验证码不正确" in again.post("/accounts/second-factor/verify/", {"code": "123456"}).content.decode()
    )
    unthrottle(device)
    ok = again.post(
        "/accounts/second-factor/verify/", {"code": code_for(device, 1), "next": "/notifications/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/notifications/"
    assert again.get("/").status_code == 200


def test_an_enrolled_user_needs_the_code_even_where_it_is_optional(client, make_user, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    user = make_user(Role.ARBITRATOR)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(client, user.username, DEMO_PASSWORD)
    assert client.get("/")["Location"].startswith("/accounts/second-factor/verify/")


def test_the_api_token_asks_for_the_code_of_an_enrolled_user(make_user, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    user = make_user(Role.DIRECTOR)
    api = Client()

    def ask(**extra):
        body = {"username": user.username, "password": DEMO_PASSWORD, **extra}
        return api.post("/api/v1/auth/token/", body, content_type="application/json")

    not_enrolled = ask()
    assert (
        not_enrolled.status_code == 403 and not_enrolled.json()["code"] == "second_factor_enrolment_required"
    )
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    missing = ask()
    assert missing.status_code == 400 and "otp" in missing.json()["fields"]
    unthrottle(device)
    granted = ask(otp=code_for(device))
    assert granted.status_code == 200 and granted.json()["token"] == Token.objects.get(user=user).key


# --- password policy -------------------------------------------------------------------------------------


@pytest.mark.parametrize("username, full_name, _roles, _codes", DEMO_USERS)
def test_the_demo_password_passes_the_policy(username, full_name, _roles, _codes):
    user = User(username=username, full_name=full_name, email=f"{username}@rsj.xxz.example")
    validate_password(DEMO_PASSWORD, user)


@pytest.mark.parametrize(
    "password", ["Short#1", "password123", "qwertyuiop", "tianjiancha2026", "1234567890123"]
)
def test_weak_passwords_are_refused(password):
    user = User(username="tianjiancha", full_name="田监察", email="tianjiancha2026@rsj.xxz.example")
    with pytest.raises(ValidationError):
        validate_password(password, user)


# --- sessions --------------------------------------------------------------------------------------------


def test_an_idle_session_is_signed_out(client, make_user, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(make_user(Role.INSPECTOR))
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/notifications/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?idle=1")
    assert "自动退出" in client.get(response["Location"]).content.decode()
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_a_session_in_use_stays(client, make_user):
    client.force_login(make_user(Role.INSPECTOR))
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200


def test_sign_out_everywhere_ends_every_session_and_the_token(make_user):
    user = make_user(Role.INSPECTOR)
    office, phone = Client(), Client()
    office.force_login(user)
    phone.force_login(user)
    token = Token.objects.create(user=user)
    assert phone.get("/").status_code == 200
    assert office.post("/accounts/sign-out-everywhere/").status_code == 302
    assert phone.get("/")["Location"].startswith("/accounts/login/")
    assert office.get("/")["Location"].startswith("/accounts/login/")
    assert not Token.objects.filter(key=token.key).exists()
    fresh = Client()
    assert sign_in(fresh, user.username, DEMO_PASSWORD).status_code == 302
    assert fresh.get("/").status_code == 200


def test_the_account_page_lists_recent_sign_ins(client, make_user):
    user = make_user(Role.CLERK)
    sign_in(client, user.username, "wrong-password-1", "192.0.2.77")
    client.post(
        "/accounts/login/",
        {"username": user.username, "password": DEMO_PASSWORD},
        REMOTE_ADDR="192.0.2.78",
        HTTP_USER_AGENT="Mozilla/5.0 (单位电脑)",
    )
    page = client.get("/accounts/").content.decode()
    rows = re.findall(r'<tr class="(ok|failed)">(.*?)</tr>', page, re.S)
    assert [kind for kind, _ in rows] == ["ok", "failed"]
    assert "192.0.2.78" in rows[0][1] and "单位电脑" in rows[0][1]
    assert "192.0.2.77" in rows[1][1]
    other = make_user(Role.CLERK)
    client.force_login(other)
    assert "192.0.2.77" not in client.get("/accounts/").content.decode()
