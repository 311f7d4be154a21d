"""Bénéfices de notes (003 « Les bénéfices d'épreuves », 000–002 FAQ, 004, rules.md §4)."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inscriptions.rules import (
    BenefitClaim,
    ExamForm,
    SessionSettings,
    benefit_is_valid,
    benefit_valid_until,
    benefits_decision,
)
from inscriptions.rules.dates import add_years, reached_age

from .builders import CITABLE, mco

MCO, NDRC = "32031213", "32031212"
EXAMS = date(2025, 5, 12)
TODAY = date(2024, 10, 20)
N003 = "003_d63d5c5aa126f67f.txt « Les bénéfices d'épreuves »"
N000_RETAKE = "000_6beaf5b34ed6841b.txt FAQ « repasser une épreuve déjà validée »"
N004 = "004_e9d540e1230d63f6.txt « Saisie des acquis »"
G, P = ExamForm.GLOBAL, ExamForm.PROGRESSIVE


def claim(
    unit: str = "U1", grade: str = "12", obtained: date = date(2024, 7, 5), **kw: Any
) -> BenefitClaim:
    return BenefitClaim(unit, Decimal(grade), obtained, kw.pop("specialty_code", MCO), **kw)


CASES = [
    pytest.param(N003, G, (claim(),), {"U1"}, (), id="12-in-global-kept"),
    pytest.param(N003, G, (claim(grade="10"),), {"U1"}, (), id="exactly-10-kept"),
    pytest.param(
        N003,
        G,
        (claim(grade="9.99"),),
        set(),
        ("benefit.grade_below_minimum",),
        id="9.99-refused-in-global",
    ),
    pytest.param(N003, P, (claim(grade="6"),), {"U1"}, (), id="6-kept-in-progressive"),
    pytest.param(
        N003,
        None,
        (claim(grade="6"),),
        set(),
        ("benefit.grade_below_minimum",),
        id="form-not-chosen-applies-global-threshold",
    ),
    pytest.param(
        N004,
        G,
        (claim(grade="20.5"),),
        set(),
        ("benefit.grade_out_of_range",),
        id="above-20",
    ),
    pytest.param(
        N004, P, (claim(grade="-1"),), set(), ("benefit.grade_out_of_range",), id="negative"
    ),
    pytest.param(
        N003, G, (claim(obtained=date(2020, 5, 12)),), {"U1"}, (), id="five-years-to-the-day"
    ),
    pytest.param(
        N003,
        G,
        (claim(obtained=date(2020, 5, 11)),),
        set(),
        ("benefit.expired",),
        id="five-years-and-a-day",
    ),
    pytest.param(
        N004,
        G,
        (claim(obtained=date(2024, 10, 21)),),
        set(),
        ("benefit.obtained_in_future",),
        id="obtained-tomorrow",
    ),
    pytest.param(
        "reference/rules.md §4 D643-15",
        G,
        (claim(unit_level=False),),
        set(),
        ("benefit.not_unit_level",),
        id="epreuve-maitresse-not-a-unit",
    ),
    pytest.param(N004, G, (claim(unit="U9"),), set(), ("benefit.unknown_unit",), id="unknown-unit"),
    pytest.param(
        N004, G, (claim(unit="UF1"),), set(), ("benefit.unknown_unit",), id="optional-unit"
    ),
    pytest.param(
        N004, G, (claim(unit="U9", keep=False),), set(), (), id="unknown-unit-dropped-is-ignored"
    ),
    pytest.param(
        N003,
        G,
        (claim(specialty_code=NDRC),),
        set(),
        ("benefit.other_specialty",),
        id="cge-of-another-specialty-is-a-dispense-not-a-benefit",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « Le BTS que j'ai passé n'existe plus »",
        G,
        (claim(unit="U4", specialty_code=NDRC),),
        {"U4"},
        (),
        id="common-unit-carries-between-specialties",
    ),
    pytest.param(
        "003_d63d5c5aa126f67f.txt « Rappels importants »",
        G,
        (claim(renounced_before=True),),
        set(),
        ("benefit.renounced_before",),
        id="renounced-at-an-earlier-session",
    ),
    pytest.param(
        N000_RETAKE,
        G,
        (claim(keep=False),),
        set(),
        ("benefit.renouncing_is_final",),
        id="renouncing-now-warns",
    ),
    pytest.param(
        N000_RETAKE,
        G,
        (claim(keep=False, renounced_before=True),),
        set(),
        (),
        id="already-renounced-and-not-claimed",
    ),
    pytest.param(
        N000_RETAKE,
        P,
        (claim(grade="14", obtained=date(2023, 7, 4)), claim(grade="8")),
        {"U1"},
        ("benefit.not_latest_grade",),
        id="last-grade-counts",
    ),
    pytest.param(
        N000_RETAKE,
        G,
        (claim(grade="14", obtained=date(2023, 7, 4)), claim(grade="8")),
        set(),
        ("benefit.not_latest_grade", "benefit.grade_below_minimum"),
        id="a-lower-last-grade-ends-the-benefit-in-global",
    ),
    pytest.param(
        N000_RETAKE,
        G,
        (claim(grade="14", obtained=date(2023, 7, 4), keep=False), claim(grade="11")),
        {"U1"},
        (),
        id="older-grade-not-claimed",
    ),
    pytest.param(
        N004,
        G,
        (claim(), claim(grade="13")),
        {"U1"},
        ("benefit.duplicate",),
        id="same-date-declared-twice",
    ),
]


@pytest.mark.parametrize(("source", "form", "claims", "kept", "codes"), CASES)
def test_benefits(
    source: str,
    form: ExamForm | None,
    claims: tuple[BenefitClaim, ...],
    kept: set[str],
    codes: tuple[str, ...],
) -> None:
    assert source.startswith(CITABLE)
    decision = benefits_decision(
        claims=claims,
        specialty=mco(),
        option_code=None,
        form=form,
        exams_start_on=EXAMS,
        today=TODAY,
        settings=SessionSettings(),
    )
    assert decision.codes == codes
    assert set(decision.kept) == kept


def test_renounced_units_are_reported_for_the_units_rule() -> None:
    decision = benefits_decision(
        claims=(claim(keep=False), claim(unit="U4")),
        specialty=mco(),
        option_code=None,
        form=P,
        exams_start_on=EXAMS,
        today=TODAY,
        settings=SessionSettings(),
    )
    assert decision.renounced == {"U1"}
    assert decision.kept["U4"].grade == Decimal("12")
    assert decision.warnings[0].render() == (
        "Vous renoncez au bénéfice de la note de 12/20 à l'unité U1 : la renonciation est "
        "définitive et seule la dernière note obtenue sera prise en compte."
    )


def test_expired_message_gives_the_last_valid_day() -> None:
    decision = benefits_decision(
        claims=(claim(obtained=date(2020, 2, 29)),),
        specialty=mco(),
        option_code=None,
        form=G,
        exams_start_on=date(2025, 3, 1),
        today=TODAY,
        settings=SessionSettings(),
    )
    assert decision.errors[0].render() == (
        "La note de l'unité U1 obtenue le 29/02/2020 n'est plus valable : un bénéfice dure 5 "
        "ans, date à date, soit jusqu'au 28/02/2025."
    )


def test_validity_and_minimum_are_session_settings() -> None:
    decision = benefits_decision(
        claims=(claim(grade="8", obtained=date(2018, 7, 5)),),
        specialty=mco(),
        option_code=None,
        form=G,
        exams_start_on=EXAMS,
        today=TODAY,
        settings=SessionSettings(benefit_validity_years=7, benefit_min_grade=Decimal(8)),
    )
    assert decision.ok


@pytest.mark.parametrize(
    ("obtained", "valid_until"),
    [
        pytest.param(date(2020, 7, 3), date(2025, 7, 3), id="date-to-date"),
        pytest.param(date(2020, 2, 29), date(2025, 2, 28), id="29-february-to-28"),
        pytest.param(date(2019, 2, 28), date(2024, 2, 28), id="28-february-stays"),
        pytest.param(date(2016, 2, 29), date(2021, 2, 28), id="leap-to-common"),
        pytest.param(date(2019, 12, 31), date(2024, 12, 31), id="end-of-year"),
    ],
)
def test_benefit_valid_until(obtained: date, valid_until: date) -> None:
    """003: « cinq ans, date à date, à compter de la date d'obtention de la note »."""
    assert benefit_valid_until(obtained) == valid_until


@settings(derandomize=True)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 10))
def test_date_to_date_arithmetic(obtained: date, years: int) -> None:
    until = benefit_valid_until(obtained, years=years)
    assert until.year == obtained.year + years
    assert until.month == obtained.month
    is_leap_day = (obtained.month, obtained.day) == (2, 29)
    assert until.day == obtained.day or (is_leap_day and until.day == 28)
    assert benefit_is_valid(obtained, exams_start_on=until, years=years)
    assert not benefit_is_valid(obtained, exams_start_on=until + timedelta(days=1), years=years)


@settings(derandomize=True)
@given(st.integers(1992, 2088).map(lambda y: y - y % 4), st.integers(1, 10))
def test_a_grade_obtained_on_29_february(leap_year: int, years: int) -> None:
    """Leap day: valid to 29 February in a leap year, 28 February otherwise."""
    obtained = date(leap_year, 2, 29)
    until = add_years(obtained, years)
    target = leap_year + years
    leap_target = target % 4 == 0 and (target % 100 != 0 or target % 400 == 0)
    assert until == date(target, 2, 29 if leap_target else 28)


@settings(derandomize=True)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)), st.integers(18, 40))
def test_reached_age_on_the_anniversary(birth: date, years: int) -> None:
    anniversary = add_years(birth, years)
    assert reached_age(birth, years, anniversary)
    assert not reached_age(birth, years, anniversary - timedelta(days=1))
