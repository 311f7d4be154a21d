"""django-axes hooks: one lockout key per address whatever its case, and the lockout page."""

from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from inscriptions.core import evidence


def login_key(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The address as the accounts store it: ``Camille@Exemple.fr`` and ``camille@exemple.fr``
    count their failures together."""
    source = credentials or getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD) or ""
    return str(username).strip().lower()


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    cool_off = get_cool_off(request)
    # Each attempt during the lockout starts the cool-off again (AXES_RESET_COOL_OFF_ON_FAILURE_
    # DURING_LOCKOUT), so the retry time counts from this attempt.
    attempted_at = getattr(request, "axes_attempt_time", None) or timezone.now()
    return render(
        request,
        "accounts/lockout.html",
        {
            "page_title": _("Connexion bloquée temporairement"),
            "retry_at": attempted_at + cool_off if cool_off else None,
            "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        },
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )


def within_limit(key: str, *, limit: int, period: int = 3600) -> bool:
    """Counts one more event under ``key`` in the shared cache, for ``period`` seconds from the
    first; False once more than ``limit`` were counted."""
    from django.core.cache import cache

    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, period)
        count = 1
    return count <= limit


def address_exceeded(request: HttpRequest, action: str) -> bool:
    """Whether this address asked for ``action`` more than its hourly allowance (sign-ups,
    password resets, activation links: ASVS 2.2.1 and 11.1.4)."""
    limit = settings.ACCOUNT_REQUESTS_PER_ADDRESS_PER_HOUR
    return not within_limit(f"requests:{action}:{evidence.client_address(request)}", limit=limit)


def note_failed_login(
    *, request: HttpRequest | None = None, credentials: dict[str, Any] | None = None, **_: Any
) -> None:
    """``user_login_failed``: one more failure for the address, whatever the account, and the
    failure in the audit log (the account tried, never the password)."""
    from .models import User

    if request is not None:
        within_limit(f"login-failures:{evidence.client_address(request)}", limit=0)
    tried = str((credentials or {}).get("username") or "").strip().lower()[:254]
    evidence.account_event(
        request,
        action="account.login_failed",
        user=User.objects.filter(email__iexact=tried).first() if tried else None,
        username=tried,
    )


def note_login(*, request: HttpRequest | None = None, user: Any = None, **_: Any) -> None:
    """``user_logged_in``: the sign-in in the audit log."""
    evidence.account_event(request, action="account.login", user=user)


def address_locked_out(request: HttpRequest) -> bool:
    """Too many failed logins from this address in the hour, across every account (one
    password tried on many accounts): its logins are refused until the hour ends."""
    from django.core.cache import cache

    failures = cache.get(f"login-failures:{evidence.client_address(request)}") or 0
    return int(failures) >= settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The page for an address over its allowance: when to try again, what else to do."""
    return render(
        request,
        "accounts/too_many_requests.html",
        {"page_title": _("Trop de demandes depuis votre connexion")},
        status=429,
    )
