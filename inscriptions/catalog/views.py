"""The public pages of the catalogue: the sessions open now and upcoming, and their calendar."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "catalog/home.html",
        {
            "now": now,
            "open_sessions": list(selectors.sessions_open_at(now)),
            "upcoming_sessions": list(selectors.sessions_upcoming_at(now)),
        },
    )


@require_GET
def sessions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalog/sessions.html",
        {"page_title": _("Calendrier des sessions"), "sessions": selectors.all_sessions()},
    )
