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
