"""Who may use the candidate's registration API: another candidate gets 404 on every route, the
office staff 403, the anonymous 401 asked for a token, a logged-in candidate the session with
its CSRF token; and the responses are not cached."""

import pytest
from rest_framework.test import APIClient

from inscriptions.accounts.tests.helpers import verified_api_token
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.registration.models import State
from inscriptions.registration.tests.wizard import IDENTITY

from .registration_api import *  # noqa: F403
from .registration_api import API, start, token_client

pytestmark = pytest.mark.django_db


def test_another_candidates_dossier_is_404_on_every_route(validated, session, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    intruder = token_client(UserFactory())
    pk = validated.pk
    routes = [
        ("get", f"{API}{pk}/"),
        ("put", f"{API}{pk}/steps/identite/"),
        ("get", f"{API}{pk}/recap/"),
        ("post", f"{API}{pk}/validate/"),
        ("post", f"{API}{pk}/abandon/"),
        ("get", f"{API}{pk}/versions/"),
        ("get", f"{API}{pk}/versions/0/confirmation/"),
    ]

    for method, url in routes:
        response = getattr(intruder, method)(url, IDENTITY, format="json")
        assert response.status_code == 404, (method, url, response.status_code)

    as_pdf = intruder.get(f"{API}{pk}/versions/0/confirmation/", HTTP_ACCEPT="application/pdf")
    assert as_pdf.status_code == 404
    assert as_pdf["Content-Type"] == "application/json"
    validated.refresh_from_db()
    assert (validated.reference, validated.state) == ("1-0", State.SUBMITTED)
    assert validated.answers["identity"]["last_name"] == "Martin"
    assert "Martin" not in intruder.get(f"{API}{pk}/").content.decode()


def test_office_staff_gets_403(session, frozen):
    staff = APIClient()
    token = verified_api_token(UserFactory(office_staff=True, academy=session.academy))
    staff.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert staff.get(API).status_code == 403
    assert staff.post(API, {"session": session.pk}, format="json").status_code == 403


def test_unauthenticated_gets_401_asking_for_a_token(session, frozen):
    response = APIClient().get(API)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert APIClient().post(API, {"session": session.pk}, format="json").status_code == 401


def test_a_logged_in_candidate_uses_the_api_with_the_session_too(candidate, session, frozen):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(candidate)

    assert client.get(API).status_code == 200
    # A session needs the CSRF token to change anything, as on the pages.
    assert client.post(API, {"session": session.pk}, format="json").status_code == 403


def test_responses_are_not_cached(api, session, frozen):
    pk = start(api, session)

    response = api.get(f"{API}{pk}/")

    assert "no-store" in response["Cache-Control"]
