"""« Mes justificatifs »: the documents of one dossier, their upload, their download, and the
forms the product gives to fill in."""

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from inscriptions.accounts.decorators import candidate_required
from inscriptions.accounts.models import User
from inscriptions.core.files.refusals import DocumentRefused
from inscriptions.core.files.uploads import limit_upload_size
from inscriptions.registration import selectors as registration_selectors
from inscriptions.registration.models import Registration, State

from . import downloads, selectors, services
from .models import ScanStatus, SupportingDocument, UploadedFile
from .permissions import can_view_document


def _own_registration(request: HttpRequest, pk: int) -> Registration:
    return registration_selectors.own_registration_or_404(
        request, pk, "session__academy", "specialty", "candidate"
    )


def _page(
    request: HttpRequest,
    registration: Registration,
    *,
    error: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    lines = selectors.document_lines(registration, now=now)
    errors = []
    if error is not None:
        known = any(line.code == error[0] for line in lines)
        errors = [{"anchor": f"#file-{error[0]}" if known else "", "message": error[1]}]
    response = render(
        request,
        "documents/dossier.html",
        {
            "page_title": _("Mes justificatifs"),
            "registration": registration,
            "required_lines": [line for line in lines if line.required],
            "former_lines": [line for line in lines if not line.required],
            "quota": selectors.quota(registration),
            "scanner": selectors.scanner_configured(),
            "errors": errors,
            "error_code": error[0] if error else "",
            "error_message": error[1] if error else "",
            "confirmation_available": downloads.confirmation_available(registration),
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


@require_GET
@candidate_required
def dossier_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _own_registration(request, pk))


@csrf_exempt
@candidate_required
@require_POST
def upload(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    # The size limit is set before the body is read; the CSRF check, which reads it, follows.
    handler = limit_upload_size(request, settings.DOCUMENT_MAX_BYTES)
    return _upload(request, pk, code, handler=handler)


@csrf_protect
def _upload(request: HttpRequest, pk: int, code: str, *, handler: Any) -> HttpResponse:
    registration = _own_registration(request, pk)
    incoming = request.FILES.get("file")
    try:
        if handler.exceeded:
            size = int(request.META.get("CONTENT_LENGTH") or handler.received)
            raise DocumentRefused("too_large", size=size, max=settings.DOCUMENT_MAX_BYTES)
        if incoming is None:
            raise DocumentRefused("file_missing")
        uploaded = services.document_upload(
            registration=registration,
            code=code,
            upload=incoming,
            actor=cast(User, request.user),
            now=timezone.now(),
        )
    except DocumentRefused as refused:
        return _page(request, registration, error=(code, refused.message), status=422)
    uploaded.refresh_from_db()
    label = selectors.label_of(code)
    if uploaded.scan_status == ScanStatus.INFECTED:
        messages.error(
            request,
            _(
                "« %(label)s » : l'antivirus a détecté un virus dans ce fichier. Il a été mis "
                "en quarantaine ; déposez un autre fichier."
            )
            % {"label": label},
        )
    elif uploaded.scan_status == ScanStatus.NOT_SCANNED:
        messages.success(
            request,
            _(
                "« %(label)s » : fichier déposé. Aucun antivirus n'est configuré sur ce service : "
                "le fichier n'a pas été analysé."
            )
            % {"label": label},
        )
    elif uploaded.scan_status == ScanStatus.CLEAN:
        messages.success(
            request,
            _("« %(label)s » : fichier déposé ; l'antivirus n'y a détecté aucun virus.")
            % {"label": label},
        )
    else:
        messages.success(
            request,
            _(
                "« %(label)s » : fichier déposé. Il est en cours d'analyse antivirus et sera "
                "disponible ensuite."
            )
            % {"label": label},
        )
    _tell_what_remains(request, registration, code)
    return redirect(f"{reverse('documents:dossier', args=[registration.pk])}#piece-{code}")


def _tell_what_remains(request: HttpRequest, registration: Registration, code: str) -> None:
    """After a piece the office asked for: what it still waits for, each with its deadline, or
    that the request is answered (002 §II ④)."""
    document = SupportingDocument.objects.filter(registration=registration, code=code).first()
    if document is None or document.requested_until is None:
        return
    remaining = selectors.requested_remaining(registration, now=timezone.now())
    registration.refresh_from_db(fields=["state"])
    if remaining:
        messages.info(
            request,
            _("Le bureau des examens attend encore : %(pieces)s.")
            % {
                "pieces": "; ".join(
                    _("%(label)s, avant le %(due)s")
                    % {"label": label, "due": date_format(localtime(due), "DATETIME_FORMAT")}
                    for label, due in remaining
                )
            },
        )
    elif registration.state == State.SUBMITTED:
        messages.info(
            request,
            _(
                "Toutes les pièces demandées par le bureau des examens sont déposées : votre "
                "dossier est de nouveau en attente de traitement."
            ),
        )
    elif registration.state == State.TO_COMPLETE:
        messages.info(
            request,
            _(
                "Toutes les pièces demandées sont déposées. Il vous reste à corriger votre "
                "inscription (puis à la valider) ou à répondre au bureau des examens depuis "
                "votre dossier."
            ),
        )


@never_cache
@login_required
@require_GET
def download(request: HttpRequest, file_pk: int) -> FileResponse:
    """The owner and the office staff in scope; for anyone else the file does not exist."""
    uploaded = get_object_or_404(
        UploadedFile.objects.select_related(
            "document__registration__session", "document__registration__specialty"
        ),
        pk=file_pk,
    )
    if not can_view_document(request.user, uploaded.document) or not uploaded.downloadable:
        raise Http404
    services.document_viewed(uploaded=uploaded, actor=cast(User, request.user), how="download")
    return downloads.file_response(uploaded)


@never_cache
@candidate_required
@require_GET
def engagement_form(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own_registration(request, pk)
    data = downloads.engagement_form(registration, now=timezone.now())
    if data is None:
        raise Http404
    return downloads.pdf_response(data, downloads.ENGAGEMENT_FILE_NAME)


@never_cache
@candidate_required
@require_GET
def confirmation_to_sign(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own_registration(request, pk)
    confirmation = downloads.confirmation_to_sign(registration)
    if confirmation is None:
        raise Http404
    data, name = confirmation
    return downloads.pdf_response(data, name)
