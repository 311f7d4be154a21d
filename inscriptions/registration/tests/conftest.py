from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from inscriptions.accounts.models import Role
from inscriptions.catalog.models import Academy, Establishment, Specialty
from inscriptions.catalog.tests.factories import ExamSessionFactory, UserFactory

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)


@pytest.fixture
def catalogue(db):
    call_command("import_reference", stdout=None)


@pytest.fixture
def session(catalogue):
    toulouse = Academy.objects.get(code="16")
    Establishment.objects.create(
        academy=toulouse,
        code="0319999A",
        name="Candidats individuels — Toulouse",
        kind="fictitious",
    )
    return ExamSessionFactory(academy=toulouse, now=NOW, exam_year=2027)


@pytest.fixture
def candidate(db):
    return UserFactory(role=Role.CANDIDATE, email="lea.martin@example.fr")


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def mco():
    return Specialty.objects.get(bcn_code="32031213")
