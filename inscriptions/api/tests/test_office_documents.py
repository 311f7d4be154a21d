"""The exam office's review of a dossier's documents through the API (refused with a reason,
accepted after a new file), the messages with their attachments, and the history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.documents.models import DocumentStatus
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import *  # noqa: F403
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.notifications import messages as messaging
from inscriptions.notifications.models import Message
from inscriptions.registration.models import State
from inscriptions.review import services

from .office_api import *  # noqa: F403
from .office_api import API, NOW, candidate_dossier, decide, upload

pytestmark = pytest.mark.django_db


# --- Documents


def decide_document(client, dossier, code="identity", **data):
    return client.post(f"{API}{dossier.pk}/documents/{code}/decision/", data, format="json")


def test_document_refused_with_reason_then_accepted_after_a_new_file(office, dossier, frozen):
    upload(dossier)

    missing = decide_document(office, dossier, decision="refuse", comment="Illisible")
    assert (missing.status_code, missing.json()["field"]) == (400, "reason_code")

    response = decide_document(
        office, dossier, decision="refuse", reason_code="illegible", comment="Trop sombre."
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["status"]) == ("identity", DocumentStatus.REFUSED)
    assert body["office_reason_code"] == "illegible"
    assert "Trop sombre." in body["office_reason"]
    assert dossier.candidate.notifications.get().kind == "document_refused"

    upload(dossier, data=samples.pdf("Nouvelle copie"))
    accepted = decide_document(office, dossier, decision="accept")
    assert (accepted.status_code, accepted.json()["status"]) == (200, DocumentStatus.ACCEPTED)
    assert accepted.json()["can_decide"] is False


def test_document_without_a_file_or_of_a_decided_dossier_is_refused(office, dossier, staff, frozen):
    response = decide_document(office, dossier, decision="accept")
    assert response.status_code == 400
    assert response.json()["detail"] == "Aucun fichier n'a été déposé pour cette pièce."

    upload(dossier)
    accept_required_pieces(dossier, staff, now=NOW)
    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)

    response = decide_document(office, dossier, decision="accept")
    assert response.status_code == 409
    assert response.json()["detail"] == "Les pièces d'un dossier décidé ne se modifient plus."


# --- Messages and history


def test_office_writes_with_an_attachment_and_reads_the_thread(office, dossier, frozen):
    messaging.message_send(
        registration=dossier, author=dossier.candidate, body="Une question.", now=NOW
    )
    response = office.post(
        f"{API}{dossier.pk}/messages/",
        {
            "body": "Voici le formulaire.",
            "attachments": [
                SimpleUploadedFile("formulaire.pdf", samples.pdf(), "application/pdf"),
                SimpleUploadedFile("plan.png", samples.png(), "image/png"),
            ],
        },
        format="multipart",
    )

    assert response.status_code == 201
    sent = response.json()
    assert sent["from_office"] is True
    assert [a["original_name"] for a in sent["attachments"]] == ["formulaire.pdf", "plan.png"]
    assert dossier.candidate.notifications.get().kind == "message"
    download = office.get(sent["attachments"][0]["download_url"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")

    thread = office.get(f"{API}{dossier.pk}/messages/").json()

    assert [message["body"] for message in thread] == ["Une question.", "Voici le formulaire."]
    assert Message.objects.get(from_office=False).read_at is not None


def test_message_refusals_name_their_field(office, dossier, frozen):
    empty = office.post(f"{API}{dossier.pk}/messages/", {"body": " "}, format="json")
    assert empty.status_code == 400

    response = office.post(
        f"{API}{dossier.pk}/messages/",
        {"body": "Voici.", "attachments": [SimpleUploadedFile("note.pdf", b"pas un PDF")]},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "attachments"
    assert response.json()["detail"].startswith("note.pdf : ")
    assert not Message.objects.exists()


def test_attachment_of_another_dossier_is_not_found(office, dossier, session, mco, frozen):
    other = candidate_dossier(session, mco, "paul.durand@example.fr", "Durand")
    sent = messaging.message_send(
        registration=other,
        author=other.candidate,
        body="Pièce jointe.",
        attachments=[SimpleUploadedFile("piece.pdf", samples.pdf())],
        now=NOW,
    )
    attachment = sent.attachments.get()

    assert office.get(f"{API}{dossier.pk}/messages/attachments/{attachment.pk}/").status_code == (
        404
    )
    assert office.get(f"{API}{other.pk}/messages/attachments/{attachment.pk}/").status_code == 200


def test_history_lists_the_audit_entries_newest_first(office, dossier, staff, frozen):
    accept_required_pieces(dossier, staff, now=NOW)
    decide(office, dossier, action="compliant")

    entries = office.get(f"{API}{dossier.pk}/history/").json()

    # Reading the history is itself in the log: the reads come first.
    assert entries[0]["action"] == "dossier.view"
    assert entries[0]["action_label"] == "Dossier consulté par le bureau"
    first = next(entry for entry in entries if entry["action"] != "dossier.view")
    assert (first["action"], first["action_label"]) == (
        "dossier.declare_compliant",
        "Déclaré conforme",
    )
    assert first["actor"] == staff.get_full_name()
    assert first["version"] == dossier.version
    assert first["details"]["to_state"] == State.COMPLIANT
    assert entries[-1]["action"] == "registration.start"
