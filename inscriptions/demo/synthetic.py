"""Synthetic candidates and dossiers in bulk, for the benchmarks: ``manage.py generate_dossiers``.

Realistic rather than random: French names and places (Faker fr_FR), the real specialties,
categories, forms, bénéfices and documents, and states in the proportions of an office half-way
through its work. Each dossier is built from a template version that the real wizard validated
(the demo's), its identity, specialty and choices changed, so the JSON the pages read has the
shape they expect. Rows go in with PostgreSQL's COPY (a million dossiers in minutes); on SQLite,
with ``bulk_create``. Never in production: the accounts share one known password hash.
"""

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db import models, transaction
from django.db.models import Max

from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import ExamSession
from inscriptions.core.models import AuditEntry
from inscriptions.documents.models import DocumentStatus, ScanStatus, SupportingDocument
from inscriptions.documents.models import UploadedFile as StoredFile
from inscriptions.registration.models import Registration, RegistrationVersion, SessionCounter
from inscriptions.registration.search import search_key
from inscriptions.review.models import CompletionRequest, CompletionStatus, StateChange

from .bulk import BATCH, copy_rows, reset_sequences
from .generator import DOCUMENTS, Generator


def _next_ids() -> dict[str, int]:
    def after(model: type[models.Model]) -> int:
        return int(model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1

    return {
        "user": after(User),
        "registration": after(Registration),
        "version": after(RegistrationVersion),
        "document": after(SupportingDocument),
        "file": after(StoredFile),
        "request": after(CompletionRequest),
        "change": after(StateChange),
        "audit": after(AuditEntry),
    }


def generate(*, count: int, session: ExamSession, seed: int = 2027, now: datetime) -> int:
    """Add ``count`` dossiers (and their candidates, versions, documents, files, requests,
    decisions and audit entries) to ``session``, in chunks of ``BATCH``."""
    generator = Generator(session=session, seed=seed, now=now)
    done = 0
    while done < count:
        size = min(BATCH * 20, count - done)
        with transaction.atomic():
            counter, _created = SessionCounter.objects.select_for_update().get_or_create(
                session=session
            )
            ids = _next_ids()
            plan = list(generator.dossiers(size, first_number=counter.last_number + 1, ids=ids))
            _insert(generator, plan, ids)
            counter.last_number += size
            counter.save(update_fields=["last_number"])
        done += size
    reset_sequences(
        [
            User,
            Registration,
            RegistrationVersion,
            SupportingDocument,
            StoredFile,
            CompletionRequest,
            StateChange,
            AuditEntry,
        ]
    )
    return done


def _insert(generator: Generator, plan: list[dict[str, Any]], ids: dict[str, int]) -> None:
    session, now, password = generator.session, generator.now, generator.password
    copy_rows(
        User,
        (
            {
                "id": d["user_id"],
                "password": password,
                "is_superuser": False,
                "first_name": d["first_name"],
                "last_name": d["last_name"],
                "is_staff": False,
                "is_active": True,
                "date_joined": d["validated"] - timedelta(days=1),
                "email": generator.email(d),
                "role": Role.CANDIDATE,
                "awaiting_activation": False,
            }
            for d in plan
        ),
    )
    copy_rows(
        Registration,
        (
            {
                "id": d["registration_id"],
                "candidate_id": d["user_id"],
                "session_id": session.pk,
                "specialty_id": d["specialty"].pk,
                "state": d["state"],
                "number": d["number"],
                "version": d["version"],
                "answers": generator.answers(d),
                "current_step": "",
                "candidate_number": f"16{d['number']:08d}" if d["n"] % 3 == 0 else "",
                "created_at": d["validated"] - timedelta(hours=1),
                "updated_at": d["validated"],
                "first_validated_at": d["validated"] - timedelta(days=d["version"]),
                "last_validated_at": d["validated"],
                "last_name": d["last_name"],
                "first_name": d["first_name"],
                "search_name": search_key(f"{d['last_name']} {d['first_name']}"),
                "category": d["category"],
                "exam_form": d["form"],
                "accommodation_requested": d["accommodation"],
                "documents_missing": d["missing"],
                "documents_refused": d["refused"],
                "completion_due_at": (
                    now + timedelta(days=generator.rng.randint(-3, 14))
                    if d["state"] == "to_complete"
                    else None
                ),
                "state_changed_at": d["validated"],
            }
            for d in plan
        ),
    )
    copy_rows(
        RegistrationVersion,
        (
            {
                "id": ids["version"] + d["n"],
                "registration_id": d["registration_id"],
                "version": d["version"],
                "answers": generator.answers(d),
                "summary": generator.summary(d),
                "validated_at": d["validated"],
                "verification_token": secrets.token_urlsafe(18),
                "confirmation": "",
            }
            for d in plan
        ),
    )
    documents = [
        (d, position, code)
        for d in plan
        for position, code in enumerate(DOCUMENTS[: len(DOCUMENTS) - d["missing"]])
    ]
    copy_rows(
        SupportingDocument,
        (
            {
                "id": ids["document"] + index,
                "registration_id": d["registration_id"],
                "code": code,
                "status": _document_status(d, position),
                "office_reason": "Pièce illisible." if _refused(d, position) else "",
                "office_reason_code": "illegible" if _refused(d, position) else "",
                "reviewed_file_id": None,
                "requested_until": None,
                "status_changed_at": d["validated"],
            }
            for index, (d, position, code) in enumerate(documents)
        ),
    )
    copy_rows(
        StoredFile,
        (
            {
                "id": ids["file"] + index,
                "document_id": ids["document"] + index,
                "file": f"justificatifs/synthetique/{ids['file'] + index}.pdf",
                "original_name": f"{code}.pdf",
                "size": 180_000 + (index % 97) * 1000,
                "content_type": "application/pdf",
                "sha256": f"{index:064x}",
                "scan_status": ScanStatus.CLEAN,
                "scan_result": "",
                "scanned_at": d["validated"],
                "uploaded_at": d["validated"],
                "uploaded_by_id": d["user_id"],
            }
            for index, (d, _position, code) in enumerate(documents)
        ),
    )
    pending = [d for d in plan if d["state"] == "to_complete"]
    office_id = generator.office.pk if generator.office else None
    if office_id is not None:
        copy_rows(
            CompletionRequest,
            (
                {
                    "id": ids["request"] + index,
                    "registration_id": d["registration_id"],
                    "requested_by_id": office_id,
                    "requested_at": now - timedelta(days=3),
                    "due_at": now + timedelta(days=7),
                    "version": d["version"],
                    "documents": ["identity"],
                    "corrections": "",
                    "message": "La copie de votre pièce d'identité est illisible.",
                    "status": CompletionStatus.OPEN,
                    "answered_at": None,
                    "answer": "",
                    "closed_at": None,
                }
                for index, d in enumerate(pending)
            ),
        )
        decided = [d for d in plan if d["state"] in {"compliant", "non_compliant", "to_complete"}]
        moves = {
            "compliant": "declare_compliant",
            "non_compliant": "declare_non_compliant",
            "to_complete": "request_completion",
        }
        copy_rows(
            StateChange,
            (
                {
                    "id": ids["change"] + index,
                    "registration_id": d["registration_id"],
                    "move": moves[d["state"]],
                    "from_state": "submitted",
                    "to_state": d["state"],
                    "actor_id": office_id,
                    "at": d["validated"] + timedelta(hours=2),
                    "version": d["version"],
                    "reason_code": "not_eligible" if d["state"] == "non_compliant" else "",
                    "comment": "",
                }
                for index, d in enumerate(decided)
            ),
        )
    copy_rows(
        AuditEntry,
        (
            {
                "id": ids["audit"] + d["n"],
                "at": d["validated"],
                "actor_id": d["user_id"],
                "action": "registration.validate",
                "object_type": "registration.registration",
                "object_id": str(d["registration_id"]),
                "data": {"version": d["version"]},
                "registration_id": d["registration_id"],
                "version": d["version"],
            }
            for d in plan
        ),
    )


def _refused(d: dict[str, Any], position: int) -> bool:
    return bool(d["refused"]) and position == 0


def _document_status(d: dict[str, Any], position: int) -> str:
    if _refused(d, position):
        return DocumentStatus.REFUSED
    if d["state"] == "compliant":
        return DocumentStatus.ACCEPTED
    return DocumentStatus.UPLOADED
