"""Results-publication consents (004 « Communication de votre résultat », 001, 002) and one
registration per candidate and session (000–002 FAQ « plusieurs BTS ou plusieurs options »)."""

import pytest

from inscriptions.rules import (
    Consents,
    ExistingRegistration,
    consents_decision,
    existing_registration_decision,
    single_registration_decision,
    specialty_change_decision,
)

from .builders import CITABLE

N004 = "004_e9d540e1230d63f6.txt « Communication de votre résultat »"


@pytest.mark.parametrize(
    ("source", "press", "authorities", "codes"),
    [
        pytest.param(N004, True, True, (), id="yes-yes"),
        pytest.param(N004, False, False, (), id="no-no-is-an-answer"),
        pytest.param(
            N004, None, False, ("consents.publish_results_press_required",), id="press-unanswered"
        ),
        pytest.param(
            "001_f1a14cb38af3438c.txt « Publication des résultats »",
            True,
            None,
            ("consents.share_with_local_authorities_required",),
            id="authorities-unanswered",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §II « Publication des résultats »",
            None,
            None,
            (
                "consents.publish_results_press_required",
                "consents.share_with_local_authorities_required",
            ),
            id="both-unanswered",
        ),
    ],
)
def test_both_consents_are_mandatory(
    source: str, press: bool | None, authorities: bool | None, codes: tuple[str, ...]
) -> None:
    assert source.startswith(CITABLE)
    consents = Consents(publish_results_press=press, share_with_local_authorities=authorities)
    decision = consents_decision(consents=consents)
    assert decision.codes == codes
    assert all(f.field and f.field.startswith("consents.") for f in decision.findings)


@pytest.mark.parametrize(
    ("others", "codes"),
    [
        pytest.param((), (), id="first-registration"),
        pytest.param(
            (ExistingRegistration("175", "32031212"),),
            ("registration.duplicate",),
            id="another-specialty",
        ),
        pytest.param(
            (ExistingRegistration("176", "32025014", "B"),),
            ("registration.duplicate",),
            id="another-option",
        ),
        pytest.param(
            (ExistingRegistration("175", "32031212", withdrawn=True),),
            (),
            id="withdrawn-counts-not",
        ),
    ],
)
def test_one_registration_per_session(
    others: tuple[ExistingRegistration, ...], codes: tuple[str, ...]
) -> None:
    """000_6beaf5b34ed6841b.txt FAQ: « une seule inscription doit être effectuée »."""
    assert single_registration_decision(other_registrations=others).codes == codes


def test_duplicate_message_names_the_other_dossier() -> None:
    decision = single_registration_decision(
        other_registrations=[ExistingRegistration("175", "32031212")]
    )
    assert "dossier 175, spécialité 32031212" in decision.errors[0].render()


def test_starting_again_names_the_validated_dossier_or_the_draft_to_resume() -> None:
    """000_6beaf5b34ed6841b.txt FAQ « plusieurs BTS ou plusieurs options »: one registration."""
    validated = existing_registration_decision(dossier_number="175-2", specialty_code="MCO")
    assert validated.codes == ("registration.duplicate",)
    assert "dossier 175-2, spécialité MCO" in validated.errors[0].render()
    unnamed = existing_registration_decision(dossier_number="175-0", specialty_code=None)
    assert "spécialité —" in unnamed.errors[0].render()
    draft = existing_registration_decision(dossier_number=None, specialty_code=None)
    assert draft.codes == ("registration.draft_exists",)
    assert draft.errors[0].source.document == "000_6beaf5b34ed6841b.txt"


@pytest.mark.parametrize(
    ("before", "after", "codes"),
    [
        pytest.param("MCO", "MCO", (), id="same"),
        pytest.param(None, "MCO", (), id="first-version"),
        pytest.param("MCO", None, (), id="no-specialty-yet"),
        pytest.param("MCO", "NDRC", ("registration.specialty_changed",), id="another"),
    ],
)
def test_a_modification_changing_the_specialty_is_said(
    before: str | None, after: str | None, codes: tuple[str, ...]
) -> None:
    decision = specialty_change_decision(before=before, after=after)
    assert decision.codes == codes
    assert decision.ok
