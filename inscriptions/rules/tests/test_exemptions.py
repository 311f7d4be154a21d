"""Dispenses d'épreuves (003 « Les dispenses d'épreuves », 000–002 FAQ, rules.md §9)."""

from datetime import date
from decimal import Decimal

import pytest

from inscriptions.rules import (
    DiplomaKind,
    ExemptionBasis,
    ExemptionClaim,
    HeldDiploma,
    SessionSettings,
    exemptions_decision,
)

from .builders import CITABLE, mco

EXAMS = date(2025, 5, 12)
BTS = HeldDiploma(DiplomaKind.BTS, 5, "BTS Comptabilité et gestion")
DUT = HeldDiploma(DiplomaKind.DUT, 5)
LICENCE = HeldDiploma(DiplomaKind.NATIONAL, 6, "Licence de droit")
BAC = HeldDiploma(DiplomaKind.NATIONAL, 4, "Baccalauréat")
NO_LEVEL = HeldDiploma(DiplomaKind.NATIONAL, None, "Titre")
FOREIGN = HeldDiploma(DiplomaKind.FOREIGN, 7, "Master (Espagne)")
D, V, B = ExemptionBasis.DIPLOMA, ExemptionBasis.VAE, ExemptionBasis.GENERAL_CULTURE_BENEFIT
N003 = "003_d63d5c5aa126f67f.txt « Les dispenses d'épreuves »"
R9 = "reference/rules.md §9"


def diploma_claim(unit: str, diploma: HeldDiploma | None) -> ExemptionClaim:
    return ExemptionClaim(unit, D, diploma=diploma)


def cge_benefit(grade: str | None, obtained: date | None) -> ExemptionClaim:
    return ExemptionClaim(
        "U1",
        B,
        benefit_grade=Decimal(grade) if grade is not None else None,
        benefit_obtained_on=obtained,
    )


CASES = [
    pytest.param(N003, (diploma_claim("U1", BTS),), {"U1"}, (), id="cge-for-bts-holder"),
    pytest.param(N003, (diploma_claim("U1", DUT),), {"U1"}, (), id="cge-for-dut-holder"),
    pytest.param(N003, (diploma_claim("U1", LICENCE),), {"U1"}, (), id="cge-for-level-6"),
    pytest.param(
        N003,
        (diploma_claim("U1", BAC),),
        set(),
        ("exemption.diploma_level_insufficient",),
        id="baccalaureat-is-level-4",
    ),
    pytest.param(
        N003,
        (diploma_claim("U1", NO_LEVEL),),
        set(),
        ("exemption.diploma_level_insufficient",),
        id="level-unknown",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « diplôme post-bac étranger »",
        (diploma_claim("U1", FOREIGN),),
        set(),
        ("exemption.foreign_diploma",),
        id="foreign-diploma-never",
    ),
    pytest.param(
        N003,
        (diploma_claim("U4", LICENCE),),
        {"U4"},
        (),
        id="unit-listed-by-the-specialty",
    ),
    pytest.param(
        R9,
        (diploma_claim("U3", LICENCE),),
        set(),
        ("exemption.not_listed",),
        id="unit-not-listed-by-the-specialty",
    ),
    pytest.param(
        N003,
        (diploma_claim("U5", LICENCE),),
        set(),
        ("exemption.professional_unit",),
        id="professional-unit-never",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « forme progressive » (dispenses acquises par la VAE)",
        (ExemptionClaim("U5", V),),
        {"U5"},
        (),
        id="vae-validates-a-professional-unit",
    ),
    pytest.param(
        "004_e9d540e1230d63f6.txt « Saisie des acquis »",
        (diploma_claim("U1", None),),
        set(),
        ("exemption.diploma_required",),
        id="diploma-not-given",
    ),
    pytest.param(
        "004_e9d540e1230d63f6.txt « Saisie des acquis »",
        (diploma_claim("U9", BTS),),
        set(),
        ("exemption.unknown_unit",),
        id="unknown-unit",
    ),
    pytest.param(
        R9, (cge_benefit("11", date(2022, 7, 1)),), {"U1"}, (), id="cge-benefit-of-another-bts"
    ),
    pytest.param(
        R9,
        (cge_benefit("9", date(2022, 7, 1)),),
        set(),
        ("exemption.benefit_below_minimum",),
        id="cge-grade-below-10",
    ),
    pytest.param(
        R9,
        (cge_benefit("11", date(2020, 5, 11)),),
        set(),
        ("exemption.benefit_expired",),
        id="cge-benefit-expired",
    ),
    pytest.param(
        R9,
        (cge_benefit(None, date(2022, 7, 1)),),
        set(),
        ("exemption.benefit_details_required",),
        id="cge-benefit-without-grade",
    ),
    pytest.param(
        R9,
        (cge_benefit("11", None),),
        set(),
        ("exemption.benefit_details_required",),
        id="cge-benefit-without-date",
    ),
    pytest.param(
        R9,
        (ExemptionClaim("U4", B, benefit_grade=Decimal(12), benefit_obtained_on=date(2023, 7, 1)),),
        set(),
        ("exemption.benefit_only_for_general_culture",),
        id="benefit-of-another-bts-only-for-cge",
    ),
]


@pytest.mark.parametrize(("source", "claims", "granted", "codes"), CASES)
def test_exemptions(
    source: str, claims: tuple[ExemptionClaim, ...], granted: set[str], codes: tuple[str, ...]
) -> None:
    assert source.startswith(CITABLE)
    decision = exemptions_decision(
        claims=claims,
        specialty=mco(),
        option_code=None,
        diplomas=(),
        exams_start_on=EXAMS,
        settings=SessionSettings(),
    )
    assert decision.codes == codes
    assert decision.granted == granted


@pytest.mark.parametrize(
    ("diplomas", "claims", "benefits", "available"),
    [
        pytest.param((BTS,), (), frozenset(), ["U1", "U4"], id="bts-holder-may-ask-u1-u4"),
        pytest.param((BAC, LICENCE), (), frozenset(), ["U1", "U4"], id="best-diploma-counts"),
        pytest.param((BTS,), (diploma_claim("U1", BTS),), frozenset(), ["U4"], id="u1-requested"),
        pytest.param((BTS,), (), frozenset({"U4"}), ["U1"], id="u4-kept-by-benefit"),
        pytest.param((FOREIGN, BAC), (), frozenset(), [], id="nothing-for-foreign-or-level-4"),
    ],
)
def test_dispenses_are_granted_on_request_only(
    diplomas: tuple[HeldDiploma, ...],
    claims: tuple[ExemptionClaim, ...],
    benefits: frozenset[str],
    available: list[str],
) -> None:
    """003: « à sa demande »: a diploma held gives nothing until the candidate asks; the rules
    say which dispenses could be asked for (info), never grant them by themselves."""
    decision = exemptions_decision(
        claims=claims,
        specialty=mco(),
        option_code=None,
        diplomas=diplomas,
        exams_start_on=EXAMS,
        settings=SessionSettings(),
        benefit_units=benefits,
    )
    assert [f.params["unit"] for f in decision.infos] == available
    assert decision.granted == {claim.unit_code for claim in claims}


def test_available_dispense_message() -> None:
    decision = exemptions_decision(
        claims=(),
        specialty=mco(),
        option_code=None,
        diplomas=(DUT,),
        exams_start_on=EXAMS,
        settings=SessionSettings(),
    )
    assert decision.infos[0].render() == (
        "Votre diplôme (Diplôme universitaire de technologie) peut vous dispenser de l'unité "
        "U1, à votre demande."
    )
