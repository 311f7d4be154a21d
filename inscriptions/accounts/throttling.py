"""django-axes hooks: one lockout key per address whatever its case, and the lockout page."""

from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


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
