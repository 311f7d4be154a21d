"""The confirmation of a validated version: its content, its PDF, its email."""

from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from . import confirmation_pdf as pdf
from .models import RegistrationVersion


def _row(summary: dict[str, Any], section: str, label: str) -> str:
    for row_section, row_label, value in summary["rows"]:
        if (row_section, row_label) == (section, label):
            return str(value)
    return ""


def verification_url(version: RegistrationVersion) -> str:
    path = reverse("registration:verify", args=[version.verification_token])
    return f"{settings.SITE_URL}{path}"


def confirmation_content(version: RegistrationVersion) -> pdf.ConfirmationContent:
    summary, identity = version.summary, version.answers.get("identity", {})
    address_lines = [
        line
        for line in (
            identity.get("street", ""),
            identity.get("place", ""),
            f"{identity.get('postal_code', '')} {identity.get('locality', '')}".strip(),
        )
        if line
    ]
    contact = summary["office_contact"]
    return pdf.ConfirmationContent(
        dossier_reference=version.reference,
        session_label=summary["session_label"],
        validated_at=version.validated_at,
        candidate=pdf.Candidate(
            last_name=_row(summary, "Candidat", "Nom"),
            usage_name=_row(summary, "Candidat", "Nom d'usage"),
            first_names=_row(summary, "Candidat", "Prénoms"),
            birth_date=_row(summary, "Candidat", "Date de naissance"),
            birthplace=_row(summary, "Candidat", "Lieu de naissance"),
            nationality=(
                "française"
                if _row(summary, "Candidat", "Nationalité française") == "oui"
                else "autre"
            ),
            address_lines=address_lines,
            email=_row(summary, "Coordonnées", "Courriel"),
            phone=_row(summary, "Coordonnées", "Téléphone"),
        ),
        category_label=_row(summary, "Situation", "Catégorie"),
        establishment_label=_row(summary, "Inscription", "Établissement"),
        specialty_label=_row(summary, "Inscription", "Spécialité"),
        option_label=_row(summary, "Inscription", "Option"),
        form_label=_row(summary, "Inscription", "Forme"),
        languages=[(role, name) for role, name in summary["languages"] if name],
        units=[
            pdf.UnitLine(u["code"], u["title"], u["position_label"], u["detail"])
            for u in summary["units"]
        ],
        consents=pdf.Consents(
            press_and_websites=_row(
                summary, "Publication des résultats", "Presse et sites internet privés"
            )
            == "oui",
            local_authorities=_row(
                summary, "Publication des résultats", "Collectivités territoriales"
            )
            == "oui",
        ),
        accommodation_requested=summary["accommodation_requested"],
        documents=[
            pdf.DocumentLine(d["label"], d["reason"], d["due_label"]) for d in summary["documents"]
        ],
        office_contact=pdf.OfficeContact(
            label=contact["label"],
            email=contact["email"],
            phone=contact["phone"],
            address_lines=contact["address"],
        ),
        signature_required=summary["signature_required"],
        verification_url=verification_url(version),
    )


def confirmation_file_name(version: RegistrationVersion) -> str:
    return f"confirmation-{version.reference}.pdf"


def store_confirmation(version: RegistrationVersion) -> bytes:
    """Render the PDF once and keep it with the version (never re-rendered afterwards)."""
    if version.confirmation:
        with version.confirmation.open("rb") as handle:
            stored: bytes = handle.read()
            return stored
    data = pdf.render_confirmation(confirmation_content(version))
    version.confirmation.save(confirmation_file_name(version), ContentFile(data), save=False)
    RegistrationVersion.objects.filter(pk=version.pk).update(confirmation=version.confirmation.name)
    return data


def email_confirmation(version: RegistrationVersion, data: bytes) -> None:
    registration = version.registration
    context = {
        "version": version,
        "registration": registration,
        "dashboard_url": f"{settings.SITE_URL}{reverse('candidates:dashboard')}",
        "summary": version.summary,
    }
    message = EmailMessage(
        subject=f"Confirmation d'inscription au BTS — dossier {version.reference}",
        body=render_to_string("registration/email/confirmation.txt", context),
        to=[_row(version.summary, "Coordonnées", "Courriel") or registration.candidate.email],
    )
    message.attach(confirmation_file_name(version), data, "application/pdf")
    message.send()
