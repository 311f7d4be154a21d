"""What the candidate does on their dossier page besides answering a request: only the owner
reaches its routes, messages both ways with their attachments and refusals, the withdrawal after
its confirmation page, the notifications counted and read once seen
(002_d2d52601aecd35af.txt §II ④)."""

import html

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.documents.tests import samples
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.notifications import messages as messaging
from inscriptions.notifications.models import Message, Notification
from inscriptions.registration.models import State
from inscriptions.review import services

from .conftest import NOW
from .dossier_pages import _page, _request, _state, _url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("post", ""),
        ("get", "reponse/"),
        ("post", "reponse/"),
        ("get", "messages/"),
        ("post", "messages/"),
        ("get", "desistement/"),
        ("post", "desistement/"),
    ],
)
def test_another_candidate_gets_404_on_every_route(
    client, dossier, staff, other_candidate, frozen, method, suffix
):
    _request(dossier, staff)
    client.force_login(other_candidate)

    response = getattr(client, method)(_url(dossier, suffix), {"answer-answer": "x"})

    assert response.status_code == 404
    assert _state(dossier) == State.TO_COMPLETE
    assert not Message.objects.exists()


def test_the_owner_gets_405_for_a_wrong_method(candidate_client, dossier, frozen):
    assert candidate_client.get(_url(dossier, "reponse/")).status_code == 405
    assert candidate_client.get(_url(dossier, "messages/")).status_code == 405
    assert candidate_client.post(_url(dossier)).status_code == 405


def test_messages_both_ways_with_attachments(candidate_client, dossier, staff, frozen):
    office_message = messaging.message_send(
        registration=dossier,
        author=staff,
        body="Merci d'envoyer votre attestation.",
        attachments=[SimpleUploadedFile("modele.pdf", samples.pdf("Modèle"))],
        now=NOW,
    )
    attachment = office_message.attachments.get()

    content = _page(candidate_client, dossier)
    thread = content[content.index('id="messages"') : content.index('id="historique"')]
    assert "Bureau des examens — 23 novembre 2026 10:00" in thread
    assert "Nouveau" in thread
    assert f'href="/bureau/pieces-jointes/{attachment.pk}/"' in thread
    office_message.refresh_from_db()
    assert office_message.read_at == NOW
    # Read now: no longer new.
    assert "Nouveau</span>" not in _page(candidate_client, dossier)
    download = candidate_client.get(f"/bureau/pieces-jointes/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    mail.outbox.clear()
    response = candidate_client.post(
        _url(dossier, "messages/"),
        {
            "message-body": "Voici mon attestation.",
            "message-attachments": [SimpleUploadedFile("attestation.png", samples.png())],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == _url(dossier) + "#messages"
    answer = Message.objects.get(from_office=False)
    assert (answer.author, answer.body) == (dossier.candidate, "Voici mon attestation.")
    assert [(a.original_name, a.content_type) for a in answer.attachments.all()] == [
        ("attestation.png", "image/png")
    ]
    assert [email.to for email in mail.outbox] == [[staff.email]]
    assert "Voici mon attestation." in mail.outbox[0].body
    thread = _page(candidate_client, dossier)
    assert "Vous — 23 novembre 2026 10:00" in thread
    assert "attestation.png" in thread


def test_an_attachment_that_is_not_a_pdf_or_an_image_is_refused_with_the_message_kept(
    candidate_client, dossier, frozen
):
    response = candidate_client.post(
        _url(dossier, "messages/"),
        {
            "message-body": "Mon relevé en pièce jointe.",
            "message-attachments": [SimpleUploadedFile("releve.docx", b"PK\x03\x04 pas un PDF")],
        },
    )

    assert response.status_code == 422
    content = html.unescape(response.content.decode())
    assert '<a href="#id_message-attachments">releve.docx : Ce fichier n\'est ni un PDF' in content
    assert "Mon relevé en pièce jointe.</textarea>" in content
    assert not Message.objects.exists()


def test_an_empty_message_is_refused_beside_its_field(candidate_client, dossier, frozen):
    response = candidate_client.post(_url(dossier, "messages/"), {"message-body": ""})

    assert response.status_code == 422
    assert 'href="#id_message-body"' in response.content.decode()


def test_withdrawal_after_its_confirmation_page(candidate_client, dossier, staff, frozen):
    page = html.unescape(candidate_client.get(_url(dossier, "desistement/")).content.decode())
    assert "Ce choix est définitif" in page
    assert "votre inscription à la session 2027 est annulée" in page
    assert f'href="{_url(dossier)}"' in page
    assert _state(dossier) == State.SUBMITTED

    response = candidate_client.post(_url(dossier, "desistement/"), follow=True)

    assert response.redirect_chain == [(_url(dossier), 302)]
    assert _state(dossier) == State.WITHDRAWN
    content = html.unescape(response.content.decode())
    assert "Votre désistement est enregistré" in content
    assert "Vous avez indiqué ne plus souhaiter présenter les épreuves" in content
    assert f'href="{_url(dossier, "desistement/")}"' not in content
    assert 'action="' + _url(dossier, "messages/") not in content
    assert dossier.state_changes.get().move == "withdraw"
    assert any(staff.email in email.to for email in mail.outbox)
    (confirmation,) = [e for e in mail.outbox if e.subject == "Votre désistement est enregistré"]
    assert confirmation.to == [dossier.candidate.email]
    assert "ne recevrez pas de convocation" in confirmation.body

    again = candidate_client.post(_url(dossier, "desistement/"), follow=True)
    assert "ne permet pas de désistement" in html.unescape(again.content.decode())


def test_notifications_counted_on_the_dashboard_and_read_once_seen(
    candidate_client, dossier, staff, frozen
):
    accept_required_pieces(dossier, staff, now=NOW)
    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)
    messaging.message_send(registration=dossier, author=staff, body="Bienvenue.", now=NOW)

    dashboard = html.unescape(candidate_client.get("/espace-candidat/").content.decode())
    assert "2 notifications non lues" in dashboard
    assert "Votre dossier d'inscription est conforme" in dashboard
    assert "Nouveau message du bureau des examens" in dashboard

    content = _page(candidate_client, dossier)
    notices = content[content.index('id="notifications"') : content.index('id="etat"')]
    assert "2 nouveautés sur votre dossier" in notices
    assert "Votre dossier d'inscription est conforme" in notices
    assert not Notification.objects.filter(read_at__isnull=True).exists()

    assert 'id="notifications"' not in _page(candidate_client, dossier)
    dashboard = html.unescape(candidate_client.get("/espace-candidat/").content.decode())
    assert "non lue" not in dashboard


def test_only_the_dossier_own_notifications_are_read(candidate_client, dossier, staff, frozen):
    accept_required_pieces(dossier, staff, now=NOW)
    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)
    elsewhere = Notification.objects.create(
        user=dossier.candidate, kind="other", title="Autre", created_at=NOW
    )

    _page(candidate_client, dossier)

    elsewhere.refresh_from_db()
    assert elsewhere.read_at is None
