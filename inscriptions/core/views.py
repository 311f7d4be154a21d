from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from inscriptions.catalog import selectors

from . import health
from .context_processors import site


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "core/home.html",
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
        "core/sessions.html",
        {"page_title": _("Calendrier des sessions"), "sessions": selectors.all_sessions()},
    )


def legal_page(template: str, title: str):  # type: ignore[no-untyped-def]
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template, {"page_title": _(title)})

    return view


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = health.database_state()
    tasks = health.task_queue_state()
    ok = database["ok"] and tasks["ok"]
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": database, "tasks": tasks},
        status=200 if ok else 503,
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", {"page_title": _("Page non trouvée")}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever failed (the database, a context processor) must not fail again.
    body: str
    try:
        body = loader.render_to_string(
            "500.html", {**site(request), "page_title": _("Erreur inattendue")}
        )
    except Exception:
        body = "<h1>Erreur inattendue</h1>"
    return HttpResponse(body, status=500)
