"""What the tests of the candidate's registration through the JSON API share: a client with a
candidate's token, the steps started, put and walked through, the seed's screens for a session,
and the fixtures of the candidate's client and of a dossier validated through the API.

A test module takes the fixtures with ``from .registration_api import *`` (they are its
``__all__``) and names the helpers it uses."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from inscriptions.registration.models import Registration
from inscriptions.registration.tests.wizard import screens

__all__ = ["api", "validated"]

API = "/api/v1/registrations/"


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def start(client, session) -> int:
    response = client.post(API, {"session": session.pk}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def put_step(client, pk, name, data):
    return client.put(f"{API}{pk}/steps/{name}/", data, format="json")


def walk(client, pk, pages):
    for name, data in pages:
        response = put_step(client, pk, name, data)
        assert response.status_code == 200, (name, response.json())
    return response


def pages(session, specialty, **overrides):
    establishment = session.academy.establishments.get(code="0319999A")
    return screens(specialty_pk=specialty.pk, establishment_pk=establishment.pk, **overrides)


@pytest.fixture
def api(candidate):
    return token_client(candidate)


@pytest.fixture
def validated(api, session, mco, frozen):
    """A dossier walked and validated through the API: 1-0."""
    pk = start(api, session)
    walk(api, pk, pages(session, mco))
    assert api.post(f"{API}{pk}/validate/").status_code == 201
    return Registration.objects.get(pk=pk)
