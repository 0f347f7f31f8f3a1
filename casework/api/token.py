"""``POST /api/v1/auth/token/``: an API token for a username, a password and — for whoever owes a second
factor (casework.signin) — a current TOTP code.

Failed attempts count towards the same lockout as the sign-in page (django-axes sees the Django request);
a locked-out username or address is answered 429 in the API's error shape, the same for every username.
"""

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.api.exceptions import error_body, json_error
from casework.signin import confirmed_device, lockout_response, second_factor_required

BAD_CREDENTIALS = "用户名或密码不正确"


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    otp = serializers.RegexField(
        r"^\d{6}$",
        required=False,
        allow_blank=True,
        help_text="动态验证码（已启用动态验证码或岗位要求时必填）",
        error_messages={"invalid": "动态验证码应为6位数字"},
    )


class ObtainTokenView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(
            django_request, username=data.validated_data["username"], password=data.validated_data["password"]
        )
        if getattr(django_request, "axes_locked_out", False):
            return lockout_response(django_request)
        if user is None or not user.is_active:
            raise serializers.ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
        device = confirmed_device(user)
        if device is None and second_factor_required(user):
            message = "请先在网页上（我的账户）启用动态验证码"
            return json_error(error_body(403, message, code="second_factor_enrolment_required"), 403)
        if device is not None and not device.verify_token(data.validated_data.get("otp") or ""):
            raise serializers.ValidationError({"otp": ["动态验证码不正确或尝试过于频繁"]})
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
