"""Error pages: JSON in the API's error shape under ``/api/``, Django's own pages elsewhere."""

import re

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views import defaults

from casework.api.exceptions import api_not_found, api_server_error, error_body

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _is_api(request):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return api_server_error(request)
    return defaults.server_error(request)


def permission_denied(request, exception=None):
    """403 with the refusal's own Chinese reason ("您的岗位无权查看完整号码"…) on a staff page; the API's shape
    under ``/api/``. (``handler403`` in ``config/urls.py``.)"""
    reason = str(exception or "")
    reason = reason if _CHINESE.search(reason) else ""
    if _is_api(request):
        return JsonResponse(error_body(403, reason), status=403, json_dumps_params={"ensure_ascii": False})
    response = TemplateResponse(request, "casework/errors/403.html", {"reason": reason}, status=403)
    return response.render()
