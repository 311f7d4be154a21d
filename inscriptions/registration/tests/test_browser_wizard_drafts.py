"""A draft and a validated dossier taken up again in a real Chromium, with axe-core on every page
the candidate sees: the draft resumed at its saved step from the dashboard, the abandon asked
for confirmation, and the modification that creates version 1 with the change listed and the
first confirmation replaced.

Time is not frozen: the browser and the live server run on the real clock, and the session is
built open around the present moment.
"""

import re

import pytest
from playwright.sync_api import expect

from inscriptions.registration.models import Registration
from inscriptions.registration.tests.browser_wizard import (
    choose,
    field,
)

from .browser_journeys import *  # noqa: F403
from .browser_journeys import (
    public_verification,
    saved_draft,
    start_from_dashboard,
)

pytestmark = pytest.mark.browser


def test_draft_resumes_at_the_saved_step_from_the_dashboard(wizard):
    page = wizard.page
    start_from_dashboard(wizard)
    wizard.start_new()
    wizard.identity()
    wizard.suite(then="Situation du candidat")
    choose(page, "Catégorie de candidat", "Enseignement à distance – scolaire")
    field(page, "Année de formation").select_option(label="Deuxième année")
    choose(page, "Avez-vous effectué vos stages ?", "Oui")
    wizard.suite(then="Établissement")

    # The candidate leaves; later, the dashboard offers to go on where they stopped.
    page.goto("/espace-candidat/")
    card = page.locator(".fr-card", has_text="Session")
    expect(card).to_contain_text("Brouillon")
    wizard.axe(page)
    wizard.go(card.get_by_role("link", name="Reprendre mon inscription"))
    wizard.screen("Établissement")
    wizard.retour(then="Situation du candidat")
    expect(page.get_by_role("radio", name="Enseignement à distance – scolaire")).to_be_checked()
    expect(field(page, "Année de formation")).to_have_value("2")


def test_abandon_asks_for_confirmation_before_dropping_the_draft(wizard):
    page = wizard.page
    start_from_dashboard(wizard)
    wizard.start_new()
    wizard.identity()
    wizard.suite(then="Situation du candidat")

    wizard.go(page.get_by_role("button", name="Abandon", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Abandonner votre inscription en cours ?"
    )
    wizard.axe(page)
    wizard.go(page.get_by_role("link", name="Non, continuer mon inscription"))
    wizard.screen("Situation du candidat")
    assert Registration.objects.count() == 1

    wizard.go(page.get_by_role("button", name="Abandon", exact=True))
    wizard.go(page.get_by_role("button", name="Oui, abandonner"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace candidat")
    expect(page.get_by_text("Votre inscription en cours a été abandonnée.")).to_be_visible()
    expect(page.get_by_text("Vous n'avez encore aucune inscription.")).to_be_visible()
    wizard.axe(page)
    assert Registration.objects.count() == 0


def test_modification_creates_version_1_with_the_change_listed(
    wizard, candidate, open_session, browser, live_server
):
    saved_draft(candidate, open_session)
    page = wizard.page
    page.goto("/espace-candidat/")
    wizard.go(page.get_by_role("link", name="Consulter mon dossier"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon dossier 1-0")
    wizard.axe(page)

    wizard.go(page.get_by_role("link", name="Modifier mon inscription"))
    wizard.screen("État civil et coordonnées")
    expect(field(page, "Téléphone")).to_have_value("06 12 34 56 78")
    field(page, "Téléphone").fill("07 11 22 33 44")
    for title in [
        "Situation du candidat",
        "Établissement",
        "Spécialité",
        "Forme de passage",
        "Publication des résultats",
    ]:
        wizard.suite(then=title)
    choose(page, "J'accepte la communication de mes résultats", "Oui")
    wizard.suite(then="Acquis : bénéfices et dispenses")
    wizard.suite(then="Épreuves et langues")
    wizard.to_recap()
    wizard.validate("1-1")

    wizard.go(page.get_by_role("link", name="Voir mon dossier"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon dossier 1-1")
    changes = page.get_by_role("table", name="Changements entre 1-0 et 1-1")
    phone = changes.get_by_role("row", name=re.compile("Téléphone"))
    expect(phone).to_contain_text("06 12 34 56 78")
    expect(phone).to_contain_text("07 11 22 33 44")
    consent = changes.get_by_role("row", name=re.compile("Collectivités territoriales"))
    expect(consent).to_have_text(re.compile(r"non\s*oui\s*$"))
    expect(changes.locator("tbody tr")).to_have_count(2)
    wizard.axe(page)
    verdict = public_verification(browser, live_server, wizard.axe, version=0)
    assert verdict["title"] == "Document authentique mais remplacé"
