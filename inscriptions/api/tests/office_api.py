"""What the exam office's API tests share: the office's fixtures (staff in and out of scope,
administrators), a client logged in as each role, the office staff's client, a document
uploaded, another candidate's dossier and a decision posted.

A test module takes the fixtures with ``from .office_api import *`` (they are its ``__all__``)
and names the helpers it uses."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.documents import services as document_services
from inscriptions.documents.tests import samples
from inscriptions.registration.tests.wizard import IDENTITY
from inscriptions.review.tests import conftest as office_fixtures

# The office's fixtures (review/tests/conftest.py): staff in and out of scope, administrators.
toulouse = office_fixtures.toulouse
staff = office_fixtures.staff
other_staff = office_fixtures.other_staff
academy_admin = office_fixtures.academy_admin
foreign_admin = office_fixtures.foreign_admin
other_candidate = office_fixtures.other_candidate
run_on_commit = office_fixtures.run_on_commit
NOW = office_fixtures.NOW
validate = office_fixtures.validate

__all__ = [
    "academy_admin",
    "foreign_admin",
    "office",
    "other_candidate",
    "other_staff",
    "run_on_commit",
    "staff",
    "toulouse",
]

API = "/api/v1/office/dossiers/"


def client_as(user):
    client = APIClient()
    if user is None:
        return client
    if user.is_office_member:
        verified_login(client, user)
    else:
        client.force_login(user)
    return client


@pytest.fixture
def office(staff):
    return client_as(staff)


def upload(dossier, code="identity", data=None):
    return document_services.document_upload(
        registration=dossier,
        code=code,
        upload=SimpleUploadedFile("piece.pdf", data or samples.pdf()),
        actor=dossier.candidate,
        now=NOW,
    )


def candidate_dossier(session, specialty, email, last_name, **overrides):
    """Another candidate's dossier, validated at NOW."""
    candidate = UserFactory(role=Role.CANDIDATE, email=email)
    identity = {**IDENTITY, "last_name": last_name, "email": email}
    return validate(candidate, session, specialty, identite=identity, **overrides)


def decide(client, dossier, **data):
    return client.post(f"{API}{dossier.pk}/decision/", data, format="json")
