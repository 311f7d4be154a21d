"""« Mes données personnelles », under ``/compte/donnees/``: what the service keeps and until
when, the export of it all as one archive, and the account's closure when nothing must be
kept. Each signed-in user about themselves only; the export and the closure audited."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inscriptions import abilities
from inscriptions.accounts.models import User
from inscriptions.core import retention
from inscriptions.core.models import audit
from inscriptions.core.refusals import ServiceRefused
from inscriptions.registration.models import Registration

from . import export, services
from .forms import CloseAccountForm


def _page(request: HttpRequest, form: CloseAccountForm, status: int = 200) -> HttpResponse:
    registrations = (
        Registration.objects.filter(candidate=cast(User, request.user))
        .select_related("session__academy", "specialty")
        .order_by("created_at")
    )
    return render(
        request,
        "privacy/my_data.html",
        {
            "page_title": _("Mes données personnelles"),
            "can": abilities.account_abilities(request.user),
            "periods": retention.periods(),
            "kept": [
                (registration, retention.dossier_kept_until(registration.session.exam_year))
                for registration in registrations
                if registration.number is not None
            ],
            "form": form,
        },
        status=status,
    )


@require_GET
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return _page(request, CloseAccountForm(user=request.user))


@require_GET
@login_required
def download(request: HttpRequest) -> FileResponse:
    audit(actor=request.user, action="privacy.export", obj=cast(User, request.user))
    return FileResponse(
        export.export_archive(request.user),  # type: ignore[arg-type]
        as_attachment=True,
        filename=f"mes-donnees-{timezone.localdate():%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@require_http_methods(["POST"])
@login_required
def close(request: HttpRequest) -> HttpResponse:
    form = CloseAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        services.account_close(user=request.user, now=timezone.now())  # type: ignore[arg-type]
    except ServiceRefused as refused:
        form.add_error(None, refused.message)
        return _page(request, form, status=400)
    logout(request)
    messages.success(
        request,
        _(
            "Votre compte est fermé : vos données ont été effacées et vous ne pouvez plus vous "
            "y connecter."
        ),
    )
    return redirect("catalog:home")
