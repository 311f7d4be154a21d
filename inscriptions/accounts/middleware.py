from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils.translation import gettext as _

from .otp import is_verified, needs_second_factor

# What an office member's session reaches with the password alone: the public pages, the
# account's own pages (the second factor among them, and logging out), the language switch, and
# the API's token door, which asks for the second factor itself.
OPEN_NAMESPACES = {"core", "accounts"}
OPEN_VIEWS = {"set_language", "api:token", "api:schema", "catalog:home", "catalog:sessions"}


def _top_namespace(match: ResolverMatch) -> str:
    return match.namespaces[0] if match.namespaces else ""


class SecondFactorMiddleware:
    """An office member who gave the password but not yet the second factor reaches nothing
    else: every other page sends them to the code page, every API call is refused (403).

    The office's pages also say so themselves (``office_member_required``): this covers the
    pages and API views that serve the office and the candidates alike (documents, dossiers).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._allowed(request):
            return self.get_response(request)
        if self._is_api(request):
            if self._sends_a_token(request):
                # DRF then authenticates the token alone, never falling back on the session.
                return self.get_response(request)
            return JsonResponse(
                {"detail": _("Donnez d'abord le code de la vérification en deux étapes.")},
                status=403,
            )
        return redirect_to_login(request.get_full_path(), reverse("accounts:otp_verify"))

    @staticmethod
    def _sends_a_token(request: HttpRequest) -> bool:
        words = request.headers.get("authorization", "").split()
        return bool(words) and words[0].lower() == "token"

    @staticmethod
    def _allowed(request: HttpRequest) -> bool:
        user = request.user
        if not needs_second_factor(user) or is_verified(user):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return _top_namespace(match) in OPEN_NAMESPACES or match.view_name in OPEN_VIEWS

    @staticmethod
    def _is_api(request: HttpRequest) -> bool:
        try:
            return _top_namespace(resolve(request.path_info)) == "api"
        except Resolver404:
            return False
