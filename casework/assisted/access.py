"""Helpers stay on their own pages: no staff page, no API, no admin.

``is_helper``: the account holds an outside role (``casework.roles.OUTSIDE_ROLES``) and is not a superuser.
``HelperConfinementMiddleware`` answers every staff page of a helper's session with 403 (the home page sends
them to their own); ``NoHelpers`` (a default DRF permission) answers every API call of a helper — by session
or token — with 404, as for anything they cannot see. ``helper_required`` guards the helper's own pages.
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from casework.roles import OUTSIDE_ROLES

# Paths a helper's session may open besides their own pages: signing in and out, their account (password,
# second factor, sign-ins), the language switch, the public green channel, static files.
OPEN_TO_HELPERS = ("/assisted/", "/accounts/", "/i18n/", "/green/", "/static/", "/healthz", "/favicon.ico")


def is_helper(user) -> bool:
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    return bool(user.role_codes & {role.value for role in OUTSIDE_ROLES})


def helper_required(view):
    """Signed in as a helper; anyone else signed in is refused (403), anyone not signed in sent to sign in."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_helper(request.user):
            raise PermissionDenied("只有登记的代办员可以使用代为提交")
        return view(request, *args, **kwargs)

    return wrapped


class HelperConfinementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        if (
            user is not None
            and not path.startswith("/api/")  # the API answers for itself (``NoHelpers``), in its own shape
            and not path.startswith(OPEN_TO_HELPERS)
            and is_helper(user)
        ):
            if path == "/":
                return redirect(reverse("assisted:home"))
            raise PermissionDenied("代办员账户只能使用代为提交")
        return self.get_response(request)


class NoHelpers(BasePermission):
    """No API for helpers: 404, the answer for anything a user cannot see."""

    message = "代办员账户不能使用工作人员接口"

    def has_permission(self, request, view) -> bool:
        if is_helper(request.user):
            raise NotFound(self.message)
        return True
