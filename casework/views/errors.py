"""Error pages: JSON in the API's error shape under ``/api/``, Django's own pages elsewhere."""

from django.views import defaults

from casework.api.exceptions import api_not_found, api_server_error


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
