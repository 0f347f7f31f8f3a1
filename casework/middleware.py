from django.conf import settings
from django.utils import translation


class DefaultLanguageMiddleware:
    """Simplified Chinese unless the user chose another language (the language cookie).

    The browser's Accept-Language is ignored on purpose: the bureau works in Chinese whatever language
    a workstation's browser happens to be set to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RefuseNulCharactersMiddleware:
    """A NUL character in a query string or a form/JSON body is a 400 naming the field, before any view runs.

    No field of this system holds one, and PostgreSQL refuses it in text (the query would fail with a 500
    wherever a view passes a parameter to the database without a form). Uploaded files (multipart) may
    contain NUL bytes and are not looked at.
    """

    MESSAGE = "提交的内容含有不允许的控制字符（NUL），请检查后重试"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = self._fields_with_nul(request)
        if fields:
            from django.http import HttpResponseBadRequest

            if request.path.startswith("/api/"):
                from casework.api.exceptions import error_body, json_error

                body = error_body(400, self.MESSAGE, fields={f: [self.MESSAGE] for f in fields})
                return json_error(body, 400)
            return HttpResponseBadRequest(self.MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _fields_with_nul(request) -> list[str]:
        import json
        from urllib.parse import parse_qsl

        def named(pairs) -> list[str]:
            return [key or "non_field_errors" for key, value in pairs if "\x00" in key or "\x00" in value]

        found = named(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/x-www-form-urlencoded"):
            found += named(parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True))
        elif content_type.startswith("application/json") and (
            b"\\u0000" in request.body or b"\x00" in request.body
        ):
            try:
                data = json.loads(request.body)
            except ValueError:
                return found + ["non_field_errors"]
            items = data.items() if isinstance(data, dict) else [("non_field_errors", data)]
            found += [key for key, value in items if "\\u0000" in json.dumps([key, value])]
            found = found or ["non_field_errors"]
        return found


class NoStoreForStaffMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user (session or API token).

    Case pages, PDFs, evidence downloads and exports carry personal data; nothing a signed-in user is
    shown may stay in a browser's or a proxy's cache. (The public green channel's pages set it themselves,
    casework.public.security.public_page; static files are answered before this runs.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
