"""What the tests of the queue's exports share: the office staff's client, the dossiers exported
(one to complete, a second one of another category, one out of the staff's scope), the CSV
header, and the CSV and XLSX files read back.

A test module takes the fixtures with ``from .export_files import *`` (they are its
``__all__``) and names the helpers it uses."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.models import Specialty
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.registration.models import Registration
from inscriptions.review import report_views, services

from .conftest import NOW, validate

__all__ = ["durand", "office", "sio_dossier", "to_complete"]

HEADER = [
    "Dossier",
    "Numéro de dossier",
    "Version",
    "État",
    "Nom",
    "Prénom",
    "Numéro de candidat",
    "Session",
    "Spécialité",
    "Option",
    "Catégorie",
    "Forme",
    "Aménagement demandé",
    "Pièces manquantes",
    "Pièces refusées",
    "Réponse attendue avant",
    "Dernière validation",
]
PARIS = ZoneInfo("Europe/Paris")
DUE = datetime(2026, 12, 4, 23, 59, tzinfo=PARIS)


@pytest.fixture
def office(client, staff):
    return verified_login(client, staff)


@pytest.fixture
def to_complete(dossier, staff, frozen):
    """Léa Martin's dossier, asked for a document until 4 December 23:59, Paris time."""
    services.dossier_request_completion(
        registration=dossier,
        actor=staff,
        documents=["identity"],
        corrections="",
        message="Copie illisible",
        due_at=DUE,
        now=NOW,
    )
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def durand(session, mco, other_candidate, frozen):
    """A second MCO dossier: professional experience, progressive form, accommodation asked,
    validated one hour after the first."""
    registration = validate(other_candidate, session, mco)
    Registration.objects.filter(pk=registration.pk).update(
        last_name="Durand",
        first_name="Paul",
        search_name="durand paul",
        category="professional_experience",
        exam_form="progressive",
        accommodation_requested=True,
        candidate_number="0123456789A",
        documents_refused=1,
        last_validated_at=NOW + timedelta(hours=1),
    )
    registration.refresh_from_db()
    return registration


@pytest.fixture
def sio_dossier(session, mco, frozen):
    """A dossier of services informatiques aux organisations (SISR), the other staff's."""
    candidate = UserFactory(email="sam.petit@example.fr")
    registration = validate(candidate, session, mco)
    Registration.objects.filter(pk=registration.pk).update(
        specialty=Specialty.objects.filter(name__startswith="services informatiques").first(),
        last_name="Petit",
        search_name="petit sam",
    )
    registration.refresh_from_db()
    return registration


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"] == report_views.XLSX_TYPE
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def _sheet_rows(workbook, index=0):
    return [list(row) for row in workbook.worksheets[index].iter_rows(values_only=True)]
