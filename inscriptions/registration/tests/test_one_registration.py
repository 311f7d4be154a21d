"""One registration per session, told (000_6beaf5b34ed6841b.txt FAQ « plusieurs BTS ou plusieurs
options »: « une seule inscription doit être effectuée »), and one validation per click: the same
answers validated twice make one version and one email; the receipt is the commit's instant."""

from datetime import timedelta

import pytest
from django.core import mail

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.api.tests.registration_api import API, token_client
from inscriptions.catalog.models import Specialty
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.registration import services
from inscriptions.registration.models import Registration, RegistrationVersion
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import fill, screens

pytestmark = pytest.mark.django_db


def _validated(candidate, session, specialty):
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    fill(
        registration, screens(specialty_pk=specialty.pk, establishment_pk=establishment.pk), now=NOW
    )
    services.registration_validate(registration=registration, actor=candidate, now=NOW)
    registration.refresh_from_db()
    return registration


def test_starting_a_second_registration_says_why_and_leads_to_the_dossier(
    client, candidate, session, mco, frozen
):
    registration = _validated(candidate, session, mco)
    client.force_login(candidate)

    response = client.post(f"/espace-candidat/sessions/{session.pk}/inscription/", follow=True)

    assert response.redirect_chain[-1][0] == f"/espace-candidat/dossiers/{registration.pk}/"
    page = response.content.decode()
    assert "vous êtes déjà inscrit(e) à cette session (dossier 1-0" in page.lower()
    assert "une seule inscription est possible" in page
    # The notice is named in words, never by its file.
    assert "notice de l&#x27;académie de Toulouse, session 2019" in page
    assert "000_" not in page
    assert Registration.objects.filter(candidate=candidate).count() == 1


def test_starting_again_with_a_draft_says_to_resume_it(client, candidate, session, frozen):
    draft = services.registration_start(candidate=candidate, session=session, now=NOW)
    client.force_login(candidate)

    response = client.post(f"/espace-candidat/sessions/{session.pk}/inscription/", follow=True)

    assert response.redirect_chain[-1][0] == f"/espace-candidat/dossiers/{draft.pk}/"
    assert "Vous avez déjà commencé une inscription à cette session" in response.content.decode()


def test_the_dashboard_says_why_a_registered_session_is_not_offered_again(
    client, candidate, session, mco, frozen
):
    _validated(candidate, session, mco)
    client.force_login(candidate)

    page = client.get("/espace-candidat/").content.decode()

    assert 'id="one-registration"' in page
    assert "pour changer de spécialité ou d'option, modifiez votre inscription" in page
    assert f"/espace-candidat/sessions/{session.pk}/inscription/" not in page


def test_api_start_answers_201_then_200_with_the_same_dossier(candidate, session, frozen):
    api = token_client(candidate)

    first = api.post(API, {"session": session.pk}, format="json")
    again = api.post(API, {"session": session.pk}, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]


def test_the_same_answers_validated_twice_make_one_version_and_one_email(
    candidate, session, mco, frozen, django_capture_on_commit_callbacks
):
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    fill(registration, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=NOW)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_validate(registration=registration, actor=candidate, now=NOW)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = services.registration_validate(registration=registration, actor=candidate, now=NOW)

    assert again.pk == first.pk
    assert callbacks == []
    assert RegistrationVersion.objects.filter(registration=registration).count() == 1
    assert len(mail.outbox) == 1


def test_the_receipt_is_the_commit_instant_and_a_commit_after_closing_is_refused(
    candidate, session, mco, frozen, monkeypatch
):
    """003_d63d5c5aa126f67f.txt « Dates d'inscription »: nothing is registered after closing."""
    session.registration_closes_at = NOW + timedelta(seconds=2)
    session.save()
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    fill(registration, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=NOW)
    # The validation starts a second before closing, and its writing lasts three seconds.
    ticks = iter([NOW, NOW + timedelta(seconds=0.5), NOW + timedelta(seconds=3.5)])
    monkeypatch.setattr(services, "_clock", lambda: next(ticks))

    with pytest.raises(services.RegistrationRefused) as refused:
        services.registration_validate(registration=registration, actor=candidate, now=NOW)

    assert [f.code for f in refused.value.findings] == ["deadlines.registration_closed"]
    registration.refresh_from_db()
    assert registration.number is None
    assert not RegistrationVersion.objects.exists()


def test_the_receipt_recorded_is_when_the_validation_commits(
    candidate, session, mco, frozen, monkeypatch
):
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    fill(registration, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=NOW)
    ticks = iter([NOW, NOW + timedelta(seconds=2), NOW + timedelta(seconds=4)])
    monkeypatch.setattr(services, "_clock", lambda: next(ticks))

    version = services.registration_validate(registration=registration, actor=candidate, now=NOW)

    version.refresh_from_db()
    registration.refresh_from_db()
    assert version.validated_at == NOW + timedelta(seconds=4)
    assert registration.last_validated_at == NOW + timedelta(seconds=4)


def test_a_change_of_specialty_is_said_before_validation_shown_and_told_to_the_office(
    client, candidate, session, mco, frozen, django_capture_on_commit_callbacks
):
    admin = UserFactory(
        role=Role.ACADEMY_ADMIN, academy=session.academy, email="dec@ac-toulouse.fr"
    )
    registration = _validated(candidate, session, mco)
    other = Specialty.objects.filter(units__isnull=False).exclude(pk=mco.pk).distinct().first()
    client.force_login(candidate)
    response = client.post(
        f"/espace-candidat/dossiers/{registration.pk}/etapes/specialite/",
        {"specialty": str(other.pk), "action": "next"},
    )
    assert response.status_code == 302

    recap = client.get(f"/espace-candidat/dossiers/{registration.pk}/recapitulatif/")

    page = recap.content.decode()
    assert "Vous remplacez la spécialité" in page
    assert str(mco).replace("'", "&#x27;") in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        version = services.registration_validate(
            registration=registration, actor=candidate, now=NOW
        )
    assert version.summary["specialty_changed_from"] == str(mco)
    office_page = verified_login(client, admin).get(f"/bureau/dossiers/{registration.pk}/")
    flag = office_page.content.decode()
    assert 'id="specialty-changed"' in flag
    assert "La version 1-1 change de spécialité" in flag
    office = [m for m in mail.outbox if m.to == ["dec@ac-toulouse.fr"]]
    assert [m.subject for m in office] == ["Changement de spécialité — dossier 1-1"]
    assert str(other) in office[0].body
