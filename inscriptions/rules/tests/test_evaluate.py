"""Evaluating a complete candidate: every rule and the required documents, in one decision."""

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from inscriptions.rules import (
    Action,
    Address,
    BenefitClaim,
    Category,
    CivilStatus,
    Consents,
    Contact,
    DiplomaKind,
    ExamForm,
    ExemptionBasis,
    ExemptionClaim,
    ExistingRegistration,
    HeldDiploma,
    PartialDate,
    PriorAttempt,
    RegistrationDecision,
    Severity,
    Training,
    UnitPositionKind,
    evaluate_registration,
)

from .builders import NOW, academy_table, candidate, mco, paris, registration, session_2025

K = UnitPositionKind


def evaluate(**kwargs: object) -> RegistrationDecision:
    arguments: dict[str, object] = {
        "candidate": candidate(),
        "registration": registration(),
        "specialty": mco(),
        "session": session_2025(),
        "academies": academy_table(),
        "now": NOW,
    }
    arguments.update(kwargs)
    return evaluate_registration(**arguments)  # type: ignore[arg-type]


def test_a_complete_candidate_is_accepted() -> None:
    decision = evaluate()
    assert decision.ok
    assert decision.errors == ()
    assert decision.academy is not None
    assert decision.academy.name == "Nancy-Metz"
    assert decision.allowed_forms == {ExamForm.GLOBAL, ExamForm.PROGRESSIVE}
    assert [p.unit_code for p in decision.units if p.position is K.PRESENTED] == [
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "U7",
        "U8",
    ]
    assert [d.code for d in decision.documents] == [
        "confirmation_signed",
        "identity",
        "jdc_certificate",
        "school_certificates",
        "internship_attestations",
    ]
    assert decision.codes == ("form.choice_final",)


def test_an_ex_scolaire_repeating_with_acquis() -> None:
    """Ex-scolaire adjourned in globale in 2024 (003, 000 FAQ), holding a licence, keeping
    12.5 in U5, renouncing 11 in U6, asking a CGE dispense, engagement étudiant + LV2."""
    decision = evaluate(
        candidate=candidate(
            category=Category.FORMER_SCHOOL,
            training=Training(),
            last_attempt=PriorAttempt("32031213", 2024, ExamForm.GLOBAL),
            diplomas=(HeldDiploma(DiplomaKind.NATIONAL, 6, "Licence"),),
            disability_declared=True,
        ),
        registration=registration(
            benefits=(
                BenefitClaim("U5", Decimal("12.5"), date(2024, 7, 5), "32031213"),
                BenefitClaim("U6", Decimal(11), date(2024, 7, 5), "32031213", keep=False),
            ),
            exemptions=(
                ExemptionClaim(
                    "U1", ExemptionBasis.DIPLOMA, HeldDiploma(DiplomaKind.NATIONAL, 6, "Licence")
                ),
            ),
            optional_units=frozenset({"UEE", "UF1"}),
            optional_language="es",
        ),
    )
    assert decision.ok
    positions = {p.unit_code: p for p in decision.units}
    assert positions["U5"].position is K.BENEFIT
    assert positions["U5"].grade == Decimal("12.5")
    assert positions["U6"].position is K.PRESENTED
    assert positions["U1"].position is K.EXEMPTION
    assert positions["UEE"].position is K.OPTIONAL_REGISTERED
    assert decision.allowed_forms == {ExamForm.GLOBAL}
    assert decision.codes == (
        "benefit.renouncing_is_final",
        "exemption.available_on_request",
        "deadlines.accommodation_request",
    )
    assert [d.code for d in decision.documents] == [
        "confirmation_signed",
        "identity",
        "jdc_certificate",
        "transcript",
        "exemption_proof",
        "engagement_form",
    ]


def test_an_empty_dossier_lists_every_missing_answer_by_field() -> None:
    empty = candidate(
        civil_status=CivilStatus(
            last_name="", first_names=(), birth_date=None, french_national=True
        ),
        address=Address(street="", postal_code="", locality=""),
        contact=Contact(email=""),
        category=None,
    )
    decision = evaluate(
        candidate=empty,
        registration=registration(form=None, compulsory_language=None, consents=Consents()),
    )
    assert decision.codes == (
        "academy.department_required",
        "civil_status.last_name_required",
        "civil_status.first_name_required",
        "civil_status.birth_year_required",
        "civil_status.birth_department_required",
        "address.street_required",
        "address.postal_code_format",
        "address.locality_required",
        "contact.email_required",
        "contact.phone_recommended",
        "category.required",
        "form.required",
        "languages.compulsory_required",
        "consents.publish_results_press_required",
        "consents.share_with_local_authorities_required",
    )
    assert all(f.field for f in decision.findings)
    assert decision.academy is None
    assert [f.severity for f in decision.warnings] == [Severity.WARNING]


@pytest.mark.parametrize(
    ("action", "now", "codes"),
    [
        pytest.param(Action.SUBMIT, paris(2024, 10, 14, 8), ("deadlines.registration_not_open",)),
        pytest.param(Action.SUBMIT, paris(2024, 11, 13, 17), ("deadlines.registration_closed",)),
        pytest.param(Action.MODIFY, paris(2024, 11, 13, 16), ()),
        pytest.param(Action.MODIFY, paris(2024, 11, 14), ("deadlines.modification_closed",)),
        pytest.param(Action.REVIEW, paris(2025, 1, 10), ()),
    ],
)
def test_the_action_decides_which_deadline_applies(
    action: Action, now: datetime, codes: tuple[str, ...]
) -> None:
    decision = evaluate(action=action, now=now)
    assert tuple(c for c in decision.codes if c.startswith("deadlines.")) == codes


def test_registration_elsewhere_and_twice_is_refused() -> None:
    decision = evaluate(
        candidate=candidate(
            address=Address("1 place du Capitole", "31000", "Toulouse", department="31")
        ),
        other_registrations=(ExistingRegistration("175", "32031212"),),
    )
    assert decision.codes == (
        "academy.not_residence_academy",
        "form.choice_final",
        "registration.duplicate",
    )
    assert not decision.ok


def test_grade_below_10_is_kept_only_in_progressive() -> None:
    claim = BenefitClaim("U4", Decimal(8), date(2023, 7, 4), "32031213")
    facts = candidate(
        category=Category.PROFESSIONAL_EXPERIENCE,
        professional_experience_months=48,
        training=Training(),
        last_attempt=PriorAttempt("32031213", 2023, ExamForm.PROGRESSIVE),
    )
    progressive = evaluate(
        candidate=facts,
        registration=registration(
            form=ExamForm.PROGRESSIVE, benefits=(claim,), presented_units=frozenset({"U5"})
        ),
    )
    global_form = evaluate(
        candidate=facts, registration=registration(form=ExamForm.GLOBAL, benefits=(claim,))
    )
    assert progressive.ok
    assert {p.unit_code: p.position for p in progressive.units}["U4"] is K.BENEFIT
    assert "benefit.grade_below_minimum" in global_form.codes
    assert "form.previous_progressive" in global_form.codes


def test_born_on_29_february_and_bénéfice_of_29_february() -> None:
    facts = candidate(
        civil_status=replace(candidate().civil_status, birth_date=PartialDate(2000, 2, 29)),
    )
    claim = BenefitClaim("U1", Decimal(15), date(2020, 2, 29), "32031213")
    session = replace(session_2025(), exams_start_on=date(2025, 2, 28))
    decision = evaluate(
        candidate=facts, registration=registration(benefits=(claim,)), session=session
    )
    assert decision.ok
    assert "transcript" in [d.code for d in decision.documents]


def test_specialty_must_match_the_registration() -> None:
    with pytest.raises(ValueError, match="specialty_code"):
        evaluate(registration=registration(specialty_code="32031212"))


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="now"):
        evaluate(now=datetime(2024, 10, 20, 10), action=Action.REVIEW)
