"""Demo dossiers for the exam office: candidates who registered in the session open now, through
the wizard's own forms and services, with documents uploaded, some already processed. The demo
staff can then process them. Never run in production (see ``demo``).
"""

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen import canvas

from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import Establishment, ExamSession, Specialty
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents import services as document_services
from inscriptions.documents.models import SupportingDocument
from inscriptions.registration import services as registration_services
from inscriptions.registration import steps
from inscriptions.registration.models import Registration
from inscriptions.review import services as review_services

DEMO_DOSSIER_CANDIDATE = "lucie.bernard@example.org"


@dataclass(frozen=True)
class DemoCandidate:
    email: str
    last_name: str
    first_name: str
    bcn_code: str
    outcome: str  # submitted, incomplete (documents missing), to_complete, compliant, refused
    birth_year: str = "2004"
    accommodation: bool = False


DEMO_CANDIDATES = [
    DemoCandidate(DEMO_DOSSIER_CANDIDATE, "Bernard", "Lucie", "32031213", "to_complete"),
    DemoCandidate("hugo.petit@example.org", "Petit", "Hugo", "32031213", "submitted"),
    DemoCandidate("ines.roux@example.org", "Roux", "Inès", "32031213", "submitted", "2003"),
    DemoCandidate("nathan.morel@example.org", "Morel", "Nathan", "32031213", "incomplete"),
    DemoCandidate(
        "emma.fournier@example.org", "Fournier", "Emma", "32031213", "submitted", "2002", True
    ),
    DemoCandidate("louis.girard@example.org", "Girard", "Louis", "32031213", "compliant"),
    DemoCandidate("jade.andre@example.org", "André", "Jade", "32031213", "refused"),
    DemoCandidate("lea.mercier@example.org", "Mercier", "Léa", "32032613", "submitted"),
    DemoCandidate("tom.blanc@example.org", "Blanc", "Tom", "32032613", "incomplete", "2001"),
]


def demo_pdf(title: str) -> bytes:
    """A one-page PDF standing for a scanned document."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("Helvetica", 14)
    page.drawString(72, 760, "Document de démonstration")
    page.drawString(72, 730, title)
    page.save()
    return out.getvalue()


def _answers(
    person: DemoCandidate, specialty: Specialty, establishment: Establishment
) -> list[tuple[str, dict[str, Any]]]:
    identity = {
        "last_name": person.last_name,
        "first_name_1": person.first_name,
        "birth_day": "14",
        "birth_month": "06",
        "birth_year": person.birth_year,
        "french_national": "yes",
        "born_abroad": "no",
        "birth_department": "31",
        "birth_municipality": "Toulouse",
        "abroad": "no",
        "street": "5 place du Capitole",
        "postal_code": "31000",
        "locality": "Toulouse",
        "department": "31",
        "email": person.email,
        "phone": "06 00 00 00 00",
    }
    situation: dict[str, Any] = {
        "category": "former_school",
        "previous_specialty": str(specialty.pk),
        "previous_year": "2026",
        "previous_form": "global",
    }
    if person.accommodation:
        situation["disability_declared"] = "on"
    return [
        ("debut", {"returning": "no"}),
        ("identite", identity),
        ("situation", situation),
        ("etablissement", {"establishment": str(establishment.pk)}),
        ("specialite", {"specialty": str(specialty.pk)}),
        ("forme", {"form": "global"}),
        ("publication", {"publish_results_press": "yes", "share_with_local_authorities": "no"}),
        ("acquis", {}),
        ("epreuves", {"compulsory_language": "en", "compulsory_language_followed": "yes"}),
    ]


def _register(person: DemoCandidate, user: User, session: ExamSession, now: datetime) -> Any:
    registration = registration_services.registration_start(
        candidate=user, session=session, now=now
    )
    specialty = Specialty.objects.get(bcn_code=person.bcn_code)
    establishment = session.academy.establishments.get(code="FIC-31")
    for name, data in _answers(person, specialty, establishment):
        step = steps.STEP_BY_NAME[name]
        if not step.applies(registration):
            continue
        form = step.form_class(data, context=steps.form_context(registration, step, now=now))
        if not form.is_valid():
            raise ValueError(f"demo answers refused on {name}: {form.errors.as_json()}")
        registration = registration_services.registration_save_step(
            registration=registration,
            step=steps.ANSWER_KEYS[name],
            values=form.answers(),
            next_step=name,
            now=now,
        )
    registration_services.registration_validate(registration=registration, actor=user, now=now)
    registration.refresh_from_db()
    return registration


def _upload_documents(registration: Registration, user: User, *, skip: int, now: datetime) -> None:
    required = document_selectors.required_documents(registration, now=now)
    for document in required[: max(len(required) - skip, 0)]:
        document_services.document_upload(
            registration=registration,
            code=document.code,
            upload=SimpleUploadedFile(f"{document.code}.pdf", demo_pdf(document.label)),
            actor=user,
            now=now,
        )


def _process(
    registration: Registration, person: DemoCandidate, office: User, now: datetime
) -> None:
    if person.outcome == "to_complete":
        review_services.dossier_request_completion(
            registration=registration,
            actor=office,
            documents=["identity"],
            corrections="",
            message="La copie de votre pièce d'identité est illisible : déposez-en une nette.",
            due_at=now + timedelta(days=10),
            now=now,
        )
    elif person.outcome == "compliant":
        # The office checks each piece before the dossier can be conforme.
        for document in SupportingDocument.objects.filter(registration=registration):
            document_services.document_accept(document=document, actor=office, now=now)
        review_services.dossier_declare_compliant(registration=registration, actor=office, now=now)
    elif person.outcome == "refused":
        review_services.dossier_declare_non_compliant(
            registration=registration,
            actor=office,
            reason_code="not_eligible",
            comment="Vous n'avez pas été scolarisé dans cette spécialité l'an passé.",
            now=now,
        )


def load_demo_dossiers(*, session: ExamSession, password: str, now: datetime) -> None:
    """Idempotent: a demo candidate who already has a dossier in the session is left as is."""
    for person in DEMO_CANDIDATES:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User(
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
                role=Role.CANDIDATE,
            )
            user.set_password(password)
            user.save()
        if Registration.objects.filter(candidate=user, session=session).exists():
            continue
        registration = _register(person, user, session, now - timedelta(days=2))
        skip = 1 if person.outcome == "incomplete" else 0
        _upload_documents(registration, user, skip=skip, now=now - timedelta(days=1))
        office = (
            User.objects.filter(
                role=Role.OFFICE_STAFF,
                academy=session.academy,
                specialties=registration.specialty,
            ).first()
            or User.objects.filter(role=Role.ACADEMY_ADMIN, academy=session.academy).first()
        )
        if office is not None:
            _process(registration, person, office, now)
