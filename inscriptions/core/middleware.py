from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ChosenLanguageMiddleware:
    """French unless the visitor chose another language with the language switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a candidate with an
    English-language browser would land on a half-English public service whose notices are
    French. The choice is the visitor's, kept in the language cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """The headers every page carries (ASVS V14.4): a strict Content-Security-Policy (the site's
    own scripts and styles only, no inline code: no template has any), a Permissions-Policy that
    turns off the browser features the service never uses, and, for a signed-in user, no copy
    of any page kept by the browser or a proxy (each shows personal data). A view that sets its
    own policy (a document's sandboxed download or preview) keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _is_static(request):
            add_never_cache_headers(response)
        return response


def _is_static(request: HttpRequest) -> bool:
    return request.path.startswith(settings.STATIC_URL or "/static/")
