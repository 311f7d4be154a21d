"""Reading a dossier's documents: what the rules require, what was uploaded, what can be done.

The required documents are those of the dossier's latest validated version: the rules evaluate
that version's answers, so the list follows each new version (a new choice adds or removes a
piece), while a modification still in progress changes nothing until it is validated.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext

from inscriptions import rules as r
from inscriptions.catalog import facts as catalog_facts
from inscriptions.catalog.models import Specialty
from inscriptions.core.files import antivirus
from inscriptions.core.findings import finding_text
from inscriptions.registration import facts as registration_facts
from inscriptions.registration.models import Registration, RegistrationVersion, State
from inscriptions.rules import facts as rf

from .models import DocumentStatus, ScanStatus, SupportingDocument, UploadedFile

# The forms the product gives to download, next to the document they become once filled in.
ENGAGEMENT_FORM = "engagement_form"
SIGNED_CONFIRMATION = "confirmation_signed"


def latest_version(registration: Registration) -> RegistrationVersion | None:
    return registration.versions.order_by("-version").first()


def version_decision(registration: Registration, *, now: datetime) -> r.RegistrationDecision | None:
    """The rules' full decision on the latest validated version, as the office reviews it (no
    candidate deadline applies), or ``None`` before the first validation."""
    version = latest_version(registration)
    specialty_id = version.summary.get("specialty_id") if version else None
    if version is None or specialty_id is None:
        return None
    validated = SimpleNamespace(
        pk=registration.pk,
        candidate_id=registration.candidate_id,
        answers=version.answers,
        specialty_id=specialty_id,
        specialty=Specialty.objects.get(pk=specialty_id),
        session=registration.session,
        first_validated_at=registration.first_validated_at,
    )
    dossier = registration_facts.dossier_facts(validated, now=now)
    if dossier.registration is None or dossier.specialty is None:
        return None
    return r.evaluate_registration(
        candidate=dossier.candidate,
        registration=dossier.registration,
        specialty=dossier.specialty,
        session=dossier.session,
        academies=catalog_facts.academy_table(),
        now=now,
        action=rf.Action.REVIEW,
    )


def required_documents(
    registration: Registration, *, now: datetime
) -> tuple[r.RequiredDocument, ...]:
    """What the rules require for the latest validated version (nothing before validation)."""
    decision = version_decision(registration, now=now)
    return decision.documents if decision is not None else ()


def label_of(code: str) -> str:
    """A document's French label (translated), also for a code no longer required."""
    for document_type in r.document_types():
        if document_type.code == code:
            return gettext(document_type.label)
    return code


def office_requested(registration: Registration, code: str) -> r.RequiredDocument:
    """A document the office asked for although the rules do not require it: accepted until the
    office's deadline only."""
    session = catalog_facts.session_facts(registration.session)
    return r.RequiredDocument(
        code=code,
        label=label_of(code),
        due_at=session.documents_due_at,
        deferred=False,
        reasons=(),
    )


def used_bytes(registration: Registration) -> int:
    total = UploadedFile.objects.filter(document__registration=registration).aggregate(
        total=Sum("size")
    )["total"]
    return int(total or 0)


def scanner_configured() -> bool:
    return antivirus.configured_scanner() is not None


def displayed_status(document: SupportingDocument | None) -> str:
    return document.status if document is not None else DocumentStatus.MISSING


BADGES: dict[str, str] = {
    DocumentStatus.MISSING: "warning",
    DocumentStatus.INFECTED: "error",
    DocumentStatus.ACCEPTED: "success",
    DocumentStatus.REFUSED: "error",
    DocumentStatus.REQUESTED_AGAIN: "warning",
}


@dataclass
class DocumentLine:
    """One line of "Mes justificatifs"."""

    code: str
    label: str
    required: bool
    reasons: list[str]
    due_at: datetime | None
    deferred: bool
    status: str
    document: SupportingDocument | None
    files: list[UploadedFile] = field(default_factory=list)
    upload_refusal: str = ""

    @property
    def status_label(self) -> str:
        return str(DocumentStatus(self.status).label)

    @property
    def badge(self) -> str:
        return BADGES.get(self.status, "info")

    @property
    def current(self) -> UploadedFile | None:
        return self.files[0] if self.files else None

    @property
    def can_upload(self) -> bool:
        return not self.upload_refusal

    @property
    def not_scanned(self) -> bool:
        current = self.current
        return current is not None and current.scan_status == ScanStatus.NOT_SCANNED

    @property
    def form(self) -> str:
        return self.code if self.code in {ENGAGEMENT_FORM, SIGNED_CONFIRMATION} else ""


def upload_refusal(
    registration: Registration,
    required: r.RequiredDocument | None,
    document: SupportingDocument | None,
    *,
    now: datetime,
) -> tuple[str, str]:
    """Why no file can be uploaded for this document now, as (code, message); ("", "") when one
    can. Deadlines are the rules' (``document_upload_decision``)."""
    if registration.number is None:
        return "not_validated", ""
    if registration.state == State.WITHDRAWN:
        return "withdrawn", ""
    if document is not None and document.status == DocumentStatus.ACCEPTED:
        return "already_accepted", ""
    if required is None:
        if document is None or document.requested_until is None:
            return "not_required", ""
        required = office_requested(registration, document.code)
    decision = r.document_upload_decision(
        now=now,
        document=required,
        office_request_due_at=document.requested_until if document else None,
    )
    if decision.errors:
        if (
            document is not None
            and document.requested_until
            and (document.requested_until > required.due_at)
        ):
            # Past the office's own deadline too: the date to tell is that one, the later.
            later = dataclasses.replace(required, due_at=document.requested_until)
            decision = r.document_upload_decision(now=now, document=later)
        return "overdue", finding_text(decision.errors[0])
    return "", ""


def document_lines(registration: Registration, *, now: datetime) -> list[DocumentLine]:
    """The required documents first (in the rules' order), then those no longer required."""
    from inscriptions.core.files.refusals import DocumentRefused

    required = {document.code: document for document in required_documents(registration, now=now)}
    rows = {
        document.code: document
        for document in SupportingDocument.objects.filter(registration=registration)
    }
    files: dict[int, list[UploadedFile]] = {}
    for uploaded in UploadedFile.objects.filter(document__registration=registration).order_by(
        "-uploaded_at", "-pk"
    ):
        files.setdefault(uploaded.document_id, []).append(uploaded)
    lines = []
    for code in [*required, *(code for code in rows if code not in required)]:
        document = rows.get(code)
        needed = required.get(code)
        refusal_code, message = upload_refusal(registration, needed, document, now=now)
        if refusal_code and not message:
            message = DocumentRefused(refusal_code).message
        lines.append(
            DocumentLine(
                code=code,
                label=gettext(needed.label) if needed else label_of(code),
                required=needed is not None
                or (document is not None and document.requested_until is not None),
                reasons=[finding_text(reason) for reason in needed.reasons] if needed else [],
                due_at=needed.due_at if needed else None,
                deferred=needed.deferred if needed else False,
                status=displayed_status(document),
                document=document,
                files=files.get(document.pk, []) if document else [],
                upload_refusal=message,
            )
        )
    return lines


def quota(registration: Registration) -> dict[str, int]:
    return {
        "max_bytes": settings.DOCUMENT_MAX_BYTES,
        "quota_bytes": settings.DOCUMENT_QUOTA_BYTES,
        "used_bytes": used_bytes(registration),
    }


def requested_remaining(registration: Registration, *, now: datetime) -> list[tuple[str, datetime]]:
    """The pieces the office asked for that still wait for a file, each with its deadline
    (what the candidate is told after each upload)."""
    rows = SupportingDocument.objects.filter(
        registration=registration,
        status=DocumentStatus.REQUESTED_AGAIN,
        requested_until__gt=now,
    ).order_by("requested_until", "code")
    return [(label_of(row.code), row.requested_until) for row in rows if row.requested_until]


def pieces_not_accepted(registration: Registration, *, now: datetime) -> list[tuple[str, str]]:
    """The required pieces the office has not accepted, each with its state (missing, being
    checked for viruses, waiting to be checked, refused, asked again): a dossier is conforme
    only once every one is accepted. A piece due later (``deferred``) counts once its date has
    passed."""
    rows = {
        document.code: document
        for document in SupportingDocument.objects.filter(registration=registration)
    }
    pending = []
    for required in required_documents(registration, now=now):
        document = rows.get(required.code)
        if document is not None and document.status == DocumentStatus.ACCEPTED:
            continue
        if required.deferred and now < required.due_at:
            continue
        status = DocumentStatus(displayed_status(document))
        pending.append((gettext(required.label), str(status.label)))
    return pending
