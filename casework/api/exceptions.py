"""One error shape for all of ``/api/v1/``: ``{"code": ..., "message": ..., "fields": {field: [messages]}}``.

Every failure answers in it, whatever raised it: a serializer or a service (``ValidationError`` → 400 with
the fields named), the kernel's ``TransitionError`` family (403/404/409 with their own codes), DRF's own
exceptions (401 unauthenticated, 405, 415, 429…), a URL that matches nothing (``api_not_found``) and an
unexpected exception (500, logged with its traceback, the body saying only that it failed). Messages are
Chinese: a DRF or Django default in English is replaced by the status's Chinese message; a nested error
(``claims[0].amount``) is flattened to a dotted field name, never a Python repr.
"""

import logging
import re

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from casework.services.transitions import TransitionError

logger = logging.getLogger("casework.api")

MESSAGES = {
    400: ("invalid", "提交的内容有误"),
    401: ("not_authenticated", "请先登录：身份认证信息未提供或已失效"),
    403: ("forbidden", "您无权执行此操作"),
    404: ("not_found", "未找到该记录，或您无权查看"),
    405: ("method_not_allowed", "不支持该请求方法"),
    406: ("not_acceptable", "无法提供所请求的格式"),
    409: ("conflict", "案件已被他人修改，请刷新后重试"),
    413: ("too_large", "提交的内容过大"),
    415: ("unsupported_media_type", "不支持该请求内容类型，请以 JSON 提交"),
    429: ("throttled", "请求过于频繁，请稍后再试"),
    500: ("server_error", "服务器内部错误，已记录，请稍后再试或联系系统管理员"),
}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def error_body(status_code: int, message: str = "", *, code: str = "", fields: dict | None = None) -> dict:
    default_code, default_message = MESSAGES.get(status_code, ("error", "请求失败"))
    return {"code": code or default_code, "message": message or default_message, "fields": fields or {}}


def _chinese(message, status_code: int) -> str:
    """The message if it is Chinese; the status's Chinese message for an English default."""
    text = str(message or "")
    if text.startswith("CSRF Failed"):
        return "页面已过期（CSRF 校验失败），请刷新后重试"
    return text if _CJK.search(text) else MESSAGES.get(status_code, ("", "请求失败"))[1]


def flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as ``{"field" | "field[0].sub": ["message", ...]}`` with plain strings."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            if isinstance(key, int):  # an item of a list field: the field's name, the item in the message
                for field, messages in flatten(value, f"{prefix}[{key}]").items():
                    name = prefix if field == f"{prefix}[{key}]" else field
                    item = f"第{key + 1}项：" if name == prefix else ""
                    out.setdefault(name, []).extend(item + m for m in messages)
                continue
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in flatten(value, name).items():
                out.setdefault(field, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            if detail:
                out[prefix or "non_field_errors"] = [_chinese(m, 400) for m in detail]
        else:
            for index, item in enumerate(detail):
                for field, messages in flatten(item, f"{prefix}[{index}]").items():
                    out.setdefault(field, []).extend(messages)
    elif detail is not None:
        out[prefix or "non_field_errors"] = [_chinese(detail, 400)]
    return out


def json_error(body: dict, status_code: int, headers=None) -> JsonResponse:
    """Always JSON, whatever the view renders otherwise (the schema view's YAML, the browsable API)."""
    response = JsonResponse(body, status=status_code, json_dumps_params={"ensure_ascii": False})
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def validation_response(fields: dict[str, list[str]], headers=None) -> JsonResponse:
    first = next((messages[0] for messages in fields.values() if messages), "")
    return json_error(error_body(400, first, fields=fields), 400, headers)


def exception_handler(exc, context):
    if isinstance(exc, TransitionError):
        return json_error(error_body(exc.status_code, exc.message, code=exc.code), exc.status_code)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return validation_response(flatten(detail))
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, ObjectDoesNotExist | Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:  # not an API exception: an unexpected failure
        logger.exception("API 请求处理失败：%s", context["request"].path if context.get("request") else "")
        return json_error(error_body(500), status.HTTP_500_INTERNAL_SERVER_ERROR)
    headers = {k: v for k, v in response.headers.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    if isinstance(exc, exceptions.ValidationError):
        return validation_response(flatten(response.data), headers)
    data = response.data
    detail = data.get("detail", "") if isinstance(data, dict) else data
    message = _chinese(detail, response.status_code)
    if isinstance(exc, exceptions.ParseError) and not _CJK.search(str(detail)):
        message = "请求内容不是有效的 JSON"
    if isinstance(exc, exceptions.Throttled) and exc.wait:
        message = f"请求过于频繁，请在{int(exc.wait) + 1}秒后再试"
    code = MESSAGES.get(response.status_code, ("error", ""))[0]
    return json_error(error_body(response.status_code, message, code=code), response.status_code, headers)


def api_not_found(request, exception=None):
    """404 for a URL under ``/api/`` that matches no route (``handler404`` delegates here)."""
    return json_error(error_body(404), 404)


def api_server_error(request):
    return json_error(error_body(500), 500)
