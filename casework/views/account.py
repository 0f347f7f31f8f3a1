"""The signed-in user's own account: recent sign-ins, sign out everywhere, TOTP enrolment and verification."""

from urllib.parse import parse_qs, quote, urlsplit

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.signin import (
    SECOND_FACTOR,
    confirmed_device,
    recent_sign_ins,
    second_factor_required,
    sign_out_everywhere,
)


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("动态验证码"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("请输入验证器上显示的6位数字")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request, default: str = "my-work"):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@login_required
def account(request):
    user = request.user
    return render(
        request,
        "registration/account.html",
        {
            "sign_ins": recent_sign_ins(user),
            "device": confirmed_device(user),
            "second_factor_required": second_factor_required(user),
        },
    )


@login_required
@require_POST
def sign_out_all(request):
    sign_out_everywhere(request.user)
    logout(request)
    messages.success(request, _("已在所有设备上退出登录，API 令牌已作废。请重新登录。"))
    return redirect("login")


def qr_svg(text: str) -> str:
    """The QR code as inline SVG, drawn on the server: no image service, no script."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
def setup(request):
    """Enrol a TOTP device: scan the QR code (or type the key), then confirm with one code."""
    user = request.user
    if confirmed_device(user) is not None:
        if not user.is_verified():
            return redirect(f"{reverse('second-factor-verify')}?next={quote(_next_url(request, ''))}")
        messages.info(request, _("您已启用动态验证码。"))
        return redirect("account")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("验证器"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, device)
            request.session[SECOND_FACTOR] = "verify"
            messages.success(request, _("动态验证码已启用，以后每次登录都需要输入。"))
            return redirect(_next_url(request, "account"))
        form.add_error("code", _("验证码不正确，请核对手机时间后重试"))
    return render(
        request,
        "registration/second_factor_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": _spaced(device.config_url),
            "next": _next_url(request, ""),
        },
    )


def _spaced(config_url: str) -> str:
    """The base32 secret from the otpauth URL, in groups of four for typing by hand."""
    secret = parse_qs(urlsplit(config_url).query)["secret"][0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def verify(request):
    """The second step of signing in: one code from the enrolled device (throttled by django-otp)."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect("second-factor-setup")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("验证码不正确或尝试过于频繁，请稍后重试"))
    return render(
        request, "registration/second_factor_verify.html", {"form": form, "next": _next_url(request, "")}
    )
