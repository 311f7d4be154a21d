"""Files leaving the service: always as attachments, never cached, never sniffed."""

from datetime import datetime

from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers

from inscriptions.registration import confirmation
from inscriptions.registration.models import Registration

from . import selectors
from .engagement_form import EngagementFormContent, render_engagement_form
from .models import UploadedFile

ENGAGEMENT_FILE_NAME = "formulaire-engagement-etudiant.pdf"


def _protect(response: HttpResponseBase) -> HttpResponseBase:
    # A browser must neither guess another type (an image that would read as HTML) nor run it
    # inline, and no cache on the way may keep a copy of personal documents.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    return response


def file_response(uploaded: UploadedFile) -> FileResponse:
    response = FileResponse(
        uploaded.file.open("rb"),
        as_attachment=True,
        filename=uploaded.download_name,
        content_type=uploaded.content_type,
    )
    _protect(response)
    return response


def pdf_response(data: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    _protect(response)
    return response


def engagement_form(registration: Registration, *, now: datetime) -> bytes | None:
    """The form, filled in with the candidate's dossier, when the dossier requires it."""
    required = {
        document.code: document for document in selectors.required_documents(registration, now=now)
    }.get(selectors.ENGAGEMENT_FORM)
    version = selectors.latest_version(registration)
    if required is None or version is None:
        return None
    rows = {(section, label): value for section, label, value in version.summary["rows"]}
    name = " ".join(
        part for part in (rows.get(("Candidat", "Prénoms")), rows.get(("Candidat", "Nom"))) if part
    )
    specialty = rows.get(("Inscription", "Spécialité"), "")
    option = rows.get(("Inscription", "Option"), "")
    return render_engagement_form(
        EngagementFormContent(
            candidate_name=name,
            dossier_reference=registration.reference,
            session_label=version.summary.get("session_label", ""),
            specialty_label=f"{specialty} — {option}" if option else specialty,
            due_label=formats.date_format(timezone.localtime(required.due_at), "DATETIME_FORMAT"),
        )
    )


def confirmation_available(registration: Registration) -> bool:
    return bool(registration.session.signed_confirmation_required and registration.number)


def confirmation_to_sign(registration: Registration) -> tuple[bytes, str] | None:
    """The latest version's confirmation, to print, date, sign and upload."""
    version = selectors.latest_version(registration)
    if version is None or not registration.session.signed_confirmation_required:
        return None
    return confirmation.store_confirmation(version), confirmation.confirmation_file_name(version)
