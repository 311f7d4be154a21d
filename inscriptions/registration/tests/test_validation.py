"""Validation: dossier numbers, versions, snapshots, deadlines, tampering, returning candidates."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.tests.factories import ExamSessionFactory, UserFactory
from inscriptions.registration import services
from inscriptions.registration.models import PriorRecord, Registration, State
from inscriptions.registration.tests.conftest import NOW, PARIS
from inscriptions.registration.tests.wizard import IDENTITY, fill, screens, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(candidate, session, frozen):
    return services.registration_start(candidate=candidate, session=session, now=NOW)


def complete(registration, mco, **overrides):
    establishment = registration.session.academy.establishments.get(code="0319999A")
    pages = screens(specialty_pk=mco.pk, establishment_pk=establishment.pk, **overrides)
    return fill(registration, pages, now=NOW)


def test_versions_keep_the_number_and_count_up(draft, candidate, mco):
    complete(draft, mco)
    first = services.registration_validate(registration=draft, actor=candidate, now=NOW)
    draft.refresh_from_db()
    complete(draft, mco, identite={**IDENTITY, "phone": "07 00 00 00 00"})

    second = services.registration_validate(registration=draft, actor=candidate, now=NOW)

    draft.refresh_from_db()
    assert (first.reference, second.reference) == ("1-0", "1-1")
    assert draft.reference == "1-1"
    # Each version keeps what was validated then: the snapshot never changes.
    assert first.answers["identity"]["phone"] == "06 12 34 56 78"
    assert second.answers["identity"]["phone"] == "07 00 00 00 00"


def test_each_validation_sends_its_confirmation_with_the_pdf(
    draft, candidate, mco, django_capture_on_commit_callbacks
):
    complete(draft, mco)

    with django_capture_on_commit_callbacks(execute=True):
        version = services.registration_validate(registration=draft, actor=candidate, now=NOW)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "1-0" in message.subject
    assert message.to == ["lea.martin@example.fr"]
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == ("confirmation-1-0.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    version.refresh_from_db()
    assert version.confirmation.name.endswith(".pdf")


def test_numbers_follow_each_other_across_candidates(session, mco, frozen):
    references = []
    for _ in range(3):
        candidate = UserFactory(role=Role.CANDIDATE)
        registration = services.registration_start(candidate=candidate, session=session, now=NOW)
        complete(registration, mco)
        version = services.registration_validate(
            registration=registration, actor=candidate, now=NOW
        )
        references.append(version.reference)
    assert references == ["1-0", "2-0", "3-0"]


def test_a_refused_validation_gives_no_number(draft, candidate, mco):
    complete(draft, mco, publication={})

    with pytest.raises(services.RegistrationRefused) as refused:
        services.registration_validate(registration=draft, actor=candidate, now=NOW)

    codes = {finding.code for finding in refused.value.findings}
    assert "consents.publish_results_press_required" in codes
    draft.refresh_from_db()
    assert draft.number is None and draft.state == State.DRAFT


def test_validation_refused_at_the_closing_second(draft, candidate, mco, session, time_machine):
    # Every notice: no registration out of time; the closing instant is already too late.
    complete(draft, mco)
    closing = session.registration_closes_at

    with pytest.raises(services.RegistrationRefused) as refused:
        services.registration_validate(registration=draft, actor=candidate, now=closing)

    assert "deadlines.registration_closed" in {f.code for f in refused.value.findings}
    version = services.registration_validate(
        registration=draft, actor=candidate, now=closing - timedelta(seconds=1)
    )
    assert version.reference == "1-0"


def test_closing_on_the_night_clocks_go_back_is_counted_in_paris_time(candidate, catalogue):
    # 25 October 2026, 02:30 happens twice in Paris: closing at 02:30 CET (01:30 UTC).
    from inscriptions.catalog.models import Academy

    closes = datetime(2026, 10, 25, 2, 30, tzinfo=PARIS).replace(fold=1)
    session = ExamSessionFactory(
        academy=Academy.objects.get(code="16"),
        exam_year=2027,
        registration_opens_at=closes - timedelta(days=30),
        registration_closes_at=closes,
    )
    with pytest.raises(services.RegistrationRefused):
        services.registration_start(candidate=candidate, session=session, now=closes)
    before = closes - timedelta(seconds=1)
    assert services.registration_start(candidate=candidate, session=session, now=before).pk


def test_modification_refused_after_closing(draft, candidate, mco, session):
    complete(draft, mco)
    services.registration_validate(registration=draft, actor=candidate, now=NOW)

    with pytest.raises(services.RegistrationRefused) as refused:
        services.registration_save_step(
            registration=draft,
            step="identity",
            values={**IDENTITY, "phone": "07"},
            next_step="situation",
            now=session.registration_closes_at,
        )
    assert "deadlines.modification_closed" in {f.code for f in refused.value.findings}


def test_one_dossier_per_candidate_and_session(candidate, session, frozen):
    first = services.registration_start(candidate=candidate, session=session, now=NOW)
    again = services.registration_start(candidate=candidate, session=session, now=NOW)
    assert first.pk == again.pk
    assert Registration.objects.count() == 1


def test_abandoning_a_draft_deletes_it_and_a_modification_restores_the_version(
    draft, candidate, mco
):
    complete(draft, mco)
    services.registration_validate(registration=draft, actor=candidate, now=NOW)
    draft.refresh_from_db()
    complete(draft, mco, identite={**IDENTITY, "phone": "07 00 00 00 00"})

    kept = services.registration_abandon(registration=draft, actor=candidate)

    assert kept is not None
    assert kept.answers["identity"]["phone"] == "06 12 34 56 78"
    other = services.registration_start(
        candidate=UserFactory(role=Role.CANDIDATE), session=draft.session, now=NOW
    )
    assert services.registration_abandon(registration=other, actor=other.candidate) is None
    assert not Registration.objects.filter(pk=other.pk).exists()


def test_returning_candidate_gets_civil_status_and_valid_grades(draft, mco):
    record = PriorRecord.objects.create(
        academy=draft.session.academy,
        exam_year=2026,
        candidate_number="1600012345",
        birth_date=date(2003, 4, 17),
        specialty=mco,
        form="global",
        civil_status={"last_name": "Bernard", "first_name_1": "Lucas"},
        address={"postal_code": "31000", "locality": "Toulouse"},
    )
    record.grades.create(unit_code="U1", grade=Decimal("12.5"), obtained_on=date(2026, 7, 4))
    record.grades.create(unit_code="U5", grade=Decimal("8"), obtained_on=date(2026, 7, 4))
    # 000 FAQ / 003: five years date to date; this one has expired by the 2027 exams.
    record.grades.create(unit_code="U6", grade=Decimal("15"), obtained_on=date(2021, 7, 4))

    found = services.registration_prefill_from_record(
        registration=draft, candidate_number="1600012345", birth_date=date(2003, 4, 17)
    )

    draft.refresh_from_db()
    assert found
    assert draft.answers["identity"]["last_name"] == "Bernard"
    assert draft.answers["identity"]["email"] == "lea.martin@example.fr"
    assert draft.answers["situation"]["previous_year"] == 2026
    assert set(draft.answers["acquis"]["units"]) == {"U1"}
    assert not services.registration_prefill_from_record(
        registration=draft, candidate_number="1600012345", birth_date=date(2003, 4, 18)
    )


def test_another_candidate_gets_404_on_every_page_of_a_dossier(client, draft):
    client.force_login(UserFactory(role=Role.CANDIDATE))
    base = f"/espace-candidat/dossiers/{draft.pk}"
    for url in [
        f"{base}/",
        f"{base}/reprendre/",
        f"{base}/etapes/identite/",
        f"{base}/recapitulatif/",
        f"{base}/abandon/",
        f"{base}/versions/0/",
        f"{base}/versions/0/confirmation.pdf",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}/recapitulatif/").status_code == 404
    assert Registration.objects.get(pk=draft.pk).number is None


def test_office_staff_cannot_use_the_candidate_space(client):
    verified_login(client, UserFactory(role=Role.OFFICE_STAFF))
    assert client.get("/espace-candidat/").status_code == 404


def test_tampering_is_refused_server_side(client, candidate, draft, mco):
    client.force_login(candidate)
    base = f"/espace-candidat/dossiers/{draft.pk}"
    # A skipped step: the recap cannot be reached before the specialty is chosen.
    assert client.get(f"{base}/recapitulatif/").status_code == 302
    complete(draft, mco)
    # A forbidden form: an ex-scolaire candidate cannot choose the progressive form (003).
    response = client.post(f"{base}/etapes/forme/", {"form": "progressive", "action": "next"})
    assert response.status_code == 422
    # A unit that is not in the specialty is refused by its rule, beside the field, and can
    # never be validated (the answer is kept, as every answer is, so nothing typed is lost).
    response = client.post(
        f"{base}/etapes/epreuves/",
        {
            "compulsory_language": "en",
            "compulsory_language_followed": "yes",
            "optional_units": ["U99"],
            "presented_units": ["U99"],
            "action": "next",
        },
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "L&#x27;unité U99 ne fait pas partie des unités obligatoires" in content
    assert client.post(f"{base}/recapitulatif/").status_code == 422
    assert draft.versions.count() == 0
    # A language the specialty does not offer is refused by the form.
    response = client.post(
        f"{base}/etapes/epreuves/", {"compulsory_language": "xx", "action": "next"}
    )
    assert response.status_code == 422
    # A step that does not exist.
    assert client.get(f"{base}/etapes/nimporte-quoi/").status_code == 404


def test_the_wizard_keeps_what_was_typed_on_an_error_screen(client, candidate, draft, mco):
    client.force_login(candidate)
    response = client.post(
        f"/espace-candidat/dossiers/{draft.pk}/etapes/identite/",
        {**IDENTITY, "postal_code": "3100", "action": "next"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert 'id="error-summary"' in page
    assert 'href="#id_postal_code"' in page
    assert 'value="Alsace' not in page  # the street is kept as typed, whole:
    assert 'value="3 rue Alsace-Lorraine"' in page
    assert 'value="3100"' in page


def test_returning_through_the_pages_resumes_at_the_saved_step(client, candidate, draft, mco):
    client.force_login(candidate)
    establishment = draft.session.academy.establishments.get(code="0319999A")
    pages = screens(specialty_pk=mco.pk, establishment_pk=establishment.pk)[:3]
    walk(client, draft.pk, pages)

    response = client.get(f"/espace-candidat/dossiers/{draft.pk}/reprendre/")

    assert response.headers["Location"].endswith("/etapes/etablissement/")


def test_the_dossier_page_lists_versions_and_leads_to_the_documents(client, draft, candidate, mco):
    complete(draft, mco)
    services.registration_validate(registration=draft, actor=candidate, now=NOW)
    client.force_login(candidate)

    page = client.get(f"/espace-candidat/dossiers/{draft.pk}/").content.decode()

    assert "1-0" in page
    assert f'href="/espace-candidat/justificatifs/dossiers/{draft.pk}/"' in page
