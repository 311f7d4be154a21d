"""Categories of candidate (000–003 §I, FAQ) and the form of examination (003, 000–002 FAQ)."""

from typing import Any

import pytest

from inscriptions.rules import (
    Category,
    ContinuingSituation,
    ExamForm,
    ExemptionBasis,
    ExemptionClaim,
    PriorAttempt,
    SessionSettings,
    Training,
    allowed_forms,
    category_decision,
    exam_form_decision,
)

from .builders import CITABLE, candidate

MCO = "32031213"
NDRC = "32031212"
N000_FIRST_YEAR = "000_6beaf5b34ed6841b.txt FAQ « inscrit en première année »"
N002_IVB = "002_d2d52601aecd35af.txt §IV.B"
N003_CONDITIONS = "003_d63d5c5aa126f67f.txt « Modalités réglementaires »"
ATTEMPT = PriorAttempt(MCO, 2024, ExamForm.GLOBAL)
FC = ContinuingSituation

CATEGORY_CASES = [
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « candidat libre »",
        {"category": None},
        ("category.required",),
        id="no-candidat-libre",
    ),
    pytest.param(
        N003_CONDITIONS,
        {"category": Category.FORMER_SCHOOL, "last_attempt": ATTEMPT},
        (),
        id="ex-scolaire-refused-in-2024",
    ),
    pytest.param(
        N003_CONDITIONS,
        {"category": Category.FORMER_APPRENTICE, "last_attempt": None},
        ("category.former_requires_previous_session",),
        id="ex-apprenti-without-session",
    ),
    pytest.param(
        N003_CONDITIONS,
        {
            "category": Category.FORMER_SCHOOL,
            "last_attempt": PriorAttempt(NDRC, 2024, ExamForm.GLOBAL),
        },
        ("category.former_other_specialty",),
        id="ex-scolaire-of-another-specialty-warns",
    ),
    pytest.param(
        N003_CONDITIONS,
        {
            "category": Category.FORMER_CONTINUING,
            "last_attempt": ATTEMPT,
            "training": Training(continuing_situation=FC.RETRAINING),
        },
        (),
        id="ex-formation-continue",
    ),
    pytest.param(
        N002_IVB,
        {"category": Category.FORMER_CONTINUING, "last_attempt": ATTEMPT, "training": Training()},
        ("category.continuing_situation_required",),
        id="ex-formation-continue-without-situation",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §I (CNED inscrits en seconde année)",
        {},
        (),
        id="cned-scolaire-second-year",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt §I",
        {"training": Training(internship_completed=True)},
        ("category.training_year_required",),
        id="cned-year-missing",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt §I",
        {"training": Training(year=3, internship_completed=True)},
        ("category.training_year_required",),
        id="cned-year-3",
    ),
    pytest.param(
        N000_FIRST_YEAR,
        {"training": Training(year=1, internship_completed=True)},
        ("category.first_year_not_allowed",),
        id="cned-scolaire-first-year",
    ),
    pytest.param(
        N000_FIRST_YEAR,
        {"training": Training(year=1, positioning_decision=True, internship_completed=True)},
        (),
        id="first-year-with-positioning-into-second-year",
    ),
    pytest.param(
        N000_FIRST_YEAR,
        {"category": Category.DISTANCE_APPRENTICE, "training": Training(year=1)},
        ("category.first_year_not_allowed",),
        id="cned-apprenti-first-year",
    ),
    pytest.param(
        N000_FIRST_YEAR,
        {
            "category": Category.DISTANCE_CONTINUING,
            "training": Training(year=1, continuing_situation=FC.FURTHER_TRAINING),
        },
        ("category.first_year_continuing_conditions",),
        id="formation-continue-first-year-under-conditions",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « pas encore fait le(s) stage(s) »",
        {"training": Training(year=2)},
        ("category.internship_status_required",),
        id="cned-scolaire-internship-status",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « pas encore fait le(s) stage(s) »",
        {
            "category": Category.DISTANCE_CONTINUING,
            "training": Training(year=2, continuing_situation=FC.FIRST_TRAINING),
        },
        ("category.internship_status_required",),
        id="cned-first-training-internship-status",
    ),
    pytest.param(
        N002_IVB,
        {
            "category": Category.DISTANCE_CONTINUING,
            "training": Training(year=2, continuing_situation=FC.PROFESSIONALISATION_CONTRACT),
        },
        (),
        id="cned-professionalisation-contract",
    ),
    pytest.param(
        N002_IVB,
        {"category": Category.DISTANCE_CONTINUING, "training": Training(year=2)},
        ("category.continuing_situation_required",),
        id="cned-formation-continue-without-situation",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §I (salariés, 3 ans)",
        {"category": Category.PROFESSIONAL_EXPERIENCE, "professional_experience_months": 36},
        (),
        id="three-years-experience",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §I (salariés, 3 ans)",
        {"category": Category.PROFESSIONAL_EXPERIENCE, "professional_experience_months": 35},
        ("category.experience_insufficient",),
        id="35-months-experience",
    ),
    pytest.param(
        N003_CONDITIONS,
        {"category": Category.PROFESSIONAL_EXPERIENCE},
        ("category.experience_required",),
        id="experience-not-stated",
    ),
]


@pytest.mark.parametrize(("source", "changes", "codes"), CATEGORY_CASES)
def test_category(source: str, changes: dict[str, Any], codes: tuple[str, ...]) -> None:
    assert source.startswith(CITABLE)
    decision = category_decision(
        candidate=candidate(**changes), specialty_code=MCO, settings=SessionSettings()
    )
    assert decision.codes == codes


def test_experience_years_is_a_session_setting() -> None:
    """rules.md §10: one year since session 2023 [X]; an office that confirms it sets 1."""
    facts = candidate(category=Category.PROFESSIONAL_EXPERIENCE, professional_experience_months=14)
    default = category_decision(candidate=facts, specialty_code=MCO, settings=SessionSettings())
    one_year = category_decision(
        candidate=facts, specialty_code=MCO, settings=SessionSettings(experience_years=1)
    )
    assert default.errors[0].render() == (
        "L'inscription au titre de l'expérience professionnelle demande 3 an(s) d'exercice dans "
        "un emploi de technicien supérieur en rapport avec la spécialité ; vous en déclarez "
        "14 mois."
    )
    assert one_year.ok


def test_category_is_checked_without_a_specialty_yet() -> None:
    decision = category_decision(
        candidate=candidate(
            category=Category.FORMER_SCHOOL, last_attempt=PriorAttempt(NDRC, 2024, ExamForm.GLOBAL)
        ),
        specialty_code=None,
        settings=SessionSettings(),
    )
    assert decision.codes == ()


N003_FORMS = "003_d63d5c5aa126f67f.txt « Les différentes formes de passage »"
N000_PROGRESSIVE = "000_6beaf5b34ed6841b.txt FAQ « Que veut dire forme progressive ? »"
VAE = ExemptionClaim("U6", ExemptionBasis.VAE)
G, P = ExamForm.GLOBAL, ExamForm.PROGRESSIVE

FORM_CASES = [
    pytest.param(N003_FORMS, Category.FORMER_SCHOOL, G, None, (), {G}, (), id="ex-scolaire"),
    pytest.param(
        N003_FORMS,
        Category.FORMER_SCHOOL,
        P,
        None,
        (),
        {G},
        ("form.global_required_for_category",),
        id="ex-scolaire-no-progressive",
    ),
    pytest.param(
        N003_FORMS,
        Category.FORMER_APPRENTICE,
        P,
        None,
        (),
        {G},
        ("form.global_required_for_category",),
        id="ex-apprenti-no-progressive",
    ),
    pytest.param(
        N000_PROGRESSIVE,
        Category.FORMER_SCHOOL,
        P,
        None,
        (VAE,),
        {G, P},
        ("form.choice_final",),
        id="vae-dispenses-open-progressive",
    ),
    pytest.param(
        N003_FORMS,
        Category.DISTANCE_SCHOOL,
        P,
        None,
        (),
        {G, P},
        ("form.choice_final",),
        id="distance-any-status-chooses",
    ),
    pytest.param(
        N003_FORMS,
        Category.DISTANCE_APPRENTICE,
        G,
        None,
        (),
        {G, P},
        ("form.choice_final",),
        id="distance-apprentice-chooses",
    ),
    pytest.param(
        N003_FORMS,
        Category.FORMER_CONTINUING,
        P,
        None,
        (),
        {G, P},
        ("form.choice_final",),
        id="formation-continue-chooses",
    ),
    pytest.param(
        N003_FORMS,
        Category.PROFESSIONAL_EXPERIENCE,
        P,
        None,
        (),
        {G, P},
        ("form.choice_final",),
        id="experience-chooses",
    ),
    pytest.param(
        N003_FORMS, Category.DISTANCE_SCHOOL, None, None, (), {G, P}, ("form.required",), id="none"
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « J'étais en forme globale l'année passée »",
        Category.PROFESSIONAL_EXPERIENCE,
        P,
        PriorAttempt(MCO, 2024, G),
        (VAE,),
        {G},
        ("form.adjourned_global_stays_global",),
        id="adjourned-in-global-stays-global",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « J'étais en forme globale l'année passée »",
        Category.PROFESSIONAL_EXPERIENCE,
        G,
        PriorAttempt(MCO, 2024, G),
        (),
        {G},
        (),
        id="adjourned-in-global-registers-global",
    ),
    pytest.param(
        N003_FORMS,
        Category.PROFESSIONAL_EXPERIENCE,
        P,
        PriorAttempt(NDRC, 2024, G),
        (),
        {G, P},
        ("form.choice_final",),
        id="global-in-another-specialty-does-not-bind",
    ),
    pytest.param(
        "reference/rules.md §3 D643-14 (définitif sauf changement de voie)",
        Category.PROFESSIONAL_EXPERIENCE,
        G,
        PriorAttempt(MCO, 2024, P),
        (),
        {G, P},
        ("form.previous_progressive", "form.choice_final"),
        id="progressive-to-global-warns",
    ),
    pytest.param(
        N003_FORMS,
        Category.FORMER_SCHOOL,
        P,
        PriorAttempt(MCO, 2024, P),
        (),
        {G},
        ("form.global_required_for_category",),
        id="ex-scolaire-previously-progressive",
    ),
]


@pytest.mark.parametrize(
    ("source", "category", "form", "attempt", "exemptions", "allowed", "codes"), FORM_CASES
)
def test_form(
    source: str,
    category: Category,
    form: ExamForm | None,
    attempt: PriorAttempt | None,
    exemptions: tuple[ExemptionClaim, ...],
    allowed: set[ExamForm],
    codes: tuple[str, ...],
) -> None:
    assert source.startswith(CITABLE)
    decision = exam_form_decision(
        category=category,
        form=form,
        specialty_code=MCO,
        last_attempt=attempt,
        exemptions=exemptions,
    )
    assert decision.codes == codes
    assert decision.allowed == allowed
    assert allowed_forms(
        category=category, specialty_code=MCO, last_attempt=attempt, exemptions=exemptions
    ) == frozenset(allowed)


def test_adjourned_message_names_the_session() -> None:
    decision = exam_form_decision(
        category=Category.DISTANCE_CONTINUING,
        form=P,
        specialty_code=MCO,
        last_attempt=PriorAttempt(MCO, 2023, G),
    )
    assert decision.errors[0].render() == (
        "Ajourné(e) en forme globale à la session 2023, vous devez vous inscrire à nouveau en "
        "forme globale et déclarer vos bénéfices de notes."
    )


def test_allowed_forms_default_to_both_when_category_is_unknown() -> None:
    assert allowed_forms(category=None, specialty_code=MCO) == frozenset({G, P})
