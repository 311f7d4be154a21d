"""Académie of residence: a candidate registers in the académie where they live.

Toulouse serves 09, 12, 31, 32, 46, 65, 81, 82 (000–002 FAQ); the other académies come from the
reference table held in the database, which the rules receive as an input and never hard-code.
Candidates living abroad register in the académie designated for them (004).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from . import sources as src
from .facts import Address
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _


@dataclass(frozen=True, slots=True)
class Academy:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class AcademyTable:
    """Département code → académie, plus the académie designated for residents abroad."""

    by_department: Mapping[str, Academy]
    abroad: Academy | None = None

    @classmethod
    def build(
        cls, rows: Iterable[tuple[Academy, Iterable[str]]], *, abroad_code: str | None = None
    ) -> "AcademyTable":
        """Build the frozen table from (académie, départements) rows of the reference data."""
        by_department: dict[str, Academy] = {}
        by_code: dict[str, Academy] = {}
        for academy, departments in rows:
            by_code[academy.code] = academy
            for department in departments:
                by_department[normalize_department(department)] = academy
        abroad = by_code[abroad_code] if abroad_code is not None else None
        return cls(by_department=MappingProxyType(by_department), abroad=abroad)

    def academy(self, code: str) -> Academy | None:
        for academy in self.by_department.values():
            if academy.code == code:
                return academy
        if self.abroad is not None and self.abroad.code == code:
            return self.abroad
        return None


@dataclass(frozen=True, slots=True)
class AcademyDecision(Decision):
    academy: Academy | None = None


DEPARTMENT_REQUIRED = define_rule(
    "academy.department_required",
    Severity.ERROR,
    _("Indiquez le département de votre lieu de résidence."),
    src.N002_ENTRY,
    field="address.department",
)
UNKNOWN_DEPARTMENT = define_rule(
    "academy.unknown_department",
    Severity.ERROR,
    _("Le département « %(department)s » n'est rattaché à aucune académie."),
    src.N002_FAQ_ACADEMY,
    field="address.department",
)
ABROAD_NOT_DESIGNATED = define_rule(
    "academy.abroad_not_designated",
    Severity.ERROR,
    _(
        "Aucune académie n'est désignée pour les candidats résidant à l'étranger : "
        "contactez le bureau des examens."
    ),
    src.N004_PRINCIPLE,
    field="address.abroad",
)
ABROAD = define_rule(
    "academy.abroad",
    Severity.INFO,
    _(
        "Vous résidez à l'étranger : vous vous inscrivez dans l'académie désignée pour "
        "les candidats résidant à l'étranger (%(academy)s)."
    ),
    src.N004_PRINCIPLE,
    field="address.abroad",
)
NOT_RESIDENCE_ACADEMY = define_rule(
    "academy.not_residence_academy",
    Severity.ERROR,
    _(
        "Vous résidez dans l'académie de %(residence_academy)s : vous devez vous inscrire "
        "dans cette académie, et non dans celle de %(session_academy)s."
    ),
    src.N002_FAQ_ACADEMY,
    field="address.department",
)

_CORSICA = ("2A", "2B")


def normalize_department(code: str) -> str:
    """``"9"`` → ``"09"``, ``"2a"`` → ``"2A"``: codes as the reference table writes them."""
    code = code.strip().upper()
    return code.zfill(2) if code.isascii() and code.isdigit() else code


def _lookup(department: str, academies: AcademyTable) -> Academy | None:
    academy = academies.by_department.get(department)
    if academy is None and department == "20":
        # Before 1976 Corse was one département, "20"; postal codes still start with 20. Accept
        # it when both Corsican départements belong to the same académie.
        corsica = {academies.by_department.get(code) for code in _CORSICA}
        if len(corsica) == 1:
            academy = corsica.pop()
    return academy


def academy_of_residence(
    *,
    address: Address,
    academies: AcademyTable,
    session_academy_code: str | None = None,
) -> AcademyDecision:
    """The académie of residence; with ``session_academy_code``, whether it is this session's."""
    findings: list[Finding] = []
    academy: Academy | None
    if address.abroad:
        academy = academies.abroad
        if academy is None:
            return AcademyDecision(findings=(ABROAD_NOT_DESIGNATED.finding(),))
        findings.append(ABROAD.finding(academy=academy.name))
    else:
        if not address.department or not address.department.strip():
            return AcademyDecision(findings=(DEPARTMENT_REQUIRED.finding(),))
        department = normalize_department(address.department)
        academy = _lookup(department, academies)
        if academy is None:
            return AcademyDecision(findings=(UNKNOWN_DEPARTMENT.finding(department=department),))
    if session_academy_code is not None and academy.code != session_academy_code:
        session_academy = academies.academy(session_academy_code)
        findings.append(
            NOT_RESIDENCE_ACADEMY.finding(
                residence_academy=academy.name,
                session_academy=session_academy.name if session_academy else session_academy_code,
            )
        )
    return AcademyDecision(findings=tuple(findings), academy=academy)
