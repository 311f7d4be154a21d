from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health, retention
from .context_processors import site


def legal_page(template: str, title: str):  # type: ignore[no-untyped-def]
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        # The retention periods the purge applies, which the personal-data page states.
        return render(request, template, {"page_title": _(title), "periods": retention.periods()})

    return view


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = health.database_state()
    needed = {
        "database": database,
        "tasks": health.task_queue_state(),
        "cache": health.cache_state(),
        "storage": health.storage_state(),
    }
    ok = all(state["ok"] for state in needed.values())
    return JsonResponse(
        {
            "status": "ok" if ok else "error",
            **needed,
            "antivirus": health.antivirus_state(),
            "scheduler": health.scheduler_state() if database["ok"] else {"ok": False},
        },
        status=200 if ok else 503,
    )


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _api(request):
        return JsonResponse({"detail": _("Ressource introuvable.")}, status=404)
    return render(request, "404.html", {"page_title": _("Page non trouvée")}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # The API answers in JSON, errors included, with the request's id to quote to the operator.
    if _api(request):
        from django_guid import get_guid

        return JsonResponse(
            {"detail": _("Erreur inattendue du service."), "request_id": get_guid()}, status=500
        )
    # No request context: whatever failed (the database, a context processor) must not fail again.
    body: str
    try:
        body = loader.render_to_string(
            "500.html", {**site(request), "page_title": _("Erreur inattendue")}
        )
    except Exception:
        body = "<h1>Erreur inattendue</h1>"
    return HttpResponse(body, status=500)
