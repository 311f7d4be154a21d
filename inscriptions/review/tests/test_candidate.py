"""The candidate's side of the office's work, through the pages of the candidate space: the state
and its reason, the office's request answered (documents uploaded, then the answer), messages
both ways, the withdrawal, the notifications read once seen, and the emails
(002_d2d52601aecd35af.txt §II ④)."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.documents.tests import samples
from inscriptions.registration import services as registration_services
from inscriptions.registration.models import State
from inscriptions.review import messaging, services
from inscriptions.review.models import Message, Notification

from .conftest import NOW

pytestmark = pytest.mark.django_db

IDENTITY = "Photocopie d'une pièce d'identité"


def _url(dossier, suffix=""):
    return f"/espace-candidat/dossiers/{dossier.pk}/{suffix}"


def _page(client, dossier):
    response = client.get(_url(dossier))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _request(dossier, staff, **overrides):
    values = {
        "registration": dossier,
        "actor": staff,
        "documents": ["identity"],
        "corrections": "",
        "message": "La copie envoyée est illisible.",
        "due_at": NOW + timedelta(days=10),
        "now": NOW,
    }
    values.update(overrides)
    return services.dossier_request_completion(**values)


def _state(dossier):
    dossier.refresh_from_db()
    return dossier.state


def test_submitted_dossier_page_says_what_the_state_means(candidate_client, dossier, frozen):
    content = _page(candidate_client, dossier)

    assert '<span class="fr-badge fr-badge--no-icon fr-badge--info" id="dossier-state">' in content
    assert "En attente de traitement" in content
    assert "Le bureau des examens va vérifier votre dossier" in content
    assert "Aucun changement d'état depuis la validation" in content
    assert 'id="demande"' not in content
    assert f'href="{_url(dossier, "desistement/")}"' in content


def test_non_compliant_dossier_shows_the_office_reason_and_the_history(
    candidate_client, dossier, staff, frozen
):
    services.dossier_declare_non_compliant(
        registration=dossier,
        actor=staff,
        reason_code="not_eligible",
        comment="Le diplôme requis n'est pas justifié.",
        now=NOW,
    )

    content = _page(candidate_client, dossier)

    decision = content[content.index('id="decision"') : content.index('id="actions"')]
    assert "Motif : Conditions d'inscription non remplies" in re.sub(r"<[^>]+>", "", decision)
    assert "Le diplôme requis n'est pas justifié." in decision
    history = content[content.index('id="historique"') :]
    assert "Dossier déclaré non conforme" in history
    assert "le bureau des examens" in history
    # The staff member's own name is not the candidate's business.
    assert staff.email not in content
    assert "n'est plus modifiable" in content


def test_the_office_request_answered_through_the_pages(candidate_client, dossier, staff, frozen):
    _request(dossier, staff, corrections="Précisez votre adresse.")
    documents_url = f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/"

    content = _page(candidate_client, dossier)
    panel = content[content.index('id="demande"') : content.index('id="actions"')]
    assert "Le bureau des examens vous demande de compléter votre dossier" in panel
    # The deadline in Paris time (NOW + 10 days, 10:00 in Paris).
    assert "Répondez avant le 3 décembre 2026 10:00 (heure de Paris)." in panel
    assert "La copie envoyée est illisible." in panel
    assert f'href="{documents_url}#piece-identity"' in panel
    assert "Précisez votre adresse." in panel
    assert f'href="{_url(dossier, "reprendre/")}"' in panel
    assert f"Déposer : {IDENTITY}" in panel
    assert "Corriger votre inscription et la valider" in panel
    assert f'action="{_url(dossier, "reponse/")}"' in panel

    # Answered too early: refused, the reason in the error summary, the text kept.
    refused = candidate_client.post(_url(dossier, "reponse/"), {"answer-answer": "Adresse ajoutée"})
    assert refused.status_code == 422
    content = html.unescape(refused.content.decode())
    assert "<title>Erreur" in content
    assert f'<a href="#demande">Déposez d\'abord : {IDENTITY}.</a>' in content
    assert "Adresse ajoutée</textarea>" in content
    assert _state(dossier) == State.TO_COMPLETE

    # The document asked for, uploaded through « Mes justificatifs ».
    upload = candidate_client.post(
        f"{documents_url}pieces/identity/",
        {"file": SimpleUploadedFile("identite.pdf", samples.pdf())},
    )
    assert upload.status_code == 302
    content = _page(candidate_client, dossier)
    panel = content[content.index('id="demande"') : content.index('id="actions"')]
    assert "Déposée" in panel
    assert f"Déposer : {IDENTITY}" not in panel

    response = candidate_client.post(
        _url(dossier, "reponse/"), {"answer-answer": "Adresse ajoutée"}, follow=True
    )

    assert response.redirect_chain == [(_url(dossier), 302)]
    assert _state(dossier) == State.SUBMITTED
    request = dossier.completion_requests.get()
    assert (request.status, request.answer) == ("answered", "Adresse ajoutée")
    content = html.unescape(response.content.decode())
    assert "Votre réponse a été transmise au bureau des examens" in content
    assert 'id="demande"' not in content
    history = content[content.index('id="historique"') :]
    assert "Votre réponse" in history and "Adresse ajoutée" in history
    assert any(staff.email in email.to for email in mail.outbox)


def test_corrections_without_a_new_version_need_the_answer_beside_its_field(
    candidate_client, dossier, staff, frozen
):
    _request(dossier, staff, documents=[], corrections="Précisez votre adresse.")

    response = candidate_client.post(_url(dossier, "reponse/"), {"answer-answer": "  "})

    assert response.status_code == 422
    content = html.unescape(response.content.decode())
    assert '<a href="#id_answer-answer">Corrigez votre dossier' in content
    field = content[content.index('class="fr-input-group fr-input-group--error"') :]
    assert field.index('id="id_answer-answer"') < field.index("Corrigez votre dossier")
    assert 'aria-invalid="true"' in field[: field.index("</textarea>")]
    assert _state(dossier) == State.TO_COMPLETE


def test_a_new_version_answers_the_corrections(candidate_client, dossier, staff, frozen):
    _request(dossier, staff, documents=[], corrections="Précisez votre adresse.")
    from inscriptions.registration.tests.wizard import IDENTITY as ANSWERS
    from inscriptions.registration.tests.wizard import fill

    dossier = fill(dossier, [("identite", {**ANSWERS, "phone": "07 11 22 33 44"})], now=NOW)
    registration_services.registration_validate(
        registration=dossier, actor=dossier.candidate, now=NOW
    )
    content = _page(candidate_client, dossier)
    assert "Corriger votre inscription et la valider" not in content

    response = candidate_client.post(_url(dossier, "reponse/"), {"answer-answer": ""})

    assert response.status_code == 302
    assert _state(dossier) == State.SUBMITTED


def test_past_the_deadline_the_panel_says_so_and_the_answer_is_refused(
    candidate_client, dossier, staff, time_machine
):
    time_machine.move_to(NOW, tick=False)
    request = _request(dossier, staff, documents=[], corrections="Adresse")
    time_machine.move_to(request.due_at + timedelta(minutes=1), tick=False)
    candidate_client.force_login(dossier.candidate)  # the session has expired meanwhile

    content = _page(candidate_client, dossier)
    assert "Le délai de réponse est dépassé" in content
    assert f'action="{_url(dossier, "reponse/")}"' not in content

    response = candidate_client.post(_url(dossier, "reponse/"), {"answer-answer": "Trop tard"})
    assert response.status_code == 422
    assert "a expiré" in html.unescape(response.content.decode())
    assert _state(dossier) == State.TO_COMPLETE


def test_answer_without_a_request_sends_back_to_the_page(candidate_client, dossier, frozen):
    response = candidate_client.post(_url(dossier, "reponse/"), {"answer-answer": "x"}, follow=True)

    assert response.redirect_chain == [(_url(dossier), 302)]
    assert "Aucune demande du bureau des examens" in html.unescape(response.content.decode())


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
    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)
    elsewhere = Notification.objects.create(
        user=dossier.candidate, kind="other", title="Autre", created_at=NOW
    )

    _page(candidate_client, dossier)

    elsewhere.refresh_from_db()
    assert elsewhere.read_at is None


# --- The emails: each kind reads well and leads to the dossier.


def test_the_completion_request_email_through_smtp(smtp_server, dossier, staff, frozen, settings):
    settings.SITE_URL = "https://inscriptions.example.fr"
    _request(dossier, staff, corrections="Précisez votre adresse.")

    # The first email is the confirmation of the validation that made the dossier.
    email = smtp_server.wait_for(2)[-1]

    assert email.recipients == ["lea.martin@example.fr"]
    assert email.subject == "Votre dossier d'inscription est à compléter"
    text = email.text
    assert text.startswith("Bonjour,\n\nVotre dossier d'inscription est à compléter\n")
    assert "Dossier d'inscription n° 1-0 — management commercial opérationnel" in text
    assert f"- {IDENTITY}" in text
    assert "Corrections demandées : Précisez votre adresse." in text
    assert "Répondez avant le 3 décembre 2026 10:00" in text
    assert f"https://inscriptions.example.fr/espace-candidat/dossiers/{dossier.pk}/" in text
    assert "Ne répondez pas à ce courriel" in text


def _emails_of_each_kind(dossier, staff, candidate, session, time_machine):
    """One email of each kind the candidate receives, by kind."""
    time_machine.move_to(NOW, tick=False)
    mail.outbox.clear()
    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)
    services.dossier_reopen(registration=dossier, actor=staff, reason="Pièce à revoir", now=NOW)
    services.dossier_declare_non_compliant(
        registration=dossier,
        actor=staff,
        reason_code="duplicate",
        comment="Deux dossiers.",
        now=NOW,
    )
    services.dossier_reopen(registration=dossier, actor=staff, reason="Pièce à revoir", now=NOW)
    from inscriptions.documents import services as document_services

    document_services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("id.pdf", samples.pdf()),
        actor=candidate,
        now=NOW,
    )
    services.document_decide(
        registration=dossier,
        code="identity",
        actor=staff,
        accept=False,
        reason_code="illegible",
        comment="Le recto manque.",
        now=NOW,
    )
    messaging.message_send(registration=dossier, author=staff, body="Une question ?", now=NOW)
    request = _request(dossier, staff)
    services.completion_expire(request_id=request.pk, now=request.due_at)
    # The reminder goes to an unvalidated draft of another session, two days before it closes.
    from inscriptions.catalog.tests.factories import ExamSessionFactory

    other_session = ExamSessionFactory(academy=session.academy, now=NOW, exam_year=2028)
    draft = registration_services.registration_start(
        candidate=candidate, session=other_session, now=NOW
    )
    services.closing_reminders(now=other_session.registration_closes_at - timedelta(days=1))
    kinds = list(Notification.objects.order_by("created_at", "pk").values_list("kind", flat=True))
    to_candidate = [email for email in mail.outbox if email.to == [candidate.email]]
    assert len(kinds) == len(to_candidate)
    return dict(zip(kinds, to_candidate, strict=True)), draft


def test_each_kind_of_notification_email_reads_well_and_links_to_the_dossier(
    dossier, staff, candidate, session, time_machine, settings
):
    settings.SITE_URL = "https://inscriptions.example.fr"
    emails, draft = _emails_of_each_kind(dossier, staff, candidate, session, time_machine)

    expected = {
        "compliant": ("Votre dossier d'inscription est conforme", "votre inscription est acceptée"),
        "reopened": ("Votre dossier d'inscription est réexaminé", "Pièce à revoir"),
        "non_compliant": (
            "Votre dossier d'inscription n'est pas conforme",
            "Inscription en double. Deux dossiers.",
        ),
        "document_refused": (
            f"Pièce refusée : {IDENTITY}",
            "Illisible ou incomplète : Le recto manque.",
        ),
        "message": ("Nouveau message du bureau des examens", "Une question ?"),
        "to_complete": ("Votre dossier d'inscription est à compléter", f"- {IDENTITY}"),
        "expired": ("Votre dossier d'inscription n'est pas conforme", "a expiré le"),
        "closing_reminder": (
            "Votre inscription au BTS n'est pas validée",
            "Les inscriptions ferment le",
        ),
    }
    assert set(expected) <= set(emails)
    for kind, (subject, phrase) in expected.items():
        email = emails[kind]
        assert email.subject == subject, kind
        assert email.body.startswith(f"Bonjour,\n\n{subject}\n"), kind
        assert phrase in email.body, kind
        assert "n'y répondez pas" in email.body or "Ne répondez pas" in email.body, kind
        assert "\n\n\n" not in email.body, kind
        assert "{%" not in email.body and "&#x27;" not in email.body, kind
        registration = draft if kind == "closing_reminder" else dossier
        url = f"https://inscriptions.example.fr/espace-candidat/dossiers/{registration.pk}/"
        assert url in email.body, kind
    for kind, email in emails.items():
        if kind != "closing_reminder":
            assert "Dossier d'inscription n° 1-0" in email.body, kind
    # An unvalidated draft has no number yet: the email names its session instead.
    reminder = emails["closing_reminder"].body
    assert "n° " not in reminder
    assert "Session 2028 — Toulouse" in reminder
    assert "Reprenez votre inscription dans votre espace candidat :" in reminder
    # A draft has no message thread yet.
    assert "messagerie" not in reminder


def test_a_draft_page_offers_to_resume_and_shows_its_reminder(
    candidate_client, candidate, session, frozen
):
    draft = registration_services.registration_start(candidate=candidate, session=session, now=NOW)
    services.closing_reminders(now=session.registration_closes_at - timedelta(days=1))

    content = _page(candidate_client, draft)

    assert "<h1>Mon inscription en cours</h1>" in content
    assert "Votre inscription au BTS n'est pas validée" in content
    assert f'href="{_url(draft, "reprendre/")}"' in content
    assert 'id="messages"' not in content
    assert not draft.notifications.filter(read_at__isnull=True).exists()
