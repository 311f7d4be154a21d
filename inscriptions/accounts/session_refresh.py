"""A logged-in session lasts SESSION_COOKIE_AGE seconds after the last request, without writing
the session on every request.

Saving the session on each request (SESSION_SAVE_EVERY_REQUEST) was one UPDATE and a transaction
per page for every candidate: a fifth of a registration's queries. Here a session is written when
its data changed, or when its last write is more than ``refresh_seconds()`` old: it then expires
at most that long before SESSION_COOKIE_AGE after the last request. The expiry warning (RGAA 13.1)
counts from the last write, which the pages give it (``seconds_since_refresh``), so it warns on
time whichever request last wrote the session.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REFRESHED_KEY = "_refreshed_at"


def refresh_seconds() -> int:
    """At most SESSION_REFRESH_SECONDS, and at most a thirtieth of the session's life."""
    return min(settings.SESSION_REFRESH_SECONDS, settings.SESSION_COOKIE_AGE // 30)


def seconds_since_refresh(request: HttpRequest) -> int:
    """How long ago this request's session was last written (0 when it is being written)."""
    refreshed = request.session.get(REFRESHED_KEY)
    if not isinstance(refreshed, int):
        return 0
    return max(0, int(time.time()) - refreshed)


def mark_refreshed(request: HttpRequest) -> None:
    """The session is written at the end of this request, and lasts from now."""
    request.session[REFRESHED_KEY] = int(time.time())


class SessionRefreshMiddleware:
    """After SessionMiddleware: writes a logged-in session once its last write is old enough,
    and notes when a session is written for any other reason."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not session.is_empty():
            refreshed = session.get(REFRESHED_KEY)
            stale = not isinstance(refreshed, int) or (
                int(time.time()) - refreshed >= refresh_seconds()
            )
            # An expired or unknown session loads empty: nothing to extend.
            if stale and any(key != REFRESHED_KEY for key in session.keys()):  # noqa: SIM118
                mark_refreshed(request)
        response = self.get_response(request)
        if session.modified and not session.is_empty():
            mark_refreshed(request)
        return response


SIGNED_IN_KEY = "_signed_in_at"


def note_sign_in(*, request: HttpRequest, **_kwargs: object) -> None:
    """``user_logged_in``: the instant the absolute lifetime counts from."""
    request.session[SIGNED_IN_KEY] = int(time.time())


def absolute_lifetime(user: object) -> int:
    """How long a session may last however active it is (ASVS 3.3.2): a working day for a
    candidate, less for the exam office and the administrators."""
    staff = bool(getattr(user, "is_office_member", False) or getattr(user, "is_staff", False))
    return settings.SESSION_STAFF_LIFETIME if staff else settings.SESSION_CANDIDATE_LIFETIME


class AbsoluteLifetimeMiddleware:
    """After AuthenticationMiddleware: a session older than its absolute lifetime is ended,
    whatever its activity; the request goes on signed out (a page asks to sign in again)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            signed_in = request.session.get(SIGNED_IN_KEY)
            now = int(time.time())
            if not isinstance(signed_in, int):
                request.session[SIGNED_IN_KEY] = now
            elif now - signed_in >= absolute_lifetime(user):
                from django.contrib import messages
                from django.contrib.auth import logout
                from django.utils.translation import gettext as _

                logout(request)
                messages.info(
                    request,
                    _(
                        "Par sécurité, une session dure au plus %(hours)s heures : "
                        "reconnectez-vous pour continuer."
                    )
                    % {"hours": absolute_lifetime(user) // 3600},
                )
        return self.get_response(request)
