"""Staff sign-in (docs/security.md, item 1): lockout answers, the second-factor rule, idle sign-out, sign out
everywhere and each user's recent sign-ins.

Counting failed attempts and refusing a locked-out username or address is django-axes' (settings ``AXES_*``);
the TOTP devices are django-otp's. What is decided here:

- the lockout answer names neither the account nor whether it exists: the same page (or JSON 429 under
  ``/api/``) for a username on file and one that is not;
- who must present a second factor (``second_factor_required``): with ``SECOND_FACTOR_REQUIRED`` (default: when
  DEBUG is off) administrators and the roles that reveal personal data or decide (``PRIVILEGED_ROLES``), with
  ``SECOND_FACTOR_FOR_ALL_STAFF`` everybody, and in any case whoever has enrolled a device;
- the rule is worked out once at sign-in and kept in the session, so pages pay no query for it.
"""

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model, logout
from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.api.exceptions import error_body, json_error
from casework.roles import UNMASKED_PERSONAL_DATA_ROLES, Role

# Roles whose holders may reveal personal data or decide a case, and the administrators.
PRIVILEGED_ROLES = frozenset(
    UNMASKED_PERSONAL_DATA_ROLES
    | {Role.INSPECTION_HEAD, Role.ARBITRATION_CHAIR, Role.DIRECTOR, Role.SYSADMIN}
)

SECOND_FACTOR = "_second_factor"  # session: "" (not needed), "verify" (has a device) or "enrol"
LAST_SEEN = "_last_seen"  # session: Unix time of the last request (idle sign-out)


def lockout_message() -> str:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return _(
        "登录失败次数过多，该账号或本机地址已被暂时锁定。请%(minutes)s分钟后再试，或联系系统管理员解锁。"
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out attempt (``AXES_LOCKOUT_CALLABLE``): one message whatever the
    username, a Chinese page for pages, the API's error shape with 429 under ``/api/``."""
    message = lockout_message()
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        body = error_body(429, message, code="locked_out")
        return json_error(body, 429, {"Retry-After": retry_after})
    response = render(request, "registration/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = retry_after
    return response


def second_factor_required(user) -> bool:
    """Whether the policy requires this user to present a TOTP code (enrolled or not)."""
    if not user.is_active:
        return False
    if getattr(settings, "SECOND_FACTOR_FOR_ALL_STAFF", False):
        return True
    if not getattr(settings, "SECOND_FACTOR_REQUIRED", False):
        return False
    return user.is_superuser or user.is_staff or user.has_role(*PRIVILEGED_ROLES)


def confirmed_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def second_factor_step(user) -> str:
    """What the user still owes after the password: "verify", "enrol" or "" (nothing)."""
    if confirmed_device(user) is not None:
        return "verify"  # whoever enrolled uses the factor, required or not
    return "enrol" if second_factor_required(user) else ""


def _on_login(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    session[LAST_SEEN] = int(time.time())
    session[SECOND_FACTOR] = second_factor_step(user)


user_logged_in.connect(_on_login, dispatch_uid="casework.signin.on_login")


def sign_out_everywhere(user) -> None:
    """End every session of the user (the session hash carries ``session_epoch``) and their API token."""
    from rest_framework.authtoken.models import Token

    get_user_model().objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    Token.objects.filter(user=user).delete()


def recent_sign_ins(user, limit: int = 20) -> list[dict]:
    """The user's latest sign-ins, successful and failed, newest first (from django-axes' logs)."""
    from axes.models import AccessFailureLog, AccessLog

    fields = ("attempt_time", "ip_address", "user_agent")
    username = user.get_username()
    ok = AccessLog.objects.filter(username=username).order_by("-attempt_time").values(*fields)[:limit]
    failed = (
        AccessFailureLog.objects.filter(username=username).order_by("-attempt_time").values(*fields)[:limit]
    )
    rows = [{**row, "succeeded": True} for row in ok] + [{**row, "succeeded": False} for row in failed]
    rows.sort(key=lambda row: row["attempt_time"], reverse=True)
    return rows[:limit]


def _api(request) -> bool:
    return request.path.startswith("/api/")


class IdleTimeoutMiddleware:
    """Sign a user out after ``SESSION_IDLE_TIMEOUT_MINUTES`` without a request.

    The time of the last request is written to the session at most once a minute, so an active user does
    not cost a session write per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            last = session.get(LAST_SEEN)
            if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                if request.method == "GET" and not _api(request):
                    next_url = quote(request.get_full_path())
                    return redirect(f"{reverse('login')}?idle=1&next={next_url}")
            elif last is None or now - last >= 60:
                session[LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """A signed-in user who owes a second factor reaches nothing but the enrol/verify pages and sign-out."""

    OPEN_PREFIXES = ("/static/", "/green/", "/i18n/", "/healthz")
    OPEN_NAMES = ("login", "logout", "second-factor-verify", "second-factor-setup", "admin:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        step = session.get(SECOND_FACTOR) if session is not None else None
        if step and not self._open(request.path) and request.user.is_authenticated:
            if not request.user.is_verified():
                return self._refuse(request, step)
        return self.get_response(request)

    def _open(self, path: str) -> bool:
        return path.startswith(self.OPEN_PREFIXES) or path in {reverse(name) for name in self.OPEN_NAMES}

    @staticmethod
    def _refuse(request, step: str):
        if _api(request):
            message = _("请先在网页上完成动态验证码验证")
            return json_error(error_body(403, message, code="second_factor_required"), 403)
        url = reverse("second-factor-verify" if step == "verify" else "second-factor-setup")
        return redirect(f"{url}?next={quote(request.get_full_path())}")
