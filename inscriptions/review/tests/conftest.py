"""Fixtures of the office's tests: validated dossiers, the office staff in and out of scope."""

from typing import Any

import pytest

from inscriptions.accounts.models import Role
from inscriptions.catalog.models import Academy, Specialty
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.documents.tests.conftest import *  # noqa: F403
from inscriptions.documents.tests.conftest import validate  # noqa: F401
from inscriptions.registration.tests.conftest import NOW  # noqa: F401

SIO = "32032010"  # services informatiques aux organisations, option SISR


@pytest.fixture
def toulouse(catalogue: Any) -> Academy:
    return Academy.objects.get(code="16")


@pytest.fixture
def staff(toulouse: Any, mco: Any) -> Any:
    """Office staff of Toulouse in charge of MCO."""
    member = UserFactory(role=Role.OFFICE_STAFF, academy=toulouse, email="bruno@example.org")
    member.specialties.set([mco])
    return member


@pytest.fixture
def other_staff(toulouse: Any) -> Any:
    """Office staff of Toulouse in charge of another specialty."""
    member = UserFactory(role=Role.OFFICE_STAFF, academy=toulouse, email="chloe@example.org")
    member.specialties.set(Specialty.objects.filter(name__startswith="services informatiques"))
    return member


@pytest.fixture
def academy_admin(toulouse: Any) -> Any:
    return UserFactory(role=Role.ACADEMY_ADMIN, academy=toulouse, email="alice@example.org")


@pytest.fixture
def foreign_admin(catalogue: Any) -> Any:
    """An administrator of another académie (Bordeaux)."""
    return UserFactory(
        role=Role.ACADEMY_ADMIN,
        academy=Academy.objects.get(name="Bordeaux"),
        email="admin.bordeaux@example.org",
    )


@pytest.fixture
def other_candidate(db: Any) -> Any:
    return UserFactory(role=Role.CANDIDATE, email="other@example.fr")


@pytest.fixture(autouse=True)
def run_on_commit(monkeypatch: Any) -> None:
    """What the services queue for after their commit (emails, counts) runs at once: the test's
    own transaction never commits."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
