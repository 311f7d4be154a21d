"""The emails the candidate receives about their dossier: the completion request through SMTP,
each kind of notification email reading well and linking to the dossier, and the draft's page
with its closing reminder (002_d2d52601aecd35af.txt §II ④)."""

from datetime import timedelta

import pytest
from django.core import mail

from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.notifications import messages as messaging
from inscriptions.notifications.models import Notification
from inscriptions.registration import services as registration_services
from inscriptions.review import services

from .conftest import NOW
from .dossier_pages import IDENTITY, _page, _request, _url

pytestmark = pytest.mark.django_db


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
    accept_required_pieces(dossier, staff, now=NOW)
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
    # The identity, accepted before the dossier was conforme, is refused once reopened.
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
