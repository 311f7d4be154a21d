"""The office and the candidate in a real Chromium: the queue, a dossier, a completion request
sent by the office and answered by the candidate's upload, then the dossier declared conforme;
axe-core finds no violation on any of these pages (002_d2d52601aecd35af.txt §II ④).

Time is not frozen: the browser and the live server run on the real clock, and the session is
built open around the present moment.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.registration.models import State

from .browser import validated_dossier_and_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, catalogue):
    registration, staff = validated_dossier_and_staff()
    # The other required pieces are accepted: once the identity is, the dossier may be conforme.
    accept_required_pieces(registration, staff, now=timezone.now(), skip=("identity",))
    candidate = registration.candidate
    return {"dossier": registration, "staff": staff, "candidate": candidate}


@pytest.fixture
def logged_in(browser, live_server):
    """``logged_in(client)``: a page of a new browser context with the client's session; every
    context is closed before the live server stops, so no page still talks to it."""
    contexts = []

    def open_page(client):
        context = browser.new_context(
            base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris"
        )
        contexts.append(context)
        return _with_session(context, live_server, client)

    yield open_page
    for context in contexts:
        context.close()


def _with_session(context, live_server, client):
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def previews_loaded(page):
    """Every piece's preview loaded, and its read written to the audit log, before the test goes
    on: the frames load lazily, as they scroll into view, and the test database (SQLite in
    memory, shared between the live server's threads) refuses a concurrent writer instead of
    waiting for it, as a real database does."""
    page.evaluate(
        "() => document.querySelectorAll('iframe').forEach(f => { f.loading = 'eager'; })"
    )
    page.wait_for_load_state("networkidle")


def test_office_asks_candidate_answers_office_decides(logged_in, world, axe, tmp_path):
    dossier = world["dossier"]
    office = logged_in(verified_login(Client(), world["staff"]))
    candidate_client = Client()
    candidate_client.force_login(world["candidate"])
    candidate = logged_in(candidate_client)

    # The queue, searched by name.
    office.goto("/bureau/")
    expect(office.get_by_role("heading", level=1)).to_have_text("Dossiers à traiter")
    axe(office)
    office.get_by_label("Rechercher").fill("martin")
    office.get_by_role("button", name="Filtrer").click()
    office.get_by_role("link", name=dossier.reference).click()

    # The dossier: a request for a new identity document, with a deadline.
    expect(office.get_by_role("heading", level=1)).to_contain_text(f"Dossier {dossier.reference}")
    axe(office)
    request = office.locator(
        "form", has=office.get_by_role("heading", name="Demander de compléter")
    )
    request.get_by_label("Photocopie d'une pièce d'identité").check(force=True)
    request.get_by_label("Message au candidat").fill("La copie est illisible.")
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    request.get_by_label("Date limite de réponse").fill(due)
    request.get_by_role("button", name="Envoyer la demande").click()
    expect(office.locator("#dossier-state")).to_have_text("À compléter")
    axe(office)

    # The candidate sees the request, uploads the document, answers.
    candidate.goto(f"/espace-candidat/dossiers/{dossier.pk}/")
    expect(candidate.get_by_text("La copie est illisible.").first).to_be_visible()
    axe(candidate)
    candidate.goto(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/")
    sample = tmp_path / "identite.pdf"
    sample.write_bytes(samples.pdf("Carte d'identité"))
    piece = candidate.locator("#piece-identity")
    piece.get_by_label("Fichier pour « Photocopie d'une pièce d'identité »").set_input_files(
        str(sample)
    )
    piece.get_by_role("button", name="Déposer").click()
    # The piece answers the request (002 §II ④): no second step is asked of the candidate.
    expect(
        candidate.get_by_text("votre dossier est de nouveau en attente de traitement")
    ).to_be_visible()
    candidate.goto(f"/espace-candidat/dossiers/{dossier.pk}/")
    expect(candidate.get_by_text("En attente de traitement").first).to_be_visible()
    axe(candidate)

    # The office accepts the document and declares the dossier conforme.
    office.goto(f"/bureau/dossiers/{dossier.pk}/")
    previews_loaded(office)
    expect(office.locator("#dossier-state")).to_have_text("En attente de traitement")
    piece = office.locator("#piece-identity")
    expect(piece.locator("iframe")).to_be_visible()
    piece.get_by_label("Accepter").check(force=True)
    # With the keyboard, as an office member may: the page that answers a decision scrolls to
    # its anchor, and a pointer click computed before that scroll ends can land beside the button.
    piece.get_by_role("button", name="Enregistrer la décision").focus()
    office.keyboard.press("Enter")
    expect(office.locator("#piece-identity")).to_contain_text("Acceptée")
    previews_loaded(office)
    office.get_by_role("button", name="Déclarer conforme").focus()
    office.keyboard.press("Enter")
    expect(office.locator("#dossier-state")).to_have_text("Conforme")
    axe(office)
    dossier.refresh_from_db()
    assert dossier.state == State.COMPLIANT


def test_an_error_links_to_its_field_and_keeps_what_was_typed(logged_in, world, axe):
    dossier = world["dossier"]
    office = logged_in(verified_login(Client(), world["staff"]))
    office.goto(f"/bureau/dossiers/{dossier.pk}/")
    refusal = office.locator(
        "form", has=office.get_by_role("heading", name="Déclarer le dossier non conforme")
    )
    refusal.get_by_label("Explication au candidat").fill("Texte à garder")
    refusal.get_by_role("button", name="Déclarer non conforme").click()

    summary = office.locator("#error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(office.locator("#id_noncompliant-reason_code")).to_be_focused()
    expect(office.get_by_label("Explication au candidat")).to_have_value("Texte à garder")
    axe(office)
