"""The catalogue, imported from the reference data, read by the rules engine."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from inscriptions import rules as r
from inscriptions.catalog import facts
from inscriptions.catalog.models import Academy, Specialty
from inscriptions.catalog.tests.factories import ExamSessionFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def catalogue():
    call_command("import_reference", stdout=None)


def candidate(department: str = "31", postal_code: str = "31000") -> r.CandidateFacts:
    return r.CandidateFacts(
        civil_status=r.CivilStatus(
            last_name="Martin",
            first_names=("Léa", "Marie"),
            birth_date=r.PartialDate(2004, 3, 9),
            french_national=True,
            birth_department="31",
        ),
        address=r.Address("3 rue Alsace-Lorraine", postal_code, "Toulouse", department=department),
        contact=r.Contact("lea.martin@example.fr", "06 12 34 56 78"),
        category=r.Category.FORMER_SCHOOL,
        last_attempt=r.PriorAttempt("32031213", 2026, r.ExamForm.GLOBAL),
    )


def test_every_academy_and_department_reaches_the_rules(catalogue):
    table = facts.academy_table()
    # Seeds 000-002 FAQ: Toulouse serves 09, 12, 31, 32, 46, 65, 81, 82.
    for department in ["09", "12", "31", "32", "46", "65", "81", "82"]:
        assert table.by_department[department].name == "Toulouse"
    assert table.by_department["2B"].name == "Corse"


def test_the_academy_designated_for_residents_abroad_is_the_catalogues(catalogue):
    Academy.objects.filter(code="01").update(hosts_residents_abroad=True)
    assert facts.academy_table().abroad.name == "Paris"


def test_options_share_their_common_units_and_keep_their_own(catalogue):
    # SIO: option A and option B each have their own U6.
    rows = facts.specialty_siblings(Specialty.objects.get(bcn_code="32032614"))
    specialty = facts.specialty_facts(rows)

    assert specialty.code == "32032613"
    assert [o.code for o in specialty.options] == ["32032613", "32032614"]
    common = {u.code for u in specialty.units if u.option_code is None}
    assert {"U1", "U2"} <= common
    option_b = {u.title for u in specialty.compulsory_units("32032614")}
    assert "Conception et développement d'applications (spécifique à l'option)" in option_b
    assert "Administration des systèmes et des réseaux (spécifique à l'option)" not in option_b
    assert specialty.compulsory_languages == ("en",)


def test_superseded_tables_are_not_units_to_present(catalogue):
    mco = facts.specialty_facts(
        facts.specialty_siblings(Specialty.objects.get(bcn_code="32031213"))
    )
    assert [u.code for u in mco.units].count("U2") == 1


def test_maintenance_options_carry_their_attestations(catalogue):
    rows = facts.specialty_siblings(Specialty.objects.get(bcn_code="32025015"))
    option_b = facts.specialty_facts(rows).option("32025015")
    assert r.Attestation.REFRIGERANT_FLUIDS in option_b.attestations
    assert r.Attestation.WORK_AT_HEIGHT not in option_b.attestations


def test_session_settings_and_dates_reach_the_rules(catalogue):
    session = ExamSessionFactory(
        academy=Academy.objects.get(code="16"),
        first_written_exam_at=datetime(2027, 5, 12, 0, 30, tzinfo=PARIS),
        max_optional_units=2,
    )
    session_facts = facts.session_facts(session)
    # 00:30 in Paris is still 11 May in UTC: the exam day is the Paris one.
    assert session_facts.exams_start_on == date(2027, 5, 12)
    assert session_facts.settings.max_optional_units == 2
    assert session_facts.settings.languages_without_proof == frozenset({"en", "es"})


def test_a_complete_registration_is_evaluated_from_the_catalogue(catalogue):
    now = datetime(2026, 11, 23, 10, tzinfo=PARIS)
    session = ExamSessionFactory(academy=Academy.objects.get(code="16"), now=now)
    rows = facts.specialty_siblings(Specialty.objects.get(bcn_code="32031213"))
    registration = r.RegistrationFacts(
        specialty_code=facts.specialty_code(rows),
        option_code=None,
        form=r.ExamForm.GLOBAL,
        compulsory_language="en",
        compulsory_language_followed=True,
        consents=r.Consents(publish_results_press=True, share_with_local_authorities=False),
    )

    decision = r.evaluate_registration(
        candidate=candidate(),
        registration=registration,
        specialty=facts.specialty_facts(rows),
        session=facts.session_facts(session),
        academies=facts.academy_table(),
        now=now,
    )

    assert decision.academy.name == "Toulouse"
    assert not decision.errors, [f.render() for f in decision.errors]
    assert {d.code for d in decision.documents} >= {"confirmation_signed", "identity"}


def test_a_candidate_living_elsewhere_is_told_which_academy(catalogue):
    now = datetime(2026, 11, 23, 10, tzinfo=PARIS)
    session = ExamSessionFactory(academy=Academy.objects.get(code="16"), now=now)
    rows = facts.specialty_siblings(Specialty.objects.get(bcn_code="32031213"))

    decision = r.evaluate_registration(
        candidate=candidate(department="59", postal_code="59000"),
        registration=r.RegistrationFacts(specialty_code=facts.specialty_code(rows)),
        specialty=facts.specialty_facts(rows),
        session=facts.session_facts(session),
        academies=facts.academy_table(),
        now=now,
    )

    assert "academy.not_residence_academy" in decision.codes
    finding = next(f for f in decision.errors if f.code == "academy.not_residence_academy")
    assert "Lille" in finding.render()
