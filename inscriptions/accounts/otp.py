"""The exam office's second factor: the checks that the office's pages and API views ask.

Office staff and académie administrators see every candidate's dossier, so a password alone is
not enough for them: after it, the session must also give a code of their authenticator app
(TOTP) or one of their recovery codes (django-otp). Candidates are not asked for one.

- ``office_member_required`` guards every ``/bureau/…`` view;
- ``IsVerifiedOfficeMember`` guards the API views meant for the office.
"""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView

# Streamed and file responses too (exports, archives), not only HttpResponse.
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def needs_second_factor(user: Any) -> bool:
    """Whether this user must give a second factor after the password."""
    return bool(user.is_authenticated and getattr(user, "is_office_member", False))


def is_verified(user: Any) -> bool:
    """Whether this request's session gave the second factor (set by ``OTPMiddleware``)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())


def token_gave_second_factor(token: Token) -> bool:
    """Whether an office member's API token was issued with the second factor.

    ``TokenView`` asks office members for a code, so a token issued since their authenticator
    was set up was; an older one (issued before the account joined the office, or before a new
    authenticator replaced the old one) was not, and does not count.
    """
    device = (
        TOTPDevice.objects.filter(user_id=token.user_id, confirmed=True)
        .order_by("-created_at")
        .first()
    )
    return bool(device and device.created_at and token.created >= device.created_at)


def office_member_required(view: View) -> View:
    """For the exam office's pages.

    Anonymous → the login page, coming back here afterwards; a candidate → 404, as if the page
    did not exist; an office member whose session has not given the second factor → the code
    page (or the authenticator set-up, the first time), coming back here afterwards.
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not needs_second_factor(user):
            raise Http404
        if not is_verified(user):
            return redirect_to_login(request.get_full_path(), reverse("accounts:otp_verify"))
        return view(request, *args, **kwargs)

    return cast(View, guarded)


class IsVerifiedOfficeMember(BasePermission):
    """For the API views of the exam office.

    With the session (the browser), the session must have given the second factor; with a
    token, it was asked when the token was issued (``TokenView`` wants ``otp_token`` from an
    office member), so the token counts as verified (see ``token_gave_second_factor``).
    """

    message = _("Réservé au bureau des examens, après la vérification en deux étapes.")

    def has_permission(self, request: Request, view: "APIView") -> bool:
        user = request.user
        if not needs_second_factor(user):
            return False
        if isinstance(request.auth, Token):
            return token_gave_second_factor(request.auth)
        return is_verified(user)
