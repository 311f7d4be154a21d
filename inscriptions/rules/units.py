"""Units to present this session, and the position of every unit of the specialty.

Forme globale: every unit, minus the bénéfices kept and the dispenses granted (D643-14, rules.md
§3). Forme progressive: the units the candidate chooses for this session (003). Optional units:
engagement étudiant (001–003, D643-15-1) plus at most N others (D643-13 after décret 2024-788,
rules.md §2), each registered INSCRIT / NON INSCRIT (004 « Inscription aux épreuves »).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from . import sources as src
from .facts import BenefitClaim, ExamForm, SessionSettings, SpecialtyFacts, UnitFacts
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _


class UnitPositionKind(StrEnum):
    """Position of a unit this session (004 « Bilan des acquis », « Inscription aux épreuves »)."""

    PRESENTED = "presented"
    BENEFIT = "benefit"
    EXEMPTION = "exemption"
    DEFERRED = "deferred"
    OPTIONAL_REGISTERED = "optional_registered"
    OPTIONAL_NOT_REGISTERED = "optional_not_registered"


@dataclass(frozen=True, slots=True)
class UnitPosition:
    unit_code: str
    title: str
    position: UnitPositionKind
    grade: Decimal | None = None
    obtained_on: date | None = None


@dataclass(frozen=True, slots=True)
class UnitsDecision(Decision):
    positions: tuple[UnitPosition, ...] = ()

    @property
    def presented(self) -> tuple[str, ...]:
        return tuple(
            p.unit_code for p in self.positions if p.position is UnitPositionKind.PRESENTED
        )


OPTION_REQUIRED = define_rule(
    "units.option_required",
    Severity.ERROR,
    _("Choisissez une option : la spécialité %(specialty)s en comporte plusieurs."),
    src.N004_UNITS,
    field="option_code",
)
UNKNOWN_OPTION = define_rule(
    "units.unknown_option",
    Severity.ERROR,
    _("L'option « %(option)s » n'existe pas dans la spécialité %(specialty)s."),
    src.N004_UNITS,
    field="option_code",
)
UNKNOWN_UNIT = define_rule(
    "units.unknown_unit",
    Severity.ERROR,
    _("L'unité %(unit)s ne fait pas partie des unités obligatoires de la spécialité choisie."),
    src.N004_UNITS,
    field="presented_units",
)
ALREADY_ACQUIRED = define_rule(
    "units.already_acquired",
    Severity.ERROR,
    _(
        "Vous conservez l'unité %(unit)s par un bénéfice ou une dispense : renoncez-y pour "
        "la présenter à cette session."
    ),
    src.N003_BENEFITS,
    field="presented_units",
)
BENEFIT_AND_EXEMPTION = define_rule(
    "units.benefit_and_exemption",
    Severity.ERROR,
    _(
        "Vous déclarez à la fois un bénéfice et une dispense pour l'unité %(unit)s : "
        "ne retenez que l'un des deux."
    ),
    src.N004_ACQUIS,
    field="exemptions",
)
RENOUNCED_NOT_PRESENTED = define_rule(
    "units.renounced_not_presented",
    Severity.ERROR,
    _(
        "Vous renoncez au bénéfice de l'unité %(unit)s : en forme progressive, renoncer "
        "à une note, c'est se soumettre à une nouvelle évaluation de cette unité à cette session."
    ),
    src.N003_BENEFITS,
    field="presented_units",
)
NOTHING_TO_PRESENT = define_rule(
    "units.nothing_to_present",
    Severity.ERROR,
    _("Vous devez présenter au moins une unité obligatoire à cette session."),
    src.N004_UNITS,
    field="presented_units",
)
UNKNOWN_OPTIONAL = define_rule(
    "units.unknown_optional_unit",
    Severity.ERROR,
    _("L'unité %(unit)s n'est pas une unité facultative de la spécialité choisie."),
    src.N004_UNITS,
    field="optional_units",
)
TOO_MANY_OPTIONAL = define_rule(
    "units.too_many_optional_units",
    Severity.ERROR,
    _(
        "Outre l'unité « engagement étudiant », vous pouvez présenter au plus %(maximum)s "
        "unité(s) facultative(s) ; vous en avez choisi %(count)s."
    ),
    src.R_OPTIONAL_UNITS,
    field="optional_units",
)


def option_decision(*, specialty: SpecialtyFacts, option_code: str | None) -> Decision:
    """One option, chosen when and only when the specialty has options (000–002 FAQ, 004)."""
    if option_code is None:
        if specialty.options:
            return Decision(findings=(OPTION_REQUIRED.finding(specialty=specialty.title),))
        return Decision()
    if specialty.option(option_code) is None:
        finding = UNKNOWN_OPTION.finding(option=option_code, specialty=specialty.title)
        return Decision(findings=(finding,))
    return Decision()


def _compulsory_position(
    unit: UnitFacts,
    *,
    form: ExamForm | None,
    presented_units: frozenset[str],
    kept_benefits: Mapping[str, BenefitClaim],
    exemptions: frozenset[str],
) -> UnitPosition:
    benefit = kept_benefits.get(unit.code)
    if benefit is not None:
        return UnitPosition(
            unit.code, unit.title, UnitPositionKind.BENEFIT, benefit.grade, benefit.obtained_on
        )
    if unit.code in exemptions:
        return UnitPosition(unit.code, unit.title, UnitPositionKind.EXEMPTION)
    if form is ExamForm.PROGRESSIVE and unit.code not in presented_units:
        return UnitPosition(unit.code, unit.title, UnitPositionKind.DEFERRED)
    return UnitPosition(unit.code, unit.title, UnitPositionKind.PRESENTED)


def _progressive_findings(
    compulsory: tuple[UnitFacts, ...],
    presented_units: frozenset[str],
    acquired: set[str],
    renounced: frozenset[str],
) -> list[Finding]:
    codes = {unit.code for unit in compulsory}
    findings: list[Finding] = []
    for code in sorted(presented_units):
        if code not in codes:
            findings.append(UNKNOWN_UNIT.finding(unit=code))
        elif code in acquired:
            findings.append(ALREADY_ACQUIRED.finding(unit=code))
    for code in sorted(renounced - presented_units):
        findings.append(RENOUNCED_NOT_PRESENTED.finding(unit=code))
    return findings


def _optional_findings(
    optional: tuple[UnitFacts, ...], chosen: frozenset[str], settings: SessionSettings
) -> list[Finding]:
    by_code = {unit.code: unit for unit in optional}
    findings = [UNKNOWN_OPTIONAL.finding(unit=code) for code in sorted(chosen - by_code.keys())]
    others = [code for code in chosen if code in by_code and not by_code[code].engagement]
    if len(others) > settings.max_optional_units:
        findings.append(
            TOO_MANY_OPTIONAL.finding(maximum=settings.max_optional_units, count=len(others))
        )
    return findings


def units_to_present(
    *,
    specialty: SpecialtyFacts,
    option_code: str | None,
    form: ExamForm | None,
    presented_units: frozenset[str],
    optional_units: frozenset[str],
    kept_benefits: Mapping[str, BenefitClaim],
    exemptions: frozenset[str],
    renounced: frozenset[str],
    settings: SessionSettings,
) -> UnitsDecision:
    """The position of each unit (presented, bénéfice, dispense…) and what is wrong with it."""
    findings = list(option_decision(specialty=specialty, option_code=option_code).findings)
    compulsory = specialty.compulsory_units(option_code)
    for unit in compulsory:
        if unit.code in kept_benefits and unit.code in exemptions:
            findings.append(BENEFIT_AND_EXEMPTION.finding(unit=unit.code))
    acquired = set(kept_benefits) | exemptions
    if form is ExamForm.PROGRESSIVE:
        findings += _progressive_findings(compulsory, presented_units, acquired, renounced)
    positions = [
        _compulsory_position(
            unit,
            form=form,
            presented_units=presented_units,
            kept_benefits=kept_benefits,
            exemptions=exemptions,
        )
        for unit in compulsory
    ]
    if not any(p.position is UnitPositionKind.PRESENTED for p in positions):
        findings.append(NOTHING_TO_PRESENT.finding())
    optional = specialty.optional_units(option_code)
    findings += _optional_findings(optional, optional_units, settings)
    positions += [
        UnitPosition(
            unit.code,
            unit.title,
            UnitPositionKind.OPTIONAL_REGISTERED
            if unit.code in optional_units
            else UnitPositionKind.OPTIONAL_NOT_REGISTERED,
        )
        for unit in optional
    ]
    return UnitsDecision(findings=tuple(findings), positions=tuple(positions))
