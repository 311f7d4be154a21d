"""Synthetic candidates and dossiers in bulk, for the benchmarks: ``manage.py generate_dossiers``.

Realistic rather than random: French names and places (Faker fr_FR), the real specialties,
categories, forms, bénéfices and documents, and states in the proportions of an office half-way
through its work. Each dossier is built from a template version that the real wizard validated
(the demo's), its identity, specialty and choices changed, so the JSON the pages read has the
shape they expect. Rows go in with PostgreSQL's COPY (a million dossiers in minutes); on SQLite,
with ``bulk_create``. Never in production: the accounts share one known password hash.
"""

import json
import random
import secrets
from collections.abc import Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Max
from faker import Faker

from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import ExamSession, Specialty
from inscriptions.core.models import AuditEntry
from inscriptions.documents.models import DocumentStatus, ScanStatus, SupportingDocument
from inscriptions.documents.models import UploadedFile as StoredFile
from inscriptions.registration.models import Registration, RegistrationVersion, SessionCounter
from inscriptions.registration.search import search_key
from inscriptions.review.models import CompletionRequest, CompletionStatus, StateChange

# State of a dossier half-way through the processing weeks.
STATES = [
    ("submitted", 0.50),
    ("to_complete", 0.10),
    ("compliant", 0.28),
    ("non_compliant", 0.09),
    ("withdrawn", 0.03),
]
CATEGORIES = [
    ("former_school", 0.35),
    ("former_apprentice", 0.15),
    ("former_continuing", 0.15),
    ("distance_school", 0.10),
    ("distance_apprentice", 0.03),
    ("distance_continuing", 0.07),
    ("professional_experience", 0.15),
]
DOCUMENTS = ["confirmation_signed", "identity", "jdc_certificate", "school_certificates"]
BATCH = 5_000
SYNTHETIC_DOMAIN = "synthetique.example"


def _weighted(rng: random.Random, table: list[tuple[str, float]]) -> str:
    return rng.choices([value for value, _ in table], [weight for _, weight in table])[0]


@dataclass
class Template:
    answers: dict[str, Any]
    summary: dict[str, Any]


def template_version() -> Template:
    """The latest version of a dossier the wizard validated (``load_demo`` makes some)."""
    version = RegistrationVersion.objects.order_by("-pk").first()
    if version is None:
        raise RuntimeError("no validated dossier to copy: run manage.py load_demo first")
    return Template(answers=version.answers, summary=version.summary)


def _copy(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows (dicts by attname, ids given) as fast as the database allows."""
    fields = list(model._meta.concrete_fields)
    names = [field.attname for field in fields]
    count = 0
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        columns = ", ".join(connection.ops.quote_name(field.column or "") for field in fields)
        json_columns = {f.attname for f in fields if isinstance(f, models.JSONField)}
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: COPY
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(
                        [
                            json.dumps(row.get(name)) if name in json_columns else row.get(name)
                            for name in names
                        ]
                    )
                    count += 1
        return count
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**row))
        count += 1
        if len(batch) >= BATCH:
            model._default_manager.bulk_create(batch)
            batch = []
    if batch:
        model._default_manager.bulk_create(batch)
    return count


def _reset_sequences(models_: list[type[models.Model]]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


class Generator:
    def __init__(self, *, session: ExamSession, seed: int, now: datetime) -> None:
        self.session = session
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, no secret
        self.now = now
        fake = Faker("fr_FR")
        fake.seed_instance(seed)
        # Pools: Faker is slow per call, and real names repeat (which search must cope with).
        self.last_names = [fake.last_name() for _ in range(3000)]
        self.first_names = [fake.first_name() for _ in range(800)]
        self.streets = [fake.street_address() for _ in range(2000)]
        self.cities = [(fake.city(), fake.postcode()) for _ in range(500)]
        specialties = list(Specialty.objects.filter(is_active=True).order_by("pk"))
        # A few specialties gather most candidates (MCO, NDRC, CG, SIO...): Zipf-like weights.
        self.specialties = specialties
        self.specialty_weights = [1 / (rank + 1) for rank in range(len(specialties))]
        self.rng.shuffle(self.specialty_weights)
        self.template = template_version()
        self.password = make_password(secrets.token_urlsafe(16))
        self.office = User.objects.filter(
            role__in=[Role.ACADEMY_ADMIN, Role.OFFICE_STAFF], academy=session.academy
        ).first()

    def dossiers(
        self, count: int, *, first_number: int, ids: dict[str, int]
    ) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for index in range(count):
            specialty = rng.choices(self.specialties, self.specialty_weights)[0]
            last_name = rng.choice(self.last_names)
            first_name = rng.choice(self.first_names)
            city, postcode = rng.choice(self.cities)
            state = _weighted(rng, STATES)
            validated = self.now - timedelta(minutes=rng.randint(60, 60 * 24 * 40))
            version = rng.choices([0, 1, 2], [0.75, 0.2, 0.05])[0]
            missing = rng.choices([0, 1, 2], [0.7, 0.22, 0.08])[0] if state != "compliant" else 0
            refused = 1 if state in {"to_complete", "non_compliant"} and rng.random() < 0.5 else 0
            yield {
                "n": index,
                "number": first_number + index,
                "user_id": ids["user"] + index,
                "registration_id": ids["registration"] + index,
                "specialty": specialty,
                "last_name": last_name,
                "first_name": first_name,
                "street": rng.choice(self.streets),
                "city": city,
                "postcode": postcode,
                "state": state,
                "category": _weighted(rng, CATEGORIES),
                "form": "global" if rng.random() < 0.85 else "progressive",
                "accommodation": rng.random() < 0.04,
                "validated": validated,
                "version": version,
                "missing": missing,
                "refused": refused,
                "birth_year": rng.randint(1975, 2007),
            }

    def answers(self, d: dict[str, Any]) -> dict[str, Any]:
        answers = deepcopy(self.template.answers)
        identity = answers.setdefault("identity", {})
        identity.update(
            {
                "last_name": d["last_name"],
                "first_name_1": d["first_name"],
                "birth_year": str(d["birth_year"]),
                "street": d["street"],
                "postal_code": d["postcode"],
                "locality": d["city"],
                "email": self.email(d),
            }
        )
        answers.setdefault("situation", {})["category"] = d["category"]
        answers["situation"]["disability_declared"] = d["accommodation"]
        answers["specialty"] = {"specialty": d["specialty"].pk}
        answers["form"] = {"form": d["form"]}
        return answers

    def summary(self, d: dict[str, Any]) -> dict[str, Any]:
        summary = deepcopy(self.template.summary)
        summary["specialty_id"] = d["specialty"].pk
        summary["accommodation_requested"] = d["accommodation"]
        for row in summary.get("rows", []):
            if row[1] == "Nom":
                row[2] = d["last_name"]
            elif row[1] == "Prénoms":
                row[2] = d["first_name"]
            elif row[1] == "Spécialité":
                row[2] = d["specialty"].name
        return summary

    @staticmethod
    def email(d: dict[str, Any]) -> str:
        return f"candidat.{d['registration_id']}@{SYNTHETIC_DOMAIN}"


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
    _reset_sequences(
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
    _copy(
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
    _copy(
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
    _copy(
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
    _copy(
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
    _copy(
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
        _copy(
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
        _copy(
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
    _copy(
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
