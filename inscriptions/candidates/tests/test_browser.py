"""The candidate's dossier page in a real Chromium: the office's request, a refused answer whose
error summary takes the focus and leads to the request, a message with a refused then an accepted
attachment, the withdrawal after its confirmation page, the dashboard's notifications; axe-core
finds no violation on any of them (002_d2d52601aecd35af.txt §II ④).

Time is not frozen: the browser and the live server run on the real clock.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from inscriptions.documents.tests import samples
from inscriptions.registration.models import State
from inscriptions.review import services
from inscriptions.review.tests.browser import validated_dossier_and_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def dossier(transactional_db, catalogue):
    now = timezone.now()
    registration, staff = validated_dossier_and_staff()
    services.dossier_request_completion(
        registration=registration,
        actor=staff,
        documents=["identity"],
        corrections="Précisez votre adresse.",
        message="La copie est illisible.",
        due_at=now + timedelta(days=10),
        now=now,
    )
    return registration


@pytest.fixture
def candidate(browser, live_server, dossier):
    client = Client()
    client.force_login(dossier.candidate)
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris"
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    yield page
    context.close()


def test_refused_answer_and_message_lead_to_what_to_fix(candidate, dossier, axe, tmp_path):
    page = candidate
    page.goto("/espace-candidat/")
    expect(page.get_by_text("1 notification non lue")).to_be_visible()
    axe(page)

    page.goto(f"/espace-candidat/dossiers/{dossier.pk}/")
    request = page.locator("#demande")
    expect(request).to_contain_text("Précisez votre adresse.")
    expect(request.get_by_role("link", name="Photocopie d'une pièce d'identité")).to_have_attribute(
        "href", f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/#piece-identity"
    )
    axe(page)

    # Answered before the document is uploaded: the summary takes the focus and leads back.
    page.get_by_label("Votre réponse au bureau des examens").fill("Adresse ajoutée.")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(page.locator("#demande")).to_be_focused()
    expect(page.get_by_label("Votre réponse au bureau des examens")).to_have_value(
        "Adresse ajoutée."
    )
    axe(page)

    # A message whose attachment is not a PDF nor an image: refused beside its field.
    text_file = tmp_path / "notes.txt"
    text_file.write_text("pas un PDF")
    page.get_by_label("Votre message").fill("Voici ma pièce.")
    page.get_by_label("Pièces jointes (facultatif)").set_input_files(str(text_file))
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.locator("#error-summary")).to_be_focused()
    page.locator("#error-summary").get_by_role("link").first.click()
    expect(page.locator("#id_message-attachments")).to_be_focused()
    expect(page.get_by_label("Votre message")).to_have_value("Voici ma pièce.")
    axe(page)

    pdf_file = tmp_path / "piece.pdf"
    pdf_file.write_bytes(samples.pdf("Pièce"))
    page.get_by_label("Pièces jointes (facultatif)").set_input_files(str(pdf_file))
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_text("Votre message a été envoyé au bureau des examens.")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("piece.pdf")
    axe(page)


def test_withdrawal_through_its_confirmation_page(candidate, dossier, axe):
    page = candidate
    page.goto(f"/espace-candidat/dossiers/{dossier.pk}/")
    page.get_by_role("link", name="Je ne souhaite plus présenter les épreuves").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vous ne souhaitez plus présenter les épreuves ?"
    )
    axe(page)

    page.get_by_role("button", name="Je confirme mon désistement").click()

    expect(page.locator("#dossier-state")).to_have_text("Désisté")
    expect(page.get_by_text("Votre désistement est enregistré").first).to_be_visible()
    axe(page)
    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWN
