"""The one way every app tells people: a notification in the candidate space with its email,
an email to the office in charge, and the thread's refusals (002_d2d52601aecd35af.txt §II ④:
« une notification directement sur votre espace [...] ou le cas échéant par courriel »)."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.accounts.models import Role
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.documents.tests import samples
from inscriptions.notifications import messages, selectors, services
from inscriptions.notifications.models import Notification

from .conftest import NOW

pytestmark = pytest.mark.django_db


def test_a_candidate_notification_links_to_the_dossier_and_is_emailed(dossier, frozen):
    mail.outbox.clear()

    notification = services.notify_candidate(
        registration=dossier, kind="test", title="Titre", body="Texte", now=NOW
    )

    assert notification.user_id == dossier.candidate_id
    assert notification.link == f"/espace-candidat/dossiers/{dossier.pk}/"
    (email,) = mail.outbox
    assert email.to == ["lea.martin@example.fr"]
    assert email.subject == "Titre"
    assert "Texte" in email.body
    assert f"/espace-candidat/dossiers/{dossier.pk}/" in email.body


def test_an_app_may_link_its_notification_to_its_own_page(dossier, frozen):
    mail.outbox.clear()

    notification = services.notify_candidate(
        registration=dossier,
        kind="test",
        title="Titre",
        body="Texte",
        now=NOW,
        link="/espace-candidat/ailleurs/",
    )

    assert notification.link == "/espace-candidat/ailleurs/"
    assert "/espace-candidat/ailleurs/" in mail.outbox[0].body


def test_unread_notifications_are_counted_per_dossier_and_read_once_opened(dossier, frozen):
    for title in ("Un", "Deux", "Trois", "Quatre"):
        services.notify_candidate(registration=dossier, kind="t", title=title, body="", now=NOW)
    before = Notification.objects.filter(registration=dossier).count()

    notices = selectors.dossier_notices(dossier.candidate)

    assert notices[dossier.pk].unread == before
    assert len(notices[dossier.pk].latest) == selectors.LATEST_PER_DOSSIER
    read = services.notifications_read(user=dossier.candidate, registration=dossier, now=NOW)
    assert read == before
    assert selectors.dossier_notices(dossier.candidate) == {}
    assert selectors.unread_of_dossier(dossier) == []


def test_the_office_email_goes_to_the_staff_of_the_specialty(dossier, staff, frozen):
    mail.outbox.clear()

    services.notify_office(registration=dossier, subject="Objet", text="Le candidat écrit.")

    (email,) = mail.outbox
    assert email.to == [staff.email]
    assert "Le candidat écrit." in email.body
    assert f"/bureau/dossiers/{dossier.pk}/" in email.body


def test_without_staff_for_the_specialty_the_administrators_are_told(dossier, toulouse, frozen):
    admin = UserFactory(role=Role.ACADEMY_ADMIN, academy=toulouse, email="admin@example.fr")
    UserFactory(role=Role.ACADEMY_ADMIN, academy=toulouse, email="gone@example.fr", is_active=False)
    mail.outbox.clear()

    services.notify_office(registration=dossier, subject="Objet", text="Texte")

    assert [email.to for email in mail.outbox] == [[admin.email]]


def test_a_message_needs_a_body_and_at_most_three_attachments(dossier, frozen):
    with pytest.raises(messages.MessageRefused) as empty:
        messages.message_send(registration=dossier, author=dossier.candidate, body=" ", now=NOW)
    assert empty.value.field == "body"

    files = [SimpleUploadedFile(f"p{i}.pdf", samples.pdf()) for i in range(4)]
    with pytest.raises(messages.MessageRefused) as many:
        messages.message_send(
            registration=dossier,
            author=dossier.candidate,
            body="Bonjour",
            attachments=files,
            now=NOW,
        )
    assert many.value.field == "attachments"
    assert "3 fichiers" in many.value.message


def test_a_message_to_a_dossier_out_of_reach_is_refused_as_if_it_did_not_exist(
    dossier, other_candidate, frozen
):
    with pytest.raises(messages.MessageRefused, match="n'existe pas"):
        messages.message_send(registration=dossier, author=other_candidate, body="Hé", now=NOW)
