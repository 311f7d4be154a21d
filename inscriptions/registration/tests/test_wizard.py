"""The registration wizard through the candidate's pages (seed 004, screen by screen)."""

import pytest

from inscriptions.registration.models import Registration, State
from inscriptions.registration.tests.wizard import screens, walk

pytestmark = pytest.mark.django_db


def start(client, candidate, session):
    client.force_login(candidate)
    response = client.post(f"/espace-candidat/sessions/{session.pk}/inscription/")
    assert response.status_code == 302
    return Registration.objects.get(candidate=candidate, session=session)


def test_first_registration_in_global_form_gets_number_and_version_zero(
    client, candidate, session, mco, frozen
):
    registration = start(client, candidate, session)
    establishment = session.academy.establishments.get(code="0319999A")

    response = walk(
        client,
        registration.pk,
        screens(specialty_pk=mco.pk, establishment_pk=establishment.pk),
    )
    assert response.headers["Location"].endswith("/recapitulatif/")
    recap = client.get(response.headers["Location"])
    assert recap.status_code == 200, recap.content.decode()[:3000]

    validated = client.post(response.headers["Location"])

    assert validated.status_code == 302, validated.content.decode()[:3000]
    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED
    assert registration.reference == "1-0"
