"""What a confirmation says: the candidate, the dossier, its units, documents and consents, as
plain data, and the French wording that prints it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

UNIT_POSITIONS = ("Présentée", "Bénéfice conservé", "Dispense", "Facultative — inscrit")


AUTHOR = "Inscriptions au BTS"


TITLE = "Confirmation d'inscription à l'examen du BTS"


SIGNATURE_LABEL = "Date et signature du candidat"


VERIFY_LABEL = "Vérifiez l'authenticité de ce document"


ACCOMMODATION_TITLE = "demande d'aménagement à compléter."


# French spacing: a no-break space before ":" ";" "»" and after "«".
INTRODUCTION = (
    "Vérifiez soigneusement ces renseignements. Jusqu'à la clôture des inscriptions, vous pouvez "
    "modifier votre inscription\xa0: chaque modification donne une nouvelle version de cette "
    "confirmation, le numéro de dossier reste le même."
)


ACCOMMODATION = (
    "Adressez votre demande au médecin désigné par la CDAPH au plus tard à la date de clôture "
    "des inscriptions\xa0; la décision vous sera notifiée dans votre espace candidat."
)


DOCUMENTS = (
    "À déposer dans votre espace candidat, rubrique «\xa0Mes justificatifs\xa0», avant la date "
    "limite indiquée."
)


SIGNATURE_NOTE = (
    "Datez et signez cette confirmation, puis déposez-la avec vos pièces justificatives\xa0: "
    "votre inscription ne sera définitive qu'à cette condition."
)


@dataclass(frozen=True, kw_only=True)
class Candidate:
    last_name: str
    first_names: str
    birth_date: str  # as entered: "00/00/2001" when day and month are unknown
    birthplace: str
    nationality: str
    address_lines: Sequence[str]
    email: str
    phone: str = ""
    usage_name: str = ""


@dataclass(frozen=True, kw_only=True)
class Consents:
    press_and_websites: bool  # results given to the press and private companies' websites
    local_authorities: bool  # name and address given to local authorities (awards)


@dataclass(frozen=True)
class UnitLine:
    code: str
    title: str
    position_label: str  # one of UNIT_POSITIONS
    detail: str = ""  # "note 12,5/20 obtenue le 04/07/2024"


@dataclass(frozen=True)
class DocumentLine:
    label: str
    reason: str
    due_label: str


@dataclass(frozen=True, kw_only=True)
class OfficeContact:
    label: str
    email: str
    phone: str
    address_lines: Sequence[str] = ()


@dataclass(frozen=True, kw_only=True)
class ConfirmationContent:
    dossier_reference: str  # "175-1": the dossier number, then the version after the dash
    session_label: str
    validated_at: datetime  # aware; printed in Paris time
    candidate: Candidate
    category_label: str
    establishment_label: str
    specialty_label: str
    form_label: str
    consents: Consents
    office_contact: OfficeContact
    verification_url: str
    option_label: str = ""
    languages: Sequence[tuple[str, str]] = ()  # (role, language)
    units: Sequence[UnitLine] = ()
    accommodation_requested: bool = False
    documents: Sequence[DocumentLine] = ()
    signature_required: bool = True
    superseded_note: str | None = None


PARIS = ZoneInfo("Europe/Paris")


MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def format_validated_at(moment: datetime) -> str:
    """ "le 23 novembre 2026 à 14 h 05", in Paris time."""
    if moment.utcoffset() is None:
        raise ValueError("validated_at must be an aware datetime")
    local = moment.astimezone(PARIS)
    day, month = "1er" if local.day == 1 else local.day, MONTHS.split()[local.month - 1]
    return f"le {day} {month} {local.year} à {local.hour} h {local.minute:02d}"


def dossier_heading(reference: str) -> str:
    """ "175-1" → "Dossier n° 175 — version 1"."""
    number, _, version = reference.rpartition("-")
    return f"Dossier n° {number} — version {version}" if number else f"Dossier n° {reference}"
