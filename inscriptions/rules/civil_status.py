"""Civil status, address and contact details (004 « État civil et données générales »)."""

import calendar
import re
from datetime import date

from . import sources as src
from .facts import Address, CivilStatus, Contact, PartialDate
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _

LAST_NAME_REQUIRED = define_rule(
    "civil_status.last_name_required",
    Severity.ERROR,
    _("Le nom de famille est obligatoire."),
    src.N004_CIVIL_STATUS,
    field="civil_status.last_name",
)
LAST_NAME_LOCKED = define_rule(
    "civil_status.last_name_locked",
    Severity.ERROR,
    _(
        "Votre nom de famille vient du dossier de l'académie de votre session %(year)s : il "
        "n'est pas modifiable. S'il est inexact, écrivez au bureau des examens%(reach)s avec une "
        "pièce d'identité pour le faire corriger ; votre nom d'usage reste modifiable ici."
    ),
    src.N004_CIVIL_STATUS,
    field="civil_status.last_name",
)
FIRST_NAME_REQUIRED = define_rule(
    "civil_status.first_name_required",
    Severity.ERROR,
    _("Saisissez au moins un prénom."),
    src.N000_PREREGISTRATION,
    field="civil_status.first_names",
)
SECOND_FIRST_NAME = define_rule(
    "civil_status.second_first_name_recommended",
    Severity.WARNING,
    _("Saisissez deux prénoms si possible."),
    src.N000_PREREGISTRATION,
    field="civil_status.first_names",
)
BIRTH_DATE_REQUIRED = define_rule(
    "civil_status.birth_year_required",
    Severity.ERROR,
    _("L'année de naissance est obligatoire."),
    src.N004_CIVIL_STATUS,
    field="civil_status.birth_date",
)
BIRTH_DATE_INVALID = define_rule(
    "civil_status.birth_date_invalid",
    Severity.ERROR,
    _(
        "La date de naissance « %(birth_date)s » n'est pas valide : saisissez 00/00 "
        "pour un jour et un mois de naissance inconnus."
    ),
    src.N004_CIVIL_STATUS,
    field="civil_status.birth_date",
)
BIRTH_DATE_FUTURE = define_rule(
    "civil_status.birth_date_in_future",
    Severity.ERROR,
    _("La date de naissance « %(birth_date)s » est postérieure à la date du jour."),
    src.N004_CIVIL_STATUS,
    field="civil_status.birth_date",
)
BIRTH_DEPARTMENT_REQUIRED = define_rule(
    "civil_status.birth_department_required",
    Severity.ERROR,
    _("Né(e) en France ou dans un DOM-TOM : saisissez votre département de naissance."),
    src.N004_CIVIL_STATUS,
    field="civil_status.birth_department",
)
BIRTH_DEPARTMENT_INVALID = define_rule(
    "civil_status.birth_department_invalid",
    Severity.ERROR,
    _("Le département de naissance « %(department)s » n'existe pas."),
    src.N004_CIVIL_STATUS,
    field="civil_status.birth_department",
)
ARRONDISSEMENT_REQUIRED = define_rule(
    "civil_status.birth_arrondissement_required",
    Severity.ERROR,
    _("Né(e) à %(city)s : l'arrondissement de naissance est obligatoire."),
    src.N004_CIVIL_STATUS,
    field="civil_status.birth_arrondissement",
)
ARRONDISSEMENT_INVALID = define_rule(
    "civil_status.birth_arrondissement_invalid",
    Severity.ERROR,
    _(
        "L'arrondissement de naissance « %(arrondissement)s » n'existe pas : %(city)s en "
        "compte %(count)s."
    ),
    src.N004_CIVIL_STATUS,
    field="civil_status.birth_arrondissement",
)
BIRTH_COUNTRY_REQUIRED = define_rule(
    "civil_status.birth_country_required",
    Severity.ERROR,
    _("Né(e) à l'étranger : indiquez votre pays de naissance."),
    src.N004_CIVIL_STATUS,
    field="civil_status.birth_country",
)
STREET_REQUIRED = define_rule(
    "address.street_required",
    Severity.ERROR,
    _("Saisissez votre adresse postale précise et complète (bâtiment, appartement, voie)."),
    src.N000_FAQ_ADDRESS,
    field="address.street",
)
LOCALITY_REQUIRED = define_rule(
    "address.locality_required",
    Severity.ERROR,
    _("Saisissez la localité de résidence (votre pays si vous résidez à l'étranger)."),
    src.N004_CIVIL_STATUS,
    field="address.locality",
)
POSTAL_CODE_FORMAT = define_rule(
    "address.postal_code_format",
    Severity.ERROR,
    _("Le code postal « %(postal_code)s » doit être saisi sur 5 chiffres."),
    src.N004_CIVIL_STATUS,
    field="address.postal_code",
)
POSTAL_CODE_UNKNOWN = define_rule(
    "address.postal_code_unknown",
    Severity.ERROR,
    _("Le code postal « %(postal_code)s » n'existe pas en France."),
    src.N004_CIVIL_STATUS,
    field="address.postal_code",
)
POSTAL_CODE_RESERVED = define_rule(
    "address.postal_code_reserved_abroad",
    Severity.ERROR,
    _("Le code postal 99999 est réservé aux candidats résidant à l'étranger."),
    src.N004_CIVIL_STATUS,
    field="address.postal_code",
)
POSTAL_CODE_ABROAD = define_rule(
    "address.postal_code_abroad",
    Severity.ERROR,
    _(
        "Vous résidez à l'étranger : saisissez 99999 comme code postal, votre code postal "
        "réel dans le lieu-dit et votre pays dans la localité."
    ),
    src.N004_CIVIL_STATUS,
    field="address.postal_code",
)
POSTAL_CODE_DEPARTMENT = define_rule(
    "address.postal_code_department_mismatch",
    Severity.WARNING,
    _(
        "Le code postal « %(postal_code)s » ne correspond pas au département "
        "« %(department)s » : vérifiez votre adresse."
    ),
    src.N004_CIVIL_STATUS,
    field="address.postal_code",
)
EMAIL_REQUIRED = define_rule(
    "contact.email_required",
    Severity.ERROR,
    _("L'adresse électronique est obligatoire."),
    src.N000_FAQ_EMAIL,
    field="contact.email",
)
EMAIL_INVALID = define_rule(
    "contact.email_invalid",
    Severity.ERROR,
    _("L'adresse électronique « %(email)s » n'est pas valide."),
    src.N004_CIVIL_STATUS,
    field="contact.email",
)
PHONE_RECOMMENDED = define_rule(
    "contact.phone_recommended",
    Severity.WARNING,
    _("Il convient de fournir un numéro de téléphone."),
    src.N000_PREREGISTRATION,
    field="contact.phone",
)
PHONE_INVALID = define_rule(
    "contact.phone_invalid",
    Severity.ERROR,
    _("Le numéro de téléphone « %(phone)s » n'est pas valide."),
    src.N000_PREREGISTRATION,
    field="contact.phone",
)

ABROAD_POSTAL_CODE = "99999"
# Metropolitan 01–95 (2A/2B for Corsica, "20" for births before 1976), overseas 971–978,
# collectivities and territories 984–989.
# ASCII digits only: ``\d`` would also accept Arabic-Indic or full-width digits.
_DEPARTMENT = re.compile(r"(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-8]|98[4-9])")
_POSTAL_CODE = re.compile(r"[0-9]{5}")
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_PHONE = re.compile(r"\+?[0-9 .()-]+")
# 004: for Paris (75), Lyon (69) and Marseille (13) the arrondissement is mandatory. The whole of
# 75 is Paris; in 69 and 13 only births in Lyon or Marseille have an arrondissement, so it is
# required there unless the candidate states another municipality of the département.
_CITIES: dict[str, tuple[str, int]] = {
    "75": ("Paris", 20),
    "69": ("Lyon", 9),
    "13": ("Marseille", 16),
}


def locked_last_name_decision(
    *, last_name: str, recorded: str, exam_year: int, reach: str = ""
) -> Decision:
    """004 « État civil »: a returning candidate's family name, from the académie's record, is
    « non modifiable pour les redoublants »; ``reach`` says how to reach the office."""
    if not recorded or last_name.strip().casefold() == recorded.strip().casefold():
        return Decision()
    return Decision.of(
        [LAST_NAME_LOCKED.finding(year=exam_year, reach=f" ({reach})" if reach else "")]
    )


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _format_partial(birth_date: PartialDate) -> str:
    return f"{birth_date.day:02d}/{birth_date.month:02d}/{birth_date.year:04d}"


def partial_date_is_valid(birth_date: PartialDate) -> bool:
    """Year 1900 or later; 00/00, 00/MM or DD/MM (a day is not known without its month)."""
    if birth_date.year < 1900 or not 0 <= birth_date.month <= 12:
        return False
    if birth_date.month == 0:
        return birth_date.day == 0
    last_day = calendar.monthrange(birth_date.year, birth_date.month)[1]
    return 0 <= birth_date.day <= last_day


def _birth_date_findings(birth_date: PartialDate | None, today: date) -> list[Finding]:
    if birth_date is None or birth_date.year == 0:
        return [BIRTH_DATE_REQUIRED.finding()]
    shown = _format_partial(birth_date)
    if not partial_date_is_valid(birth_date):
        return [BIRTH_DATE_INVALID.finding(birth_date=shown)]
    if birth_date.earliest() > today:
        return [BIRTH_DATE_FUTURE.finding(birth_date=shown)]
    return []


def _birthplace_findings(civil_status: CivilStatus) -> list[Finding]:
    if civil_status.born_abroad:
        if _blank(civil_status.birth_country):
            return [BIRTH_COUNTRY_REQUIRED.finding()]
        return []
    if civil_status.birth_department is None or _blank(civil_status.birth_department):
        return [BIRTH_DEPARTMENT_REQUIRED.finding()]
    department = civil_status.birth_department.strip().upper()
    if not _DEPARTMENT.fullmatch(department):
        return [BIRTH_DEPARTMENT_INVALID.finding(department=department)]
    city = _CITIES.get(department)
    if city is None:
        return []
    name, count = city
    municipality = (civil_status.birth_municipality or "").strip()
    if department != "75" and municipality and municipality.casefold() != name.casefold():
        return []
    arrondissement = civil_status.birth_arrondissement
    if arrondissement is None:
        return [ARRONDISSEMENT_REQUIRED.finding(city=name)]
    if not 1 <= arrondissement <= count:
        return [
            ARRONDISSEMENT_INVALID.finding(city=name, count=count, arrondissement=arrondissement)
        ]
    return []


def civil_status_decision(*, civil_status: CivilStatus, today: date) -> Decision:
    """Names, birth date and birthplace (004; two first names recommended, 000–002)."""
    findings: list[Finding] = []
    if _blank(civil_status.last_name):
        findings.append(LAST_NAME_REQUIRED.finding())
    first_names = [name for name in civil_status.first_names if not _blank(name)]
    if not first_names:
        findings.append(FIRST_NAME_REQUIRED.finding())
    elif len(first_names) == 1:
        findings.append(SECOND_FIRST_NAME.finding())
    findings += _birth_date_findings(civil_status.birth_date, today)
    findings += _birthplace_findings(civil_status)
    return Decision.of(findings)


def postal_code_decision(*, postal_code: str, abroad: bool, department: str | None) -> Decision:
    """5 digits; 99999 for, and only for, residents abroad (004 « Lieu de résidence »)."""
    code = postal_code.strip()
    if not _POSTAL_CODE.fullmatch(code):
        return Decision(findings=(POSTAL_CODE_FORMAT.finding(postal_code=code),))
    if abroad:
        if code != ABROAD_POSTAL_CODE:
            return Decision(findings=(POSTAL_CODE_ABROAD.finding(),))
        return Decision()
    if code == ABROAD_POSTAL_CODE:
        return Decision(findings=(POSTAL_CODE_RESERVED.finding(),))
    prefix = code[:3] if code[:2] in {"97", "98"} else code[:2]
    if prefix in {"00", "96", "99"}:
        return Decision(findings=(POSTAL_CODE_UNKNOWN.finding(postal_code=code),))
    if department and not _postal_code_matches(prefix, department.strip().upper()):
        # La Poste serves a few municipalities from a neighbouring département: warn, not block.
        return Decision(
            findings=(POSTAL_CODE_DEPARTMENT.finding(postal_code=code, department=department),)
        )
    return Decision()


def _postal_code_matches(prefix: str, department: str) -> bool:
    if prefix == "20":
        return department in {"2A", "2B", "20"}
    return prefix == department.zfill(2)


def address_decision(*, address: Address) -> Decision:
    """A precise and complete postal address (000 FAQ), residence in France or abroad (004)."""
    findings: list[Finding] = []
    if _blank(address.street):
        findings.append(STREET_REQUIRED.finding())
    findings += postal_code_decision(
        postal_code=address.postal_code, abroad=address.abroad, department=address.department
    ).findings
    if _blank(address.locality):
        findings.append(LOCALITY_REQUIRED.finding())
    return Decision.of(findings)


def email_is_valid(email: str) -> bool:
    return len(email) <= 254 and _EMAIL.fullmatch(email) is not None


def contact_decision(*, contact: Contact) -> Decision:
    """Email mandatory and well formed (000 FAQ, 004); a phone number is expected (000 ①)."""
    findings: list[Finding] = []
    email = contact.email.strip()
    if not email:
        findings.append(EMAIL_REQUIRED.finding())
    elif not email_is_valid(email):
        findings.append(EMAIL_INVALID.finding(email=email))
    phone = contact.phone.strip()
    if not phone:
        findings.append(PHONE_RECOMMENDED.finding())
    elif not _PHONE.fullmatch(phone) or not 8 <= sum(c in "0123456789" for c in phone) <= 15:
        findings.append(PHONE_INVALID.finding(phone=phone))
    return Decision.of(findings)
