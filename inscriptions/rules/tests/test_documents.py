"""Required documents (000–002 « Pièces à fournir », 003 « Pièces à déposer sur Cyclades »)."""

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from inscriptions.rules import (
    BenefitClaim,
    Category,
    ContinuingSituation,
    ExamForm,
    PartialDate,
    PriorAttempt,
    RequiredDocument,
    SessionSettings,
    SpecialtyFacts,
    Training,
    document_types,
    required_documents,
)
from inscriptions.rules.documents import jdc_required

from .builders import (
    CITABLE,
    NOW,
    batiment,
    candidate,
    maintenance,
    mco,
    paris,
    registration,
    session_2025,
)

FC = ContinuingSituation
MCO_UNITS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8"})
ATTEMPT = PriorAttempt("32031213", 2024, ExamForm.GLOBAL)
COMMON = ["confirmation_signed", "identity", "jdc_certificate"]
N002_IVB = "002_d2d52601aecd35af.txt §IV.B pièces selon votre catégorie"
N003 = "003_d63d5c5aa126f67f.txt « Pièces à déposer sur Cyclades »"


def documents(
    *,
    facts: dict[str, Any] | None = None,
    choices: dict[str, Any] | None = None,
    specialty: SpecialtyFacts | None = None,
    presented: frozenset[str] = MCO_UNITS,
    benefits: frozenset[str] = frozenset(),
    exemptions: frozenset[str] = frozenset(),
    settings: SessionSettings | None = None,
    now: datetime = NOW,
) -> dict[str, RequiredDocument]:
    session = session_2025()
    if settings is not None:
        session = replace(session, settings=settings)
    found = required_documents(
        candidate=candidate(**(facts or {})),
        registration=registration(**(choices or {})),
        specialty=specialty or mco(),
        session=session,
        now=now,
        presented_units=presented,
        benefit_units=benefits,
        exemption_units=exemptions,
    )
    return {document.code: document for document in found}


CASES = [
    pytest.param(
        N002_IVB,
        {},
        {},
        [*COMMON, "school_certificates", "internship_attestations"],
        id="cned-scolaire",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « pas encore fait le(s) stage(s) »",
        {"training": Training(year=2, internship_completed=False)},
        {},
        [*COMMON, "school_certificates", "internship_agreement", "internship_attestations"],
        id="cned-scolaire-internship-not-done",
    ),
    pytest.param(
        N002_IVB,
        {"category": Category.DISTANCE_APPRENTICE, "training": Training(year=2)},
        {},
        [
            *COMMON,
            "training_attendance_certificate",
            "apprenticeship_contract",
            "employer_apprentice_attestation",
        ],
        id="cned-apprenti",
    ),
    pytest.param(
        N002_IVB,
        {
            "category": Category.DISTANCE_CONTINUING,
            "training": Training(year=2, continuing_situation=FC.PROFESSIONALISATION_CONTRACT),
        },
        {},
        [
            *COMMON,
            "training_attendance_certificate",
            "professionalisation_contract",
            "professionalisation_work_certificate",
        ],
        id="cned-fc-contrat-de-professionnalisation",
    ),
    pytest.param(
        N002_IVB,
        {
            "category": Category.DISTANCE_CONTINUING,
            "training": Training(year=2, continuing_situation=FC.FURTHER_TRAINING),
        },
        {},
        [
            *COMMON,
            "training_attendance_certificate",
            "employment_contract",
            "internship_or_work_certificates",
        ],
        id="cned-fc-perfectionnement",
    ),
    pytest.param(
        N002_IVB,
        {
            "category": Category.DISTANCE_CONTINUING,
            "training": Training(
                year=2, continuing_situation=FC.RETRAINING, internship_completed=True
            ),
        },
        {},
        [*COMMON, "training_attendance_certificate", "internship_attestations"],
        id="cned-fc-reconversion",
    ),
    pytest.param(
        N002_IVB,
        {"category": Category.DISTANCE_CONTINUING, "training": Training(year=2)},
        {},
        [*COMMON, "training_attendance_certificate"],
        id="cned-fc-situation-unknown",
    ),
    pytest.param(
        N002_IVB,
        {"category": Category.FORMER_SCHOOL, "last_attempt": ATTEMPT},
        {},
        [*COMMON, "transcript", "internship_or_work_certificates"],
        id="ex-scolaire-internship-unit-to-present",
    ),
    pytest.param(
        N003,
        {"category": Category.FORMER_APPRENTICE, "last_attempt": ATTEMPT},
        {},
        [*COMMON, "transcript", "internship_or_work_certificates", "apprenticeship_contract"],
        id="ex-apprenti",
    ),
    pytest.param(
        N003,
        {
            "category": Category.FORMER_CONTINUING,
            "last_attempt": ATTEMPT,
            "training": Training(continuing_situation=FC.FURTHER_TRAINING),
        },
        {},
        [*COMMON, "transcript", "internship_or_work_certificates", "employment_contract"],
        id="ex-fc-perfectionnement",
    ),
    pytest.param(
        N003,
        {
            "category": Category.FORMER_CONTINUING,
            "last_attempt": ATTEMPT,
            "training": Training(continuing_situation=FC.FIRST_TRAINING),
        },
        {},
        [*COMMON, "transcript", "internship_or_work_certificates"],
        id="ex-fc-premiere-formation",
    ),
    pytest.param(
        N003,
        {"category": Category.PROFESSIONAL_EXPERIENCE, "professional_experience_months": 40},
        {},
        [*COMMON, "work_certificates"],
        id="experience-professionnelle",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §IV.B pièces selon votre catégorie",
        {
            "category": Category.PROFESSIONAL_EXPERIENCE,
            "professional_experience_months": 40,
            "self_employed": True,
        },
        {},
        [*COMMON, "self_employed_registration"],
        id="experience-professionnelle-travailleur-independant",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §IV.C autres pièces",
        {"training": Training(year=1, positioning_decision=True, internship_completed=True)},
        {},
        [*COMMON, "school_certificates", "internship_attestations", "positioning_decision"],
        id="decision-de-positionnement",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §III.A engagement étudiant",
        {},
        {"optional_units": frozenset({"UEE"})},
        [*COMMON, "school_certificates", "internship_attestations", "engagement_form"],
        id="engagement-etudiant",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §III.B.1 choix de la langue",
        {},
        {"compulsory_language": "de"},
        [*COMMON, "school_certificates", "internship_attestations", "language_training_proof"],
        id="allemand-needs-a-proof",
    ),
    pytest.param(
        "002_d2d52601aecd35af.txt §III.B.1 choix de la langue",
        {},
        {"compulsory_language": "es"},
        [*COMMON, "school_certificates", "internship_attestations"],
        id="espagnol-needs-none",
    ),
    pytest.param(
        "000_6beaf5b34ed6841b.txt « Dispositions du code du service national »",
        {"civil_status": replace(candidate().civil_status, french_national=False)},
        {},
        ["confirmation_signed", "identity", "school_certificates", "internship_attestations"],
        id="no-jdc-for-foreign-nationals",
    ),
]


@pytest.mark.parametrize(("source", "facts", "choices", "codes"), CASES)
def test_documents_by_category_and_situation(
    source: str, facts: dict[str, Any], choices: dict[str, Any], codes: list[str]
) -> None:
    assert source.startswith(CITABLE)
    assert list(documents(facts=facts, choices=choices)) == codes


def test_every_document_has_reasons_and_is_due_with_the_file() -> None:
    found = documents()
    assert all(doc.reasons and doc.due_at == paris(2024, 11, 20) for doc in found.values())
    assert not any(doc.deferred for doc in found.values())
    assert found["jdc_certificate"].reasons[0].render() == (
        "De nationalité française et âgé(e) de moins de 26 ans à la date d'inscription, vous "
        "justifiez de votre participation à la journée défense et citoyenneté."
    )


def test_internship_attestations_come_later_for_distance_learners() -> None:
    """000–002 FAQ: the agreement now, the attestations as soon as the internship ends."""
    found = documents(facts={"training": Training(year=2, internship_completed=False)})
    later = found["internship_attestations"]
    assert later.deferred
    assert later.due_at == paris(2025, 1, 17)
    assert not found["internship_agreement"].deferred


def test_a_document_required_twice_appears_once_with_both_reasons() -> None:
    """Ex-candidate transcript (002 §IV.B) and bénéfice transcript (003) are one document."""
    found = documents(
        facts={"category": Category.FORMER_SCHOOL, "last_attempt": ATTEMPT},
        presented=MCO_UNITS - {"U1", "U5"},
        benefits=frozenset({"U1", "U5"}),
    )
    transcript = found["transcript"]
    assert [reason.code for reason in transcript.reasons] == [
        "documents.former_candidate_transcript",
        "documents.benefit_transcript",
    ]
    assert transcript.reasons[1].params["units"] == "U1, U5"
    assert "internship_or_work_certificates" not in found


def test_repeating_distance_learner_with_benefits_gives_the_transcript() -> None:
    """002 §IV.B: « les candidats redoublants conservant des bénéfices » (CNED scolaires)."""
    found = documents(facts={"last_attempt": ATTEMPT}, benefits=frozenset({"U1"}))
    assert "transcript" in found


def test_dispense_proof_lists_the_units() -> None:
    found = documents(exemptions=frozenset({"U4", "U1"}))
    assert found["exemption_proof"].reasons[0].params["units"] == "U1, U4"


def test_r408_for_the_specialties_flagged_in_the_catalogue() -> None:
    """002 §III.B.1: R408 « doit être fournie avec le dossier d'inscription »."""
    found = documents(specialty=batiment(), choices={"specialty_code": "32023012"})
    r408 = found["r408_attestation"]
    assert not r408.deferred
    assert r408.reasons[0].render() == (
        "La spécialité Bâtiment exige l'attestation R408, à fournir avec le dossier d'inscription."
    )


@pytest.mark.parametrize(
    ("option", "attestations"),
    [
        pytest.param("A", ["electrical_risk_attestation", "first_aid_attestation"], id="option-a"),
        pytest.param(
            "B",
            [
                "electrical_risk_attestation",
                "first_aid_attestation",
                "refrigerant_fluids_attestation",
            ],
            id="option-b-fluides-frigorigenes",
        ),
        pytest.param(
            "C",
            ["electrical_risk_attestation", "first_aid_attestation", "work_at_height_attestation"],
            id="option-c-travaux-en-hauteur",
        ),
        pytest.param(
            None, ["electrical_risk_attestation", "first_aid_attestation"], id="option-missing"
        ),
    ],
)
def test_maintenance_des_systemes_attestations_are_due_later(
    option: str | None, attestations: list[str]
) -> None:
    """003: « A déposer avant le 17 janvier 2025 » (registration documents: 20 Nov 2024)."""
    found = documents(
        specialty=maintenance(), choices={"specialty_code": "32025014", "option_code": option}
    )
    late = [code for code, doc in found.items() if doc.deferred]
    assert late == attestations
    assert all(found[code].due_at == paris(2025, 1, 17) for code in late)


def test_without_a_later_date_the_attestations_are_due_with_the_file() -> None:
    session = replace(session_2025(), late_documents_due_at=None)
    found = required_documents(
        candidate=candidate(),
        registration=registration(specialty_code="32025014", option_code="B"),
        specialty=maintenance(),
        session=session,
        now=NOW,
        presented_units=frozenset(),
        benefit_units=frozenset(),
        exemption_units=frozenset(),
    )
    assert not any(doc.deferred for doc in found)
    message = found[-1].reasons[0].render()
    assert message.endswith("à déposer au plus tard le 20/11/2024 à 00h00.")
    assert "Maintenance des systèmes (systèmes énergétiques et fluidiques)" in message


def test_confirmation_upload_is_a_session_setting() -> None:
    """002 §II ❸ uploads the signed confirmation; a session may not require it."""
    found = documents(settings=SessionSettings(signed_confirmation_required=False))
    assert "confirmation_signed" not in found


@pytest.mark.parametrize(
    ("birth", "french", "on", "required"),
    [
        pytest.param(PartialDate(1998, 10, 21), True, date(2024, 10, 20), True, id="25-last-day"),
        pytest.param(PartialDate(1998, 10, 20), True, date(2024, 10, 20), False, id="26-today"),
        pytest.param(PartialDate(1998), True, date(2024, 10, 20), True, id="00/00/1998-maybe-25"),
        pytest.param(PartialDate(1997), True, date(2024, 10, 20), False, id="00/00/1997-26"),
        pytest.param(PartialDate(1998, 10), True, date(2024, 10, 20), True, id="00/10/1998"),
        pytest.param(PartialDate(1998, 2, 30), True, date(2024, 10, 20), True, id="invalid"),
        pytest.param(None, True, date(2024, 10, 20), True, id="unknown-birth-date"),
        pytest.param(PartialDate(2004, 1, 1), False, date(2024, 10, 20), False, id="not-french"),
    ],
)
def test_jdc_for_french_nationals_under_26_on_the_registration_date(
    birth: PartialDate | None, french: bool, on: date, required: bool
) -> None:
    """000–002 « Code du service national »: « de nationalité française âgés de moins de 26 ans »;
    an unknown day or month is read as the latest possible date: asked rather than missed."""
    facts = candidate(
        civil_status=replace(candidate().civil_status, birth_date=birth, french_national=french)
    )
    assert jdc_required(facts, on=on, age_limit=26) is required


def test_jdc_age_is_taken_on_the_first_validation_date() -> None:
    """A modification after the 26th birthday does not drop the certificate."""
    born = replace(candidate().civil_status, birth_date=PartialDate(1998, 10, 25))
    later = paris(2024, 11, 10)
    first = documents(facts={"civil_status": born}, now=later)
    kept = documents(
        facts={"civil_status": born},
        choices={"submitted_at": paris(2024, 10, 20)},
        now=later,
    )
    assert "jdc_certificate" not in first
    assert "jdc_certificate" in kept


def test_benefit_claims_do_not_decide_documents_alone() -> None:
    """Only the bénéfices the rules kept ask for the transcript."""
    claim = BenefitClaim("U1", Decimal(8), date(2024, 7, 5), "32031213")
    found = documents(choices={"benefits": (claim,)})
    assert "transcript" not in found


def test_each_line_says_what_the_notice_asks() -> None:
    """002_d2d52601aecd35af.txt §IV.B table: the 1 350 hours of the distance learners'
    attestation, the salaried technician's work certificates, three years at the RCS."""
    by_code = {d.code: d.label for d in document_types()}
    assert "1 350 heures" in by_code["training_attendance_certificate"]
    assert "emploi salarié de technicien supérieur" in by_code["work_certificates"]
    assert "depuis au moins trois ans" in by_code["self_employed_registration"]
    self_employed = documents(
        facts={"category": Category.PROFESSIONAL_EXPERIENCE, "self_employed": True}
    )["self_employed_registration"]
    assert "remplace les certificats de travail" in self_employed.reasons[0].render()
