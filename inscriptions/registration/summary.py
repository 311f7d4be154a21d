"""What a validated version says, in words: kept with the version, read by the confirmation
PDF, the candidate's dashboard and the comparison of two versions.

Labels are stored in French, the language of the confirmation, so that a version reads the same
whatever is changed later in the catalogue.
"""

from datetime import datetime
from typing import Any

from django.utils import formats, timezone, translation

from inscriptions import rules as r
from inscriptions.catalog import facts as catalog_facts
from inscriptions.catalog.models import Establishment, OfficeContact
from inscriptions.core.findings import finding_text
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

from .models import Registration

YES_NO = {"yes": "oui", "no": "non"}
MONTHS_UNKNOWN = "00"


def _birth_date(identity: dict[str, Any]) -> str:
    day = str(identity.get("birth_day") or MONTHS_UNKNOWN).zfill(2)
    month = str(identity.get("birth_month") or MONTHS_UNKNOWN).zfill(2)
    return f"{day}/{month}/{identity.get('birth_year', '')}"


def _birthplace(identity: dict[str, Any]) -> str:
    if identity.get("born_abroad") == "yes":
        return f"{identity.get('birth_municipality', '')} ({identity.get('birth_country', '')})"
    place = identity.get("birth_municipality") or ""
    arrondissement = identity.get("birth_arrondissement")
    if arrondissement:
        place = f"{place} {arrondissement}e arrondissement"
    return f"{place} ({identity.get('birth_department', '')})".strip()


def _language(code: str | None) -> str:
    if not code:
        return ""
    return labels.language_label(code)


def _enum_label(enum: type, value: Any) -> str:
    try:
        return labels.label(enum(value))
    except ValueError:
        return ""


def _datetime(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def unit_lines(decision: r.RegistrationDecision) -> list[dict[str, str]]:
    units = []
    for position in decision.units:
        detail = ""
        if position.grade is not None:
            detail = f"note {formats.number_format(position.grade)}/20"
            if position.obtained_on:
                detail += f" obtenue le {position.obtained_on:%d/%m/%Y}"
        units.append(
            {
                "code": position.unit_code,
                "title": position.title,
                "position": position.position.value,
                "position_label": labels.label(position.position),
                "detail": detail,
            }
        )
    return units


def document_lines(decision: r.RegistrationDecision) -> list[dict[str, str]]:
    return [
        {
            "code": document.code,
            "label": document.label,
            "reason": " ".join(finding_text(reason) for reason in document.reasons),
            "due_at": document.due_at.isoformat(),
            "due_label": _datetime(document.due_at),
        }
        for document in decision.documents
    ]


def _contact(registration: Registration) -> dict[str, Any]:
    academy = registration.session.academy
    contact = (
        OfficeContact.objects.filter(academy=academy, specialties=registration.specialty).first()
        if registration.specialty
        else None
    )
    return {
        "label": contact.label if contact else academy.office_name or f"Académie de {academy}",
        "email": (contact.email if contact else "") or academy.office_email,
        "phone": (contact.phone if contact else "") or academy.office_phone,
        "address": [line for line in academy.office_address.splitlines() if line.strip()],
    }


def _former_establishment(answers: dict[str, Any]) -> list[list[str]]:
    """A returning candidate's former establishment: from the list, or as they named it."""
    pk = answers.get("former_establishment")
    former = Establishment.objects.filter(pk=pk).first() if pk else None
    if former is not None:
        return [["Inscription", "Ancien établissement", str(former)]]
    name, city = answers.get("former_establishment_name"), answers.get("former_establishment_city")
    if name:
        return [["Inscription", "Ancien établissement", f"{name} ({city})"]]
    return []


def rows(answers: dict[str, Any], registration: Registration) -> list[list[str]]:
    """(section, label, value) of everything the candidate answered, for display and diffs."""
    identity = answers.get("identity", {})
    situation = answers.get("situation", {})
    units = answers.get("units", {})
    consents = answers.get("consents", {})
    establishment = Establishment.objects.filter(
        pk=answers.get("establishment", {}).get("establishment")
    ).first()
    first_names = " ".join(
        identity.get(f"first_name_{i}", "") for i in (1, 2, 3) if identity.get(f"first_name_{i}")
    )
    table = [
        ["Candidat", "Nom", identity.get("last_name", "")],
        ["Candidat", "Nom d'usage", identity.get("usage_name", "")],
        ["Candidat", "Prénoms", first_names],
        ["Candidat", "Date de naissance", _birth_date(identity)],
        ["Candidat", "Lieu de naissance", _birthplace(identity)],
        ["Candidat", "Nationalité française", YES_NO.get(identity.get("french_national"), "")],
        [
            "Coordonnées",
            "Adresse",
            " ".join(
                part
                for part in (
                    identity.get("street", ""),
                    identity.get("place", ""),
                    identity.get("postal_code", ""),
                    identity.get("locality", ""),
                )
                if part
            ),
        ],
        ["Coordonnées", "Courriel", identity.get("email", "")],
        ["Coordonnées", "Téléphone", identity.get("phone", "")],
        ["Situation", "Catégorie", _enum_label(rf.Category, situation.get("category"))],
        [
            "Situation",
            "Aménagement d'épreuves demandé",
            "oui" if situation.get("disability_declared") else "non",
        ],
        *(
            [
                [
                    "Situation",
                    "Travailleur indépendant",
                    "oui" if situation.get("self_employed") == "yes" else "non",
                ]
            ]
            if situation.get("category") == rf.Category.PROFESSIONAL_EXPERIENCE
            else []
        ),
        ["Inscription", "Établissement", str(establishment) if establishment else ""],
        *_former_establishment(answers.get("establishment", {})),
        [
            "Inscription",
            "Spécialité",
            registration.specialty.name if registration.specialty else "",
        ],
        [
            "Inscription",
            "Option",
            registration.specialty.option if registration.specialty else "",
        ],
        [
            "Inscription",
            "Forme",
            _enum_label(rf.ExamForm, answers.get("form", {}).get("form")),
        ],
        ["Langues", "Langue vivante obligatoire", _language(units.get("compulsory_language"))],
        ["Langues", "Langue vivante facultative", _language(units.get("optional_language"))],
        [
            "Publication des résultats",
            "Presse et sites internet privés",
            YES_NO.get(consents.get("publish_results_press"), ""),
        ],
        [
            "Publication des résultats",
            "Collectivités territoriales",
            YES_NO.get(consents.get("share_with_local_authorities"), ""),
        ],
    ]
    return table


def snapshot(registration: Registration, decision: r.RegistrationDecision) -> dict[str, Any]:
    """The summary frozen with a version (see the module docstring)."""
    with translation.override("fr"):
        specialty = registration.specialty
        answers = registration.answers
        units = answers.get("units", {})
        languages = [
            ["Langue vivante obligatoire", _language(units.get("compulsory_language"))],
        ]
        if units.get("optional_language"):
            languages.append(["Langue vivante facultative", _language(units["optional_language"])])
        return {
            "specialty_id": specialty.pk if specialty else None,
            "specialty_label": str(specialty) if specialty else "",
            "academy": decision.academy.name if decision.academy else "",
            "session_label": (
                f"Session {registration.session.exam_year} — "
                f"académie de {registration.session.academy.name}"
            ),
            "rows": rows(answers, registration),
            "languages": languages,
            "units": unit_lines(decision),
            "documents": document_lines(decision),
            "warnings": [finding_text(f) for f in decision.warnings],
            "office_contact": _contact(registration),
            "signature_required": registration.session.signed_confirmation_required,
            "accommodation_requested": bool(
                answers.get("situation", {}).get("disability_declared")
            ),
            "language_names": catalog_facts.language_names(),
        }


def differences(before: list[list[str]], after: list[list[str]]) -> list[dict[str, str]]:
    """What changed between two versions' rows."""
    old = {(section, label): value for section, label, value in before}
    new = {(section, label): value for section, label, value in after}
    changes = []
    for key in dict.fromkeys([*old, *new]):
        if old.get(key, "") != new.get(key, ""):
            changes.append(
                {
                    "section": key[0],
                    "label": key[1],
                    "before": old.get(key, ""),
                    "after": new.get(key, ""),
                }
            )
    return changes
