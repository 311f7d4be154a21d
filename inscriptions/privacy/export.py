"""A candidate's export of all their data (RGPD art. 15 and 20): one ZIP archive holding
``donnees.json`` (the account, each dossier with its versions, state changes, requests,
messages and documents, the notifications, the connection log) and every file of theirs (the
confirmation PDFs, the supporting documents, the messages' attachments), each named in the JSON
by its path in the archive. Built in a temporary file, never held in memory whole."""

import json
import tempfile
import zipfile
from datetime import datetime
from pathlib import PurePosixPath
from typing import IO, Any

from django.core.files.storage import default_storage
from django.utils import timezone

from inscriptions.accounts.models import User
from inscriptions.core.models import ConnectionEvent
from inscriptions.documents.models import SupportingDocument, UploadedFile
from inscriptions.notifications.models import Message, MessageAttachment, Notification
from inscriptions.registration.models import Registration, RegistrationVersion
from inscriptions.review.models import CompletionRequest, StateChange

FORMAT = "inscriptions-bts/export-donnees/1"


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class _Files:
    """The files to put in the archive, each under a path of its own."""

    def __init__(self) -> None:
        self.paths: dict[str, str] = {}

    def add(self, folder: str, stored: str | None, original: str = "") -> str | None:
        if not stored:
            return None
        # The name only (no folder of the uploader's machine can reach the archive's paths).
        name = PurePosixPath((original or stored).replace("\\", "/")).name or "fichier"
        stem, dot, extension = name.rpartition(".")
        stem, suffix = (stem, f".{extension}") if dot and stem else (name, "")
        path, n = f"fichiers/{folder}/{name}", 1
        while path in self.paths:
            n += 1
            path = f"fichiers/{folder}/{stem}-{n}{suffix}"
        self.paths[path] = stored
        return path


def _dossier(registration: Registration, files: _Files) -> dict[str, Any]:
    folder = f"dossier-{registration.pk}"
    versions = RegistrationVersion.objects.filter(registration=registration).order_by("version")
    documents = SupportingDocument.objects.filter(registration=registration).order_by("code")
    uploads = UploadedFile.objects.filter(document__registration=registration).order_by(
        "uploaded_at", "pk"
    )
    messages = Message.objects.filter(registration=registration).order_by("sent_at", "pk")
    attachments = MessageAttachment.objects.filter(message__registration=registration)
    return {
        "reference": registration.reference,
        "numero": registration.number,
        "session": {
            "academie": registration.session.academy.name,
            "annee": registration.session.exam_year,
        },
        "specialite": registration.specialty.name if registration.specialty else None,
        "etat": registration.state,
        "cree_le": _at(registration.created_at),
        "premiere_validation": _at(registration.first_validated_at),
        "derniere_validation": _at(registration.last_validated_at),
        "reponses_en_cours": registration.answers,
        "versions": [
            {
                "version": version.version,
                "validee_le": _at(version.validated_at),
                "reponses": version.answers,
                "recapitulatif": version.summary,
                "confirmation": files.add(
                    folder, version.confirmation.name, f"confirmation-{version.reference}.pdf"
                ),
            }
            for version in versions
        ],
        "changements_d_etat": [
            {
                "le": _at(change.at),
                "de": change.from_state,
                "vers": change.to_state,
                "commentaire": change.comment,
            }
            for change in StateChange.objects.filter(registration=registration).order_by("at")
        ],
        "demandes_du_bureau": [
            {
                "demandee_le": _at(request.requested_at),
                "reponse_attendue_avant": _at(request.due_at),
                "pieces": request.documents,
                "corrections": request.corrections,
                "message": request.message,
                "etat": request.status,
                "reponse": request.answer,
                "repondue_le": _at(request.answered_at),
            }
            for request in CompletionRequest.objects.filter(registration=registration).order_by(
                "requested_at"
            )
        ],
        "pieces": [
            {
                "piece": document.code,
                "etat": document.status,
                "motif_du_bureau": document.office_reason,
                "fichiers": [
                    {
                        "nom": upload.original_name,
                        "depose_le": _at(upload.uploaded_at),
                        "taille": upload.size,
                        "sha256": upload.sha256,
                        "fichier": files.add(
                            f"{folder}/pieces", upload.file.name, upload.original_name
                        ),
                    }
                    for upload in uploads
                    if upload.document_id == document.pk
                ],
            }
            for document in documents
        ],
        "messages": [
            {
                "envoye_le": _at(message.sent_at),
                "du_bureau": message.from_office,
                "texte": message.body,
                "pieces_jointes": [
                    files.add(f"{folder}/messages", attachment.file.name, attachment.original_name)
                    for attachment in attachments
                    if attachment.message_id == message.pk
                ],
            }
            for message in messages
        ],
    }


def personal_data(user: User) -> tuple[dict[str, Any], dict[str, str]]:
    """Everything the service holds about the user, and the files to join (archive path →
    stored name)."""
    files = _Files()
    registrations = (
        Registration.objects.filter(candidate=user)
        .select_related("session__academy", "specialty")
        .order_by("created_at", "pk")
    )
    data = {
        "format": FORMAT,
        "exporte_le": timezone.now().isoformat(),
        "compte": {
            "adresse_electronique": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "role": user.role,
            "cree_le": _at(user.date_joined),
            "derniere_connexion": _at(user.last_login),
        },
        "dossiers": [_dossier(registration, files) for registration in registrations],
        "notifications": [
            {
                "le": _at(notification.created_at),
                "type": notification.kind,
                "titre": notification.title,
                "texte": notification.body,
                "lue_le": _at(notification.read_at),
            }
            for notification in Notification.objects.filter(user=user).order_by("created_at")
        ],
        "connexions": [
            {"le": _at(event.at), "action": event.action, "adresse": event.data.get("address")}
            for event in ConnectionEvent.objects.filter(user=user).order_by("at")
        ],
    }
    return data, files.paths


def export_archive(user: User) -> IO[bytes]:
    """The archive in a temporary file, at its start (deleted once closed)."""
    data, paths = personal_data(user)
    # Returned open: the response streams it, then closes it (which deletes it).
    archive = tempfile.TemporaryFile()  # noqa: SIM115
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("donnees.json", json.dumps(data, ensure_ascii=False, indent=2))
        for path, stored in paths.items():
            with default_storage.open(stored, "rb") as source, zipped.open(path, "w") as target:
                while chunk := source.read(1024 * 1024):
                    target.write(chunk)
    archive.seek(0)
    return archive
