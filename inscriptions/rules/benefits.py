"""Bénéfices de notes: grades a candidate keeps from previous sessions.

003 « Les bénéfices d'épreuves »: a candidate presenting the same specialty again keeps grades
≥ 10/20, for five years date to date from the date obtained; in forme progressive any grade may
be kept. Renouncing a bénéfice is final and the last grade counts (000 FAQ, 003 « Rappels »).
Only grades obtained at a unit are kept (rules.md §4, D643-15: a unit is what is capitalised).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from . import sources as src
from .dates import add_years
from .facts import BenefitClaim, ExamForm, SessionSettings, SpecialtyFacts, UnitFacts
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _


@dataclass(frozen=True, slots=True)
class BenefitsDecision(Decision):
    """Findings, the bénéfices kept (unit code → claim) and the units renounced."""

    kept: Mapping[str, BenefitClaim] = field(default_factory=lambda: MappingProxyType({}))
    renounced: frozenset[str] = frozenset()


UNKNOWN_UNIT = define_rule(
    "benefit.unknown_unit",
    Severity.ERROR,
    _("L'unité %(unit)s ne fait pas partie des unités obligatoires de la spécialité choisie."),
    src.N004_ACQUIS,
    field="benefits",
)
NOT_UNIT_LEVEL = define_rule(
    "benefit.not_unit_level",
    Severity.ERROR,
    _(
        "Seules les notes obtenues à une unité peuvent être conservées : la note déclarée "
        "pour %(unit)s n'a pas été obtenue à une unité."
    ),
    src.R_UNITS,
    field="benefits",
)
GRADE_RANGE = define_rule(
    "benefit.grade_out_of_range",
    Severity.ERROR,
    _("La note déclarée pour l'unité %(unit)s (%(grade)s) doit être comprise entre 0 et 20."),
    src.N004_ACQUIS,
    field="benefits",
)
OBTAINED_IN_FUTURE = define_rule(
    "benefit.obtained_in_future",
    Severity.ERROR,
    _("La date d'obtention de la note de l'unité %(unit)s (%(obtained_on)s) est à venir."),
    src.N004_ACQUIS,
    field="benefits",
)
OTHER_SPECIALTY = define_rule(
    "benefit.other_specialty",
    Severity.ERROR,
    _(
        "La note de l'unité %(unit)s a été obtenue dans une autre spécialité (%(specialty)s) : "
        "seul un candidat qui se représente à la même spécialité, ou dont le référentiel "
        "prévoit la correspondance, conserve ses notes."
    ),
    src.N003_BENEFITS,
    field="benefits",
)
BELOW_MINIMUM = define_rule(
    "benefit.grade_below_minimum",
    Severity.ERROR,
    _(
        "En forme globale, seules les notes égales ou supérieures à %(minimum)s/20 peuvent être "
        "conservées : la note de %(grade)s/20 à l'unité %(unit)s ne peut pas l'être."
    ),
    src.N003_BENEFITS,
    field="benefits",
)
EXPIRED = define_rule(
    "benefit.expired",
    Severity.ERROR,
    _(
        "La note de l'unité %(unit)s obtenue le %(obtained_on)s n'est plus valable : un "
        "bénéfice dure %(years)s ans, date à date, soit jusqu'au %(valid_until)s."
    ),
    src.N003_BENEFITS,
    field="benefits",
)
RENOUNCED_BEFORE = define_rule(
    "benefit.renounced_before",
    Severity.ERROR,
    _(
        "Vous avez déjà renoncé au bénéfice de la note de l'unité %(unit)s (lors d'une "
        "session précédente, ou dans une version validée de votre inscription) : la "
        "renonciation est définitive, seule la dernière note obtenue est prise en compte."
    ),
    src.N003_RECALLS,
    field="benefits",
)
NOT_LATEST = define_rule(
    "benefit.not_latest_grade",
    Severity.ERROR,
    _(
        "Seule la dernière note obtenue à l'unité %(unit)s est prise en compte : celle du "
        "%(latest_on)s."
    ),
    src.N000_FAQ_RETAKE,
    field="benefits",
)
DUPLICATE = define_rule(
    "benefit.duplicate",
    Severity.ERROR,
    _("La note de l'unité %(unit)s obtenue le %(obtained_on)s est déclarée deux fois."),
    src.N004_ACQUIS,
    field="benefits",
)
RENOUNCING = define_rule(
    "benefit.renouncing_is_final",
    Severity.WARNING,
    _(
        "Vous renoncez au bénéfice de la note de %(grade)s/20 à l'unité %(unit)s : la "
        "renonciation est définitive et seule la dernière note obtenue sera prise en compte."
    ),
    src.N000_FAQ_RETAKE,
    field="benefits",
)


def benefit_valid_until(obtained_on: date, *, years: int = 5) -> date:
    """Last day a grade can be kept: ``years`` later, date to date (29 Feb → 28 Feb)."""
    return add_years(obtained_on, years)


def benefit_is_valid(obtained_on: date, *, exams_start_on: date, years: int = 5) -> bool:
    """Whether a grade is still valid when the session's exams start."""
    return exams_start_on <= benefit_valid_until(obtained_on, years=years)


def _latest_claims(
    claims: tuple[BenefitClaim, ...],
) -> tuple[dict[str, BenefitClaim], list[Finding]]:
    latest: dict[str, BenefitClaim] = {}
    for claim in claims:
        current = latest.get(claim.unit_code)
        if current is None or claim.obtained_on > current.obtained_on:
            latest[claim.unit_code] = claim
    findings: list[Finding] = []
    for claim in claims:
        best = latest[claim.unit_code]
        if claim is best or not claim.keep:
            continue
        if claim.obtained_on == best.obtained_on:
            findings.append(DUPLICATE.finding(unit=claim.unit_code, obtained_on=claim.obtained_on))
        else:
            findings.append(NOT_LATEST.finding(unit=claim.unit_code, latest_on=best.obtained_on))
    return latest, findings


def _claim_findings(
    claim: BenefitClaim,
    unit: UnitFacts,
    *,
    specialty_code: str,
    form: ExamForm | None,
    exams_start_on: date,
    today: date,
    settings: SessionSettings,
) -> list[Finding]:
    unit_code = claim.unit_code
    if not claim.unit_level:
        return [NOT_UNIT_LEVEL.finding(unit=unit_code)]
    if not Decimal(0) <= claim.grade <= Decimal(20):
        return [GRADE_RANGE.finding(unit=unit_code, grade=claim.grade)]
    if claim.obtained_on > today:
        return [OBTAINED_IN_FUTURE.finding(unit=unit_code, obtained_on=claim.obtained_on)]
    if claim.specialty_code != specialty_code and claim.specialty_code not in unit.carries_from:
        return [OTHER_SPECIALTY.finding(unit=unit_code, specialty=claim.specialty_code)]
    if claim.renounced_before:
        return [RENOUNCED_BEFORE.finding(unit=unit_code)]
    years = settings.benefit_validity_years
    if not benefit_is_valid(claim.obtained_on, exams_start_on=exams_start_on, years=years):
        valid_until = benefit_valid_until(claim.obtained_on, years=years)
        return [
            EXPIRED.finding(
                unit=unit_code, obtained_on=claim.obtained_on, years=years, valid_until=valid_until
            )
        ]
    # The form chosen for this session decides: in progressive any grade is kept (003, 004).
    if form is not ExamForm.PROGRESSIVE and claim.grade < settings.benefit_min_grade:
        return [
            BELOW_MINIMUM.finding(
                unit=unit_code, grade=claim.grade, minimum=settings.benefit_min_grade
            )
        ]
    return []


def benefits_decision(
    *,
    claims: tuple[BenefitClaim, ...],
    specialty: SpecialtyFacts,
    option_code: str | None,
    form: ExamForm | None,
    exams_start_on: date,
    today: date,
    settings: SessionSettings,
) -> BenefitsDecision:
    """Which declared grades are kept for this session, and why the others are not."""
    units = {unit.code: unit for unit in specialty.compulsory_units(option_code)}
    latest, findings = _latest_claims(claims)
    kept: dict[str, BenefitClaim] = {}
    renounced: set[str] = set()
    for unit_code, claim in latest.items():
        unit = units.get(unit_code)
        if unit is None:
            if claim.keep:
                findings.append(UNKNOWN_UNIT.finding(unit=unit_code))
            continue
        if not claim.keep:
            if not claim.renounced_before:
                findings.append(RENOUNCING.finding(unit=unit_code, grade=claim.grade))
                renounced.add(unit_code)
            continue
        problems = _claim_findings(
            claim,
            unit,
            specialty_code=specialty.code,
            form=form,
            exams_start_on=exams_start_on,
            today=today,
            settings=settings,
        )
        findings += problems
        if not problems:
            kept[unit_code] = claim
    return BenefitsDecision(
        findings=tuple(findings), kept=MappingProxyType(kept), renounced=frozenset(renounced)
    )
