"""Dispenses d'épreuves: units a candidate is exempted from, on request only.

003 « Les dispenses d'épreuves » and rules.md §9 (arrêté du 24 juin 2005): a French national
diploma of level 5 (formerly III) or higher gives, at the candidate's request, the units the
specialty's arrêté lists; holders of another BTS, a DUT or a level-5 diploma are exempted from
Culture générale et expression, and so is a candidate holding a valid CGE bénéfice from another
BTS specialty (arrêté du 8 juillet 2024, annexe II). The professional units characteristic of
the specialty are never exempted (except through VAE); foreign diplomas give no dispense
(000–002 FAQ).
"""

from dataclasses import dataclass
from datetime import date

from . import sources as src
from .benefits import benefit_is_valid, benefit_valid_until
from .facts import (
    DiplomaKind,
    ExemptionBasis,
    ExemptionClaim,
    HeldDiploma,
    SessionSettings,
    SpecialtyFacts,
    UnitFacts,
    UnitKind,
)
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _
from .labels import label


@dataclass(frozen=True, slots=True)
class ExemptionsDecision(Decision):
    granted: frozenset[str] = frozenset()


UNKNOWN_UNIT = define_rule(
    "exemption.unknown_unit",
    Severity.ERROR,
    _("L'unité %(unit)s ne fait pas partie des unités obligatoires de la spécialité choisie."),
    src.N004_ACQUIS,
    field="exemptions",
)
PROFESSIONAL_UNIT = define_rule(
    "exemption.professional_unit",
    Severity.ERROR,
    _(
        "L'unité %(unit)s est une épreuve professionnelle caractéristique de la spécialité : "
        "elle ne peut pas faire l'objet d'une dispense."
    ),
    src.N003_EXEMPTIONS,
    field="exemptions",
)
DIPLOMA_REQUIRED = define_rule(
    "exemption.diploma_required",
    Severity.ERROR,
    _("Indiquez le diplôme qui ouvre droit à la dispense de l'unité %(unit)s."),
    src.N004_ACQUIS,
    field="exemptions",
)
FOREIGN_DIPLOMA = define_rule(
    "exemption.foreign_diploma",
    Severity.ERROR,
    _(
        "La réglementation du BTS ne prévoit pas de dispense d'épreuve pour un diplôme "
        "étranger (unité %(unit)s)."
    ),
    src.N000_FAQ_FOREIGN_DIPLOMA,
    field="exemptions",
)
LEVEL_INSUFFICIENT = define_rule(
    "exemption.diploma_level_insufficient",
    Severity.ERROR,
    _(
        "Seul un diplôme national de niveau 5 ou supérieur ouvre droit à une dispense "
        "(unité %(unit)s, diplôme : %(diploma)s)."
    ),
    src.N003_EXEMPTIONS,
    field="exemptions",
)
NOT_LISTED = define_rule(
    "exemption.not_listed",
    Severity.ERROR,
    _(
        "Le référentiel de la spécialité ne prévoit pas de dispense de l'unité %(unit)s "
        "au titre d'un diplôme."
    ),
    src.R_EXEMPTION_DIPLOMA,
    field="exemptions",
)
BENEFIT_NOT_CGE = define_rule(
    "exemption.benefit_only_for_general_culture",
    Severity.ERROR,
    _(
        "Un bénéfice obtenu dans une autre spécialité ne dispense que de l'unité de culture "
        "générale et expression, pas de l'unité %(unit)s."
    ),
    src.R_EXEMPTION_CGE_BENEFIT,
    field="exemptions",
)
BENEFIT_DETAILS = define_rule(
    "exemption.benefit_details_required",
    Severity.ERROR,
    _("Indiquez la note et la date d'obtention du bénéfice qui dispense de l'unité %(unit)s."),
    src.N004_ACQUIS,
    field="exemptions",
)
BENEFIT_BELOW_MINIMUM = define_rule(
    "exemption.benefit_below_minimum",
    Severity.ERROR,
    _(
        "Une unité n'est acquise qu'avec une note égale ou supérieure à %(minimum)s/20 : la "
        "note de %(grade)s/20 ne dispense pas de l'unité %(unit)s."
    ),
    src.R_UNITS,
    field="exemptions",
)
BENEFIT_EXPIRED = define_rule(
    "exemption.benefit_expired",
    Severity.ERROR,
    _(
        "Le bénéfice obtenu le %(obtained_on)s n'est plus valable (il l'était jusqu'au "
        "%(valid_until)s) : il ne dispense plus de l'unité %(unit)s."
    ),
    src.R_EXEMPTION_CGE_BENEFIT,
    field="exemptions",
)
AVAILABLE = define_rule(
    "exemption.available_on_request",
    Severity.INFO,
    _("Votre diplôme (%(diploma)s) peut vous dispenser de l'unité %(unit)s, à votre demande."),
    src.N003_EXEMPTIONS,
    field="exemptions",
)


def diploma_name(diploma: HeldDiploma) -> str:
    return diploma.title or label(diploma.kind)


def is_national_level_5(diploma: HeldDiploma) -> bool:
    """A BTS, a DUT, or another French national diploma of level 5 or higher."""
    if diploma.kind in (DiplomaKind.BTS, DiplomaKind.DUT):
        return True
    return diploma.kind is DiplomaKind.NATIONAL and (diploma.level or 0) >= 5


def diploma_exempts(diploma: HeldDiploma, unit: UnitFacts) -> bool:
    """Whether ``diploma`` gives a dispense of ``unit`` (the candidate still has to ask)."""
    if unit.kind is not UnitKind.GENERAL or not is_national_level_5(diploma):
        return False
    return unit.general_culture or unit.exemptible_with_diploma


def _diploma_findings(claim: ExemptionClaim, unit: UnitFacts) -> list[Finding]:
    diploma = claim.diploma
    if diploma is None:
        return [DIPLOMA_REQUIRED.finding(unit=unit.code)]
    if diploma.kind is DiplomaKind.FOREIGN:
        return [FOREIGN_DIPLOMA.finding(unit=unit.code)]
    if not is_national_level_5(diploma):
        return [LEVEL_INSUFFICIENT.finding(unit=unit.code, diploma=diploma_name(diploma))]
    if not (unit.general_culture or unit.exemptible_with_diploma):
        return [NOT_LISTED.finding(unit=unit.code)]
    return []


def _benefit_findings(
    claim: ExemptionClaim, unit: UnitFacts, *, exams_start_on: date, settings: SessionSettings
) -> list[Finding]:
    if not unit.general_culture:
        return [BENEFIT_NOT_CGE.finding(unit=unit.code)]
    grade, obtained_on = claim.benefit_grade, claim.benefit_obtained_on
    if grade is None or obtained_on is None:
        return [BENEFIT_DETAILS.finding(unit=unit.code)]
    if grade < settings.benefit_min_grade:
        return [
            BENEFIT_BELOW_MINIMUM.finding(
                unit=unit.code, grade=grade, minimum=settings.benefit_min_grade
            )
        ]
    years = settings.benefit_validity_years
    if not benefit_is_valid(obtained_on, exams_start_on=exams_start_on, years=years):
        valid_until = benefit_valid_until(obtained_on, years=years)
        return [
            BENEFIT_EXPIRED.finding(
                unit=unit.code, obtained_on=obtained_on, valid_until=valid_until
            )
        ]
    return []


def _claim_findings(
    claim: ExemptionClaim, unit: UnitFacts, *, exams_start_on: date, settings: SessionSettings
) -> list[Finding]:
    if claim.basis is ExemptionBasis.VAE:
        # VAE may validate any unit, professional ones included (rules.md §9, L335-5); the
        # office checks the attestation the candidate uploads.
        return []
    if unit.kind is UnitKind.PROFESSIONAL:
        return [PROFESSIONAL_UNIT.finding(unit=unit.code)]
    if claim.basis is ExemptionBasis.DIPLOMA:
        return _diploma_findings(claim, unit)
    return _benefit_findings(claim, unit, exams_start_on=exams_start_on, settings=settings)


def exemptions_decision(
    *,
    claims: tuple[ExemptionClaim, ...],
    specialty: SpecialtyFacts,
    option_code: str | None,
    diplomas: tuple[HeldDiploma, ...],
    exams_start_on: date,
    settings: SessionSettings,
    benefit_units: frozenset[str] = frozenset(),
) -> ExemptionsDecision:
    """The dispenses granted among those requested, and those the candidate could request."""
    units = specialty.compulsory_units(option_code)
    by_code = {unit.code: unit for unit in units}
    findings: list[Finding] = []
    granted: set[str] = set()
    for claim in claims:
        unit = by_code.get(claim.unit_code)
        if unit is None:
            findings.append(UNKNOWN_UNIT.finding(unit=claim.unit_code))
            continue
        problems = _claim_findings(claim, unit, exams_start_on=exams_start_on, settings=settings)
        findings += problems
        if not problems:
            granted.add(unit.code)
    requested = {claim.unit_code for claim in claims}
    for unit in units:
        if unit.code in requested or unit.code in benefit_units:
            continue
        for diploma in diplomas:
            if diploma_exempts(diploma, unit):
                findings.append(AVAILABLE.finding(unit=unit.code, diploma=diploma_name(diploma)))
                break
    return ExemptionsDecision(findings=tuple(findings), granted=frozenset(granted))
