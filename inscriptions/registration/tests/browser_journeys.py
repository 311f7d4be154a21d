"""What the registration wizard's browser tests share (seed 004): the session open now with the
demo's establishments, the candidate logged in, the ``Wizard`` on their page, and the steps
several journeys take: starting from the dashboard, a saved draft, a previous session's record,
the « Acquis » screen's unit and the public verification of a confirmation.

A test module takes the fixtures with ``from .browser_journeys import *`` (they are its
``__all__``) and names the helpers it uses."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from inscriptions.accounts.models import Role
from inscriptions.catalog.models import Academy, Establishment, Specialty
from inscriptions.catalog.tests.factories import ExamSessionFactory, UserFactory
from inscriptions.registration.models import (
    PriorRecord,
    Registration,
    RegistrationVersion,
)
from inscriptions.registration.tests.browser_wizard import Wizard, log_in
from inscriptions.registration.tests.wizard import screens, walk

__all__ = ["candidate", "media_root", "open_session", "wizard"]

MCO = "management commercial opérationnel"
INDIVIDUAL = "Candidats individuels — Toulouse (établissement fictif)"
DISTANCE = "Enseignement à distance — CNED (établissement fictif)"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def open_session(catalogue):
    """This year's Toulouse session, open now, with the demo's establishments."""
    toulouse = Academy.objects.get(code="16")
    for code, name, kind in [
        ("0319999A", INDIVIDUAL, "fictitious"),
        ("0869999C", DISTANCE, "distance"),
    ]:
        Establishment.objects.create(academy=toulouse, code=code, name=name, kind=kind)
    return ExamSessionFactory(academy=toulouse, now=timezone.now())


@pytest.fixture
def candidate(transactional_db):
    return UserFactory(role=Role.CANDIDATE, email="lea.martin@example.fr")


@pytest.fixture
def wizard(page, axe, live_server, candidate, open_session):
    log_in(page, live_server, candidate)
    page.set_default_timeout(10_000)
    return Wizard(page, axe)


def start_from_dashboard(wizard):
    page = wizard.page
    page.goto("/espace-candidat/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace candidat")
    wizard.axe(page)
    wizard.go(page.get_by_role("button", name=re.compile("^M'inscrire à la session")))
    wizard.screen("Début de l'inscription")


def prior_record(session):
    """The demo's returning candidate, from the académie's previous session (core/demo.py)."""
    year = session.exam_year - 1
    record = PriorRecord.objects.create(
        academy=session.academy,
        exam_year=year,
        candidate_number="1600012345",
        birth_date=date(2003, 4, 17),
        specialty=Specialty.objects.get(bcn_code="32031213"),
        form="global",
        civil_status={
            "last_name": "Bernard",
            "first_name_1": "Lucas",
            "first_name_2": "Pierre",
            "birth_day": "17",
            "birth_month": "04",
            "birth_year": "2003",
            "french_national": "yes",
            "born_abroad": "no",
            "birth_department": "31",
            "birth_municipality": "Toulouse",
        },
        address={
            "abroad": "no",
            "street": "12 allée Jean Jaurès",
            "postal_code": "31000",
            "locality": "Toulouse",
            "department": "31",
        },
    )
    for unit_code, grade in [("U1", "12.5"), ("U4", "14"), ("U5", "8"), ("U6", "11")]:
        record.grades.create(
            unit_code=unit_code, grade=Decimal(grade), obtained_on=date(year, 7, 4)
        )
    return record


def kept_unit(page, unit_code):
    """The fieldset of one unit on the « Acquis » screen."""
    return page.locator("fieldset[id^=unit-]").filter(
        has=page.locator("legend", has_text=re.compile(rf"^\s*{unit_code} — "))
    )


def public_verification(browser, live_server, axe, *, version):
    """The public check of a confirmation, by anybody, without logging in: its verdict."""
    token = RegistrationVersion.objects.get(version=version).verification_token
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    try:
        visitor = context.new_page()
        visitor.goto(f"/espace-candidat/verification/{token}/")
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            "Vérification d'une confirmation d'inscription"
        )
        axe(visitor)
        return {
            "title": visitor.locator(".fr-alert__title").inner_text(),
            "initials": visitor.locator("dd").nth(1).inner_text(),
        }
    finally:
        context.close()


def saved_draft(candidate, session, *, until=None, **answers):
    """A dossier saved through the screens before ``until`` with Django's test client (all of
    them, and validated, when ``until`` is None): the state a browser test starts from."""
    client = Client()
    client.force_login(candidate)
    client.post(f"/espace-candidat/sessions/{session.pk}/inscription/")
    registration = Registration.objects.get(candidate=candidate, session=session)
    pages = screens(
        specialty_pk=Specialty.objects.get(bcn_code="32031213").pk,
        establishment_pk=session.academy.establishments.get(code="0319999A").pk,
        **answers,
    )
    names = [name for name, _values in pages]
    walk(client, registration.pk, pages[: names.index(until)] if until else pages)
    if until is None:
        validated = client.post(f"/espace-candidat/dossiers/{registration.pk}/recapitulatif/")
        assert validated.status_code == 302
    return registration
