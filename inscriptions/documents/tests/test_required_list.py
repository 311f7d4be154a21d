"""The pieces « Mes justificatifs » asks for, per category and situation of the notices' tables
(002 §III–IV, 003 « Pièces à déposer sur Cyclades »), read from the page of a validated dossier.
The rules have their own table-driven tests; these check that the page shows what they decide."""

import re
from datetime import timedelta

import pytest

from inscriptions.catalog.models import Specialty, Unit
from inscriptions.catalog.tests.factories import UnitFactory
from inscriptions.documents.tests.conftest import validate
from inscriptions.registration.tests.wizard import IDENTITY

pytestmark = pytest.mark.django_db

COMMON = {"confirmation_signed", "identity", "jdc_certificate"}
LAST_ATTEMPT = {"previous_year": "2026", "previous_form": "global"}
ENGLISH = {"compulsory_language": "en", "compulsory_language_followed": "yes"}

# (case, situation screen, other screens, documents beyond the common ones, source)
CATEGORIES = [
    (
        "ex-scolaire",
        {"category": "former_school", **LAST_ATTEMPT},
        {},
        {"transcript"},
        "002 §IV.B « ayant présenté l'examen à une session précédente »",
    ),
    (
        "ex-apprenti",
        {"category": "former_apprentice", **LAST_ATTEMPT},
        {},
        {"transcript", "apprenticeship_contract"},
        "003 table, colonne « apprentissage et ex-apprentis »",
    ),
    (
        "ex-formation continue, contrat de professionnalisation",
        {
            "category": "former_continuing",
            "continuing_situation": "professionalisation_contract",
            **LAST_ATTEMPT,
        },
        {},
        {"transcript", "professionalisation_contract", "professionalisation_work_certificate"},
        "002 §IV.B formation continue, 003 table « contrat de professionnalisation »",
    ),
    (
        "ex-formation continue, perfectionnement",
        {
            "category": "former_continuing",
            "continuing_situation": "further_training",
            **LAST_ATTEMPT,
        },
        {},
        {"transcript", "employment_contract"},
        "003 table « contrat de travail »",
    ),
    (
        "scolaire à distance, stages faits",
        {"category": "distance_school", "training_year": "2", "internship_completed": "yes"},
        {},
        {"school_certificates", "internship_attestations"},
        "002 §IV.B « Scolaires de l'enseignement à distance »",
    ),
    (
        "scolaire à distance, stages à venir",
        {"category": "distance_school", "training_year": "2", "internship_completed": "no"},
        {},
        {"school_certificates", "internship_agreement", "internship_attestations"},
        "000 FAQ « pas encore fait le(s) stage(s) »",
    ),
    (
        "apprenti à distance",
        {"category": "distance_apprentice", "training_year": "2"},
        {},
        {
            "training_attendance_certificate",
            "apprenticeship_contract",
            "employer_apprentice_attestation",
        },
        "002 §IV.B « Apprentis de l'enseignement à distance »",
    ),
    (
        "formation continue à distance, contrat de professionnalisation",
        {
            "category": "distance_continuing",
            "training_year": "2",
            "continuing_situation": "professionalisation_contract",
        },
        {},
        {
            "training_attendance_certificate",
            "professionalisation_contract",
            "professionalisation_work_certificate",
        },
        "002 §IV.B « en contrat de professionnalisation »",
    ),
    (
        "formation continue à distance, perfectionnement",
        {
            "category": "distance_continuing",
            "training_year": "2",
            "continuing_situation": "further_training",
        },
        {},
        {
            "training_attendance_certificate",
            "employment_contract",
            "internship_or_work_certificates",
        },
        "002 §IV.B « en situation de perfectionnement »",
    ),
    (
        "formation continue à distance, première formation",
        {
            "category": "distance_continuing",
            "training_year": "2",
            "continuing_situation": "first_training",
            "internship_completed": "yes",
        },
        {},
        {"training_attendance_certificate", "internship_attestations"},
        "002 §IV.B « en 1ère formation ou situation de reconversion »",
    ),
    (
        "expérience professionnelle",
        {"category": "professional_experience", "experience_months": "40"},
        {},
        {"work_certificates"},
        "003 table, colonne « au titre de l'expérience professionnelle »",
    ),
]


def required_codes(client, dossier):
    content = client.get(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/").content.decode()
    required = content.split("Pièces qui ne sont plus demandées")[0]
    return set(re.findall(r'id="piece-([a-z0-9_]+)-title"', required)), content


def situation_with(values, specialty):
    values = dict(values)
    if "previous_year" in values:
        values["previous_specialty"] = str(specialty.pk)
    return values


@pytest.mark.parametrize(
    ("situation", "screens", "expected", "source"),
    [pytest.param(*case[1:], id=case[0]) for case in CATEGORIES],
)
def test_documents_per_category(
    candidate, session, mco, frozen, client, situation, screens, expected, source
):
    dossier = validate(candidate, session, mco, situation=situation_with(situation, mco), **screens)
    client.force_login(candidate)

    codes, _content = required_codes(client, dossier)

    assert codes == COMMON | expected, source


@pytest.fixture
def former(mco):
    return situation_with({"category": "former_school", **LAST_ATTEMPT}, mco)


def test_no_jdc_certificate_for_a_foreign_national(candidate, session, mco, frozen, client, former):
    # 002 §IV « Code du service national »: French nationals under 26 only.
    identity = {**IDENTITY, "french_national": "no"}
    dossier = validate(candidate, session, mco, situation=former, identite=identity)
    client.force_login(candidate)

    assert "jdc_certificate" not in required_codes(client, dossier)[0]


def test_no_jdc_certificate_at_26(candidate, session, mco, frozen, client, former):
    identity = {**IDENTITY, "birth_year": "1990"}
    dossier = validate(candidate, session, mco, situation=former, identite=identity)
    client.force_login(candidate)

    assert "jdc_certificate" not in required_codes(client, dossier)[0]


def test_no_confirmation_when_the_session_does_not_ask_for_it_signed(
    candidate, session, mco, frozen, client, former
):
    session.signed_confirmation_required = False
    session.save()
    dossier = validate(candidate, session, mco, situation=former)
    client.force_login(candidate)

    assert "confirmation_signed" not in required_codes(client, dossier)[0]


def test_positioning_decision(candidate, session, mco, frozen, client, former):
    # 002 §IV.C « décision de formation aménagée ou de positionnement ».
    dossier = validate(candidate, session, mco, situation={**former, "positioning_decision": "yes"})
    client.force_login(candidate)

    codes, content = required_codes(client, dossier)
    assert "positioning_decision" in codes
    assert "Vous avez fait l&#x27;objet d&#x27;une décision de formation aménagée" in content


def test_language_other_than_english_or_spanish(candidate, session, mco, frozen, client, former):
    # 002 §III.B.1: a compulsory language other than English or Spanish needs a proof.
    german = {"compulsory_language": "de", "compulsory_language_followed": "yes"}
    dossier = validate(candidate, session, mco, situation=former, epreuves=german)
    client.force_login(candidate)

    codes, content = required_codes(client, dossier)
    assert "language_training_proof" in codes
    assert "(allemand)" in content.lower()


def test_r408_for_the_listed_specialties(candidate, session, mco, frozen, client, former):
    # 002 §III.B.1 and §IV.C: the R408 attestation, with the registration file.
    Specialty.objects.filter(pk=mco.pk).update(requires_r408=True)
    dossier = validate(candidate, session, mco, situation=former)
    client.force_login(candidate)

    codes, content = required_codes(client, dossier)
    assert "r408_attestation" in codes
    assert "exige l&#x27;attestation R408" in content


def test_maintenance_attestations_are_due_later(candidate, session, mco, frozen, client, former):
    # 003: « À déposer avant le 17 janvier 2025 », after the other pieces (20 novembre 2024).
    Specialty.objects.filter(pk=mco.pk).update(
        requires_electrical_risk=True, requires_first_aid=True
    )
    session.late_documents_due_at = session.documents_due_at + timedelta(days=40)
    session.save()
    dossier = validate(candidate, session, mco, situation=former)
    client.force_login(candidate)

    codes, content = required_codes(client, dossier)
    assert {"electrical_risk_attestation", "first_aid_attestation"} <= codes
    section = content[content.index('id="piece-first_aid_attestation"') :]
    assert "Cette pièce a une date limite plus tardive que les autres." in section[:3000]


def test_engagement_etudiant_form(candidate, session, mco, frozen, client, former):
    # 002 §III.A: the form is downloaded, filled in, then uploaded.
    UnitFactory(
        specialty=mco,
        exam_code="EF2",
        code="UF2",
        title="Engagement étudiant",
        kind="optional",
        is_engagement=True,
    )
    dossier = validate(
        candidate, session, mco, situation=former, epreuves={**ENGLISH, "optional_units": ["UF2"]}
    )
    client.force_login(candidate)

    codes, content = required_codes(client, dossier)
    assert "engagement_form" in codes
    assert "formulaire-engagement-etudiant.pdf" in content


def test_former_candidate_presenting_an_internship_unit(
    candidate, session, mco, frozen, client, former
):
    # 002 §IV.B: internship attestations or work certificates for a unit needing an internship.
    Unit.objects.filter(specialty=mco, code="U5").update(requires_internship=True)
    dossier = validate(candidate, session, mco, situation=former)
    client.force_login(candidate)

    codes, content = required_codes(client, dossier)
    assert "internship_or_work_certificates" in codes
    assert "(U5)" in content


def acquis_for(mco, code, claim):
    units = list(Unit.objects.filter(specialty=mco).exclude(kind="optional").order_by("pk"))
    index = next(i for i, unit in enumerate(units) if unit.code == code)
    return {f"u{index}_{name}": value for name, value in claim.items()}


def test_benefit_transcript(candidate, session, mco, frozen, client, former):
    # 003 table: the transcript of the last session justifies the bénéfices kept.
    acquis = acquis_for(
        mco, "U4", {"choice": "benefit", "grade": "14", "obtained_on": "01/07/2026", "keep": "yes"}
    )
    dossier = validate(candidate, session, mco, situation=former, acquis=acquis)
    client.force_login(candidate)

    codes, content = required_codes(client, dossier)
    assert "transcript" in codes
    assert "justifie les bénéfices de notes que vous conservez (U4)" in content


def test_exemption_proof(candidate, session, mco, frozen, client, former):
    # 003 table: the diploma and transcript giving the right to the dispense.
    acquis = {
        "diploma_kind": "bts",
        "diploma_level": "5",
        "diploma_title": "BTS Négociation et digitalisation de la relation client",
        **acquis_for(mco, "U1", {"choice": "exemption", "basis": "diploma"}),
    }
    dossier = validate(candidate, session, mco, situation=former, acquis=acquis)
    client.force_login(candidate)

    codes, content = required_codes(client, dossier)
    assert "exemption_proof" in codes
    assert "Vous demandez une dispense (U1)" in content
