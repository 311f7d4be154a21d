"""Units to present (004 « Inscription aux épreuves », 003, rules.md §2–§3) and languages
(000–002 FAQ, 002 §III.B.1, rules.md §6)."""

from datetime import date
from decimal import Decimal

import pytest

from inscriptions.rules import (
    BenefitClaim,
    ExamForm,
    SessionSettings,
    UnitPositionKind,
    languages_decision,
    option_decision,
    units_to_present,
)

from .builders import CITABLE, maintenance, mco

G, P = ExamForm.GLOBAL, ExamForm.PROGRESSIVE
K = UnitPositionKind
COMPULSORY = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8")
BENEFIT_U1 = {"U1": BenefitClaim("U1", Decimal("12.5"), date(2024, 7, 5), "32031213")}
N004 = "004_e9d540e1230d63f6.txt « Inscription aux épreuves »"
DEFAULTS = SessionSettings()


def positions(
    *,
    form: ExamForm | None = G,
    presented: frozenset[str] = frozenset(),
    optional: frozenset[str] = frozenset(),
    benefits: dict[str, BenefitClaim] | None = None,
    exemptions: frozenset[str] = frozenset(),
    renounced: frozenset[str] = frozenset(),
    settings: SessionSettings = DEFAULTS,
) -> tuple[dict[str, UnitPositionKind], tuple[str, ...]]:
    decision = units_to_present(
        specialty=mco(),
        option_code=None,
        form=form,
        presented_units=presented,
        optional_units=optional,
        kept_benefits=benefits or {},
        exemptions=exemptions,
        renounced=renounced,
        settings=settings,
    )
    return {p.unit_code: p.position for p in decision.positions}, decision.codes


def test_global_presents_every_unit_minus_benefits_and_dispenses() -> None:
    """rules.md §3 D643-14: forme globale = all units in one session, minus those kept."""
    units, codes = positions(benefits=BENEFIT_U1, exemptions=frozenset({"U4"}))
    assert codes == ()
    assert units["U1"] is K.BENEFIT
    assert units["U4"] is K.EXEMPTION
    assert [u for u in COMPULSORY if units[u] is K.PRESENTED] == [
        "U2",
        "U3",
        "U5",
        "U6",
        "U7",
        "U8",
    ]
    assert units["UF1"] is K.OPTIONAL_NOT_REGISTERED


def test_global_ignores_a_selection_of_units() -> None:
    units, codes = positions(presented=frozenset({"U1"}))
    assert codes == ()
    assert all(units[u] is K.PRESENTED for u in COMPULSORY)


def test_benefit_position_carries_grade_and_date() -> None:
    decision = units_to_present(
        specialty=mco(),
        option_code=None,
        form=G,
        presented_units=frozenset(),
        optional_units=frozenset(),
        kept_benefits=BENEFIT_U1,
        exemptions=frozenset(),
        renounced=frozenset(),
        settings=SessionSettings(),
    )
    u1 = decision.positions[0]
    assert (u1.unit_code, u1.grade, u1.obtained_on) == ("U1", Decimal("12.5"), date(2024, 7, 5))
    assert "U1" not in decision.presented


CASES = [
    pytest.param(
        "003_d63d5c5aa126f67f.txt « Les différentes formes de passage »",
        {"form": P, "presented": frozenset({"U2", "U3"})},
        (),
        id="progressive-chosen-units",
    ),
    pytest.param(
        N004,
        {"form": P},
        ("units.nothing_to_present",),
        id="progressive-nothing-chosen",
    ),
    pytest.param(
        N004,
        {"form": P, "presented": frozenset({"U2", "U9", "UF1"})},
        ("units.unknown_unit", "units.unknown_unit"),
        id="progressive-unknown-units",
    ),
    pytest.param(
        "003_d63d5c5aa126f67f.txt « Les bénéfices d'épreuves »",
        {"form": P, "presented": frozenset({"U1", "U2"}), "benefits": BENEFIT_U1},
        ("units.already_acquired",),
        id="progressive-unit-already-kept",
    ),
    pytest.param(
        "003_d63d5c5aa126f67f.txt « Les bénéfices d'épreuves »",
        {"form": P, "presented": frozenset({"U2"}), "renounced": frozenset({"U1"})},
        ("units.renounced_not_presented",),
        id="progressive-renounced-must-be-presented",
    ),
    pytest.param(
        "003_d63d5c5aa126f67f.txt « Les bénéfices d'épreuves »",
        {"form": P, "presented": frozenset({"U1"}), "renounced": frozenset({"U1"})},
        (),
        id="progressive-renounced-and-presented",
    ),
    pytest.param(
        "004_e9d540e1230d63f6.txt « Saisie des acquis »",
        {"benefits": BENEFIT_U1, "exemptions": frozenset({"U1"})},
        ("units.benefit_and_exemption",),
        id="benefit-and-dispense-on-one-unit",
    ),
    pytest.param(
        N004,
        {"benefits": BENEFIT_U1, "exemptions": frozenset(COMPULSORY[1:])},
        ("units.nothing_to_present",),
        id="global-everything-acquired",
    ),
    pytest.param(
        "001_f1a14cb38af3438c.txt « Important » engagement étudiant",
        {"optional": frozenset({"UEE", "UF1"})},
        (),
        id="engagement-plus-one-optional",
    ),
    pytest.param(
        "reference/rules.md §2 D643-13 (décret 2024-788)",
        {"optional": frozenset({"UEE", "UF1", "UF2"})},
        ("units.too_many_optional_units",),
        id="engagement-plus-two-optional",
    ),
    pytest.param(
        N004,
        {"optional": frozenset({"U5"})},
        ("units.unknown_optional_unit",),
        id="compulsory-unit-as-optional",
    ),
]


@pytest.mark.parametrize(("source", "kwargs", "codes"), CASES)
def test_units(source: str, kwargs: dict[str, object], codes: tuple[str, ...]) -> None:
    assert source.startswith(CITABLE)
    _, found = positions(**kwargs)  # type: ignore[arg-type]
    assert found == codes


def test_progressive_positions() -> None:
    units, _ = positions(form=P, presented=frozenset({"U2"}), optional=frozenset({"UEE"}))
    assert units["U2"] is K.PRESENTED
    assert units["U1"] is K.DEFERRED
    assert units["UEE"] is K.OPTIONAL_REGISTERED


def test_two_optional_units_before_decret_2024_788() -> None:
    """rules.md §2: « une ou deux unités » until décret 2024-788: a session setting."""
    _, codes = positions(
        optional=frozenset({"UEE", "UF1", "UF2"}), settings=SessionSettings(max_optional_units=2)
    )
    assert codes == ()


@pytest.mark.parametrize(
    ("option", "codes"),
    [
        pytest.param("B", (), id="option-b"),
        pytest.param(None, ("units.option_required",), id="option-missing"),
        pytest.param("E", ("units.unknown_option",), id="option-unknown"),
    ],
)
def test_one_option_when_the_specialty_has_options(
    option: str | None, codes: tuple[str, ...]
) -> None:
    """004 « Inscription aux épreuves » (choix d'options); 000–002 FAQ: one option."""
    assert option_decision(specialty=maintenance(), option_code=option).codes == codes


def test_no_option_for_a_specialty_without_options() -> None:
    assert option_decision(specialty=mco(), option_code=None).ok
    assert option_decision(specialty=mco(), option_code="A").codes == ("units.unknown_option",)


def test_option_units_belong_to_their_option() -> None:
    decision = units_to_present(
        specialty=maintenance(),
        option_code="B",
        form=G,
        presented_units=frozenset(),
        optional_units=frozenset(),
        kept_benefits={},
        exemptions=frozenset(),
        renounced=frozenset(),
        settings=SessionSettings(),
    )
    assert decision.presented == ("U1", "U2", "U3", "U4", "U51B")


LANGUAGE_CASES = [
    pytest.param("000_6beaf5b34ed6841b.txt FAQ « langue vivante obligatoire »", {}, (), id="en"),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « langue vivante obligatoire »",
        {"compulsory_language": None},
        ("languages.compulsory_required",),
        id="missing",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « langue vivante obligatoire »",
        {"compulsory_language": "ru"},
        ("languages.compulsory_not_offered",),
        id="not-in-the-reglement",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §III.B.1",
        {"compulsory_language": "de", "compulsory_language_followed": False},
        ("languages.teaching_not_followed",),
        id="teaching-not-followed",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §III.B.1",
        {"compulsory_language_followed": True},
        (),
        id="teaching-followed",
    ),
    pytest.param(
        "reference/rules.md §6",
        {"optional_units": frozenset({"UF1"}), "optional_language": "pt"},
        (),
        id="optional-portuguese",
    ),
    pytest.param(
        "reference/rules.md §6",
        {"optional_units": frozenset({"UF1"}), "optional_language": "en"},
        ("languages.optional_same_as_compulsory",),
        id="optional-same-as-compulsory",
    ),
    pytest.param(
        "reference/rules.md §6",
        {"optional_units": frozenset({"UF1"}), "optional_language": "ru"},
        ("languages.optional_not_offered",),
        id="optional-not-offered",
    ),
    pytest.param(
        N004,
        {"optional_units": frozenset({"UF1"})},
        ("languages.optional_required",),
        id="optional-unit-without-language",
    ),
    pytest.param(
        N004,
        {"optional_units": frozenset({"UF2"}), "optional_language": "de"},
        ("languages.optional_without_unit",),
        id="language-without-optional-unit",
    ),
]


@pytest.mark.parametrize(("source", "changes", "codes"), LANGUAGE_CASES)
def test_languages(source: str, changes: dict[str, object], codes: tuple[str, ...]) -> None:
    assert source.startswith(CITABLE)
    arguments: dict[str, object] = {
        "compulsory_language": "en",
        "compulsory_language_followed": None,
        "optional_language": None,
        "optional_units": frozenset(),
    }
    arguments.update(changes)
    decision = languages_decision(specialty=mco(), option_code=None, **arguments)  # type: ignore[arg-type]
    assert decision.codes == codes


def test_language_messages_use_french_names() -> None:
    decision = languages_decision(
        specialty=mco(),
        option_code=None,
        compulsory_language="de",
        compulsory_language_followed=None,
        optional_language="de",
        optional_units=frozenset({"UF1"}),
    )
    assert decision.errors[0].render() == (
        "La langue de l'épreuve facultative doit être différente de celle de l'épreuve "
        "obligatoire (allemand)."
    )


def test_specialty_without_language_choice_asks_nothing() -> None:
    decision = languages_decision(
        specialty=mco().__class__(code="x", title="x", units=()),
        option_code=None,
        compulsory_language=None,
        compulsory_language_followed=None,
        optional_language=None,
        optional_units=frozenset(),
    )
    assert decision.ok
