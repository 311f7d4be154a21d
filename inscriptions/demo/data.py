"""Demo data for a newcomer: Toulouse sessions (open now, closed, upcoming), staff, a candidate.

Never run in production: the demo passwords are printed and known to everyone.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from inscriptions.accounts.groups import academy_admin_group
from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import (
    Academy,
    ExamSession,
    OfficeContact,
    Specialty,
)
from inscriptions.registration.models import PriorRecord

from .dossiers import DEMO_DOSSIER_CANDIDATE, load_demo_dossiers
from .second_factor import demo_second_factor

PARIS = ZoneInfo("Europe/Paris")
TOULOUSE_CODE = "16"

# Seed 002 §V: the exam office contact for each group of specialties (Toulouse, session 2022).
# Each entry: the label, the phone, and the specialties it covers as (name, option prefix).
TOULOUSE_CONTACTS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Gestionnaire ERPC, mode, coiffure, esthétique, photographie, SIO",
        "05 36 25 71 12",
        [
            ("études de réalisation d'un projet de communication", ""),
            ("métiers de la mode vêtements", ""),
            ("métiers de la mode chaussure et maroquinerie", ""),
            ("métiers de l'esthétique, de la cosmétique et de la parfumerie", ""),
            ("photographie", ""),
            ("podo-orthésiste", ""),
            ("prothésiste dentaire", ""),
            ("services informatiques aux organisations", ""),
        ],
    ),
    (
        "Gestionnaire Assurance, ATI, NDRC, audiovisuel, MOS",
        "05 36 25 71 28",
        [
            ("assurance", ""),
            ("assistance technique d'ingénieur", ""),
            ("négociation et digitalisation de la relation client", ""),
            ("métiers de l'audiovisuel", ""),
            ("management opérationnel de la sécurité", ""),
        ],
    ),
    (
        "Gestionnaire CIM, CRCI, DRB, maintenance des véhicules, eau, immobilier, SP3S, tourisme",
        "05 36 25 78 51",
        [
            ("conception et industrialisation en microtechniques", ""),
            ("conception et réalisation en chaudronnerie industrielle", ""),
            ("développement et réalisation bois", ""),
            ("maintenance des véhicules", ""),
            ("métiers de l'eau", ""),
            ("professions immobilières", ""),
            ("services et prestations des secteurs sanitaire et social", ""),
            ("tourisme", ""),
        ],
    ),
    (
        "Gestionnaire commerce international, communication, ESF, MHR, GTLA",
        "05 36 25 71 09",
        [
            ("commerce international", ""),
            ("communication", ""),
            ("économie sociale et familiale", ""),
            ("management en hôtellerie restauration", ""),
            ("gestion des transports et logistique associée", ""),
        ],
    ),
    (
        "Gestionnaire AMCR, comptabilité-gestion, CRSA, MMCM, maintenance des systèmes B",
        "05 36 25 71 20",
        [
            ("architectures en métal : conception et réalisation", ""),
            ("comptabilité et gestion", ""),
            ("conception et réalisation de systèmes automatiques", ""),
            ("maintenance des matériels de construction et de manutention", ""),
            ("maintenance des systèmes", "B"),
        ],
    ),
    (
        "Gestionnaire bioqualité, CPRP, MCO, TSMA",
        "05 36 25 71 13",
        [
            ("bioqualité", ""),
            ("conception des processus de réalisation de produits", ""),
            ("management commercial opérationnel", ""),
            ("techniques et services en matériels agricoles", ""),
        ],
    ),
    (
        "Gestionnaire bâtiment, biologie, diététique, électrotechnique, notariat, TP",
        "05 36 25 71 08",
        [
            ("finitions, aménagement des bâtiments : conception et réalisation", ""),
            ("bâtiment", ""),
            ("bioanalyses en laboratoire de contrôle", ""),
            ("biotechnologie en recherche et en production", ""),
            ("diététique et nutrition", ""),
            ("électrotechnique", ""),
            ("collaborateur juriste notarial", ""),
            ("traitement des matériaux", ""),
            ("travaux publics", ""),
        ],
    ),
    (
        "Gestionnaire CIRA, enveloppe, europlastics, PME, maintenance des systèmes A, chimie",
        "05 36 25 71 39",
        [
            ("contrôle industriel et régulation automatique", ""),
            ("enveloppe des bâtiments : conception et réalisation", ""),
            ("europlastics et composites option conception outillage", ""),
            ("europlastics et composites option pilotage et optimisation de la production", ""),
            ("gestion de la PME", ""),
            ("maintenance des systèmes", "A"),
            ("métiers de la chimie", ""),
            ("systèmes constructifs bois et habitat", ""),
            ("cybersécurité, informatique et réseaux, électronique", ""),
        ],
    ),
    (
        "Gestionnaire aéronautique, banque, CPI, fonderie, MSE, optique, SAM",
        "05 36 25 72 07",
        [
            ("aéronautique", ""),
            ("banque", ""),
            ("conception des produits industriels", ""),
            ("fonderie", ""),
            ("métiers des services à l'environnement", ""),
            ("opticien lunetier", ""),
            ("photonique : technologies et sciences de la lumière", ""),
            ("support à l'action managériale", ""),
        ],
    ),
]


# Two office staff members, each with the specialties they process.
DEMO_OFFICE_STAFF: list[tuple[str, str, list[str]]] = [
    (
        "gestionnaire.tertiaire@example.org",
        "Bruno",
        [
            "management commercial opérationnel",
            "négociation et digitalisation de la relation client",
            "comptabilité et gestion",
        ],
    ),
    (
        "gestionnaire.industrie@example.org",
        "Chloé",
        [
            "services informatiques aux organisations",
            "maintenance des systèmes",
            "électrotechnique",
        ],
    ),
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    note: str
    # Office accounts: how to give the second factor (demo_second_factor).
    second_factor: str = ""


DEMO_PASSWORD_STAFF = "Demo-Bureau-Examens-2027!"  # noqa: S105 - demo only, printed to the user
DEMO_PASSWORD_CANDIDATE = "Demo-Candidat-2027!"  # noqa: S105 - demo only, printed to the user


def _paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def _specialties_matching(entries: list[tuple[str, str]]) -> list[Specialty]:
    query = Q()
    for name, option in entries:
        query |= Q(name__startswith=name, option__startswith=option)
    return list(Specialty.objects.filter(query))


def _session_dates(opens: datetime, closes: datetime, exam_year: int) -> dict[str, datetime]:
    return {
        "registration_opens_at": opens,
        "registration_closes_at": closes,
        "documents_due_at": closes + timedelta(days=7),
        "late_documents_due_at": _paris(exam_year, 4, 30, 23, 59),
        "processing_due_at": closes + timedelta(days=45),
        "convocations_published_at": _paris(exam_year, 4, 20, 9),
        "first_written_exam_at": _paris(exam_year, 5, 12, 8),
    }


def _sessions(academy: Academy, now: datetime) -> list[ExamSession]:
    local_now = now.astimezone(PARIS)
    today = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    # Open now: opened three weeks ago, closes in three weeks at noon, Paris time.
    open_closes = (today + timedelta(days=21)).replace(hour=12)
    open_year = open_closes.year + 1
    plans = [
        (open_year - 1, today - timedelta(days=365 + 21), today - timedelta(days=365 - 21)),
        (open_year, today - timedelta(days=21), open_closes),
        (open_year + 1, today + timedelta(days=344), open_closes + timedelta(days=365)),
    ]
    sessions = []
    for exam_year, opens, closes in plans:
        session, _created = ExamSession.objects.update_or_create(
            academy=academy,
            exam_year=exam_year,
            defaults=_session_dates(opens, closes, exam_year),
        )
        sessions.append(session)
    return sessions


def _user(email: str, password: str, **fields: object) -> User:
    user = User.objects.filter(email=email).first() or User(email=email)
    for name, value in fields.items():
        setattr(user, name, value)
    user.set_password(password)
    user.save()
    return user


# Returning candidates: their number and birth date pre-fill a new registration (seed 004).
PRIOR_CANDIDATES: list[dict[str, Any]] = [
    {
        "candidate_number": "1600012345",
        "birth_date": date(2003, 4, 17),
        "bcn_code": "32031213",  # MCO
        "form": "global",
        "civil_status": {
            "last_name": "Bernard",
            "first_name_1": "Lucas",
            "first_name_2": "Pierre",
            "birth_day": "17",
            "birth_month": "04",
            "birth_year": "2003",
            "french_national": "yes",
            "born_abroad": "no",
            "birth_department": "31",
            "birth_municipality": "Toulouse",
        },
        "address": {
            "abroad": "no",
            "street": "12 allée Jean Jaurès",
            "postal_code": "31000",
            "locality": "Toulouse",
            "department": "31",
        },
        "grades": [("U1", "12.5"), ("U4", "14"), ("U5", "8"), ("U6", "11")],
    }
]


def _prior_records(academy: Academy, exam_year: int) -> None:
    for data in PRIOR_CANDIDATES:
        record, _created = PriorRecord.objects.update_or_create(
            academy=academy,
            exam_year=exam_year,
            candidate_number=data["candidate_number"],
            defaults={
                "birth_date": data["birth_date"],
                "specialty": Specialty.objects.get(bcn_code=data["bcn_code"]),
                "form": data["form"],
                "civil_status": data["civil_status"],
                "address": data["address"],
            },
        )
        record.grades.all().delete()
        for unit_code, grade in data["grades"]:
            record.grades.create(
                unit_code=unit_code, grade=Decimal(grade), obtained_on=date(exam_year, 7, 4)
            )


@transaction.atomic
def load_demo(*, now: datetime) -> list[DemoLogin]:
    academy = Academy.objects.get(code=TOULOUSE_CODE)
    academy.office_name = "Rectorat de Toulouse — bureau des examens post-bac (DEC 5)"
    academy.office_address = "Rectorat, Bureau DEC 5, CS 87703, 31077 Toulouse Cedex 4"
    academy.office_email = "dec5@ac-toulouse.fr"
    academy.office_phone = "05 36 25 71 08"
    academy.save()

    for label, phone, entries in TOULOUSE_CONTACTS:
        contact, _created = OfficeContact.objects.update_or_create(
            academy=academy, label=label, defaults={"phone": phone, "email": academy.office_email}
        )
        contact.specialties.set(_specialties_matching(entries))

    sessions = _sessions(academy, now)
    _prior_records(academy, sessions[0].exam_year)

    admin = _user(
        "admin.toulouse@example.org",
        DEMO_PASSWORD_STAFF,
        first_name="Alice",
        last_name="Administratrice",
        role=Role.ACADEMY_ADMIN,
        academy=academy,
        is_staff=True,
    )
    admin.groups.set([academy_admin_group()])
    logins = [
        DemoLogin(
            "Administrateur d'académie",
            admin.email,
            DEMO_PASSWORD_STAFF,
            "référentiel, sessions, comptes (/admin/)",
            demo_second_factor(admin),
        )
    ]
    for email, first_name, specialties in DEMO_OFFICE_STAFF:
        member = _user(
            email,
            DEMO_PASSWORD_STAFF,
            first_name=first_name,
            last_name="Gestionnaire",
            role=Role.OFFICE_STAFF,
            academy=academy,
        )
        member.specialties.set(_specialties_matching([(name, "") for name in specialties]))
        logins.append(
            DemoLogin(
                "Gestionnaire",
                email,
                DEMO_PASSWORD_STAFF,
                ", ".join(specialties),
                demo_second_factor(member),
            )
        )
    _user(
        "candidat@example.org",
        DEMO_PASSWORD_CANDIDATE,
        first_name="Camille",
        last_name="Martin",
        role=Role.CANDIDATE,
    )
    logins.append(
        DemoLogin("Candidat", "candidat@example.org", DEMO_PASSWORD_CANDIDATE, "compte candidat")
    )
    load_demo_dossiers(session=sessions[1], password=DEMO_PASSWORD_CANDIDATE, now=now)
    logins.append(
        DemoLogin(
            "Candidat",
            DEMO_DOSSIER_CANDIDATE,
            DEMO_PASSWORD_CANDIDATE,
            "dossier à compléter (et 8 autres candidats dans la file du bureau)",
        )
    )
    return logins
