"""The candidate's side of the office's decisions and requests, through the dossier page of the
candidate space: the state and its reason, the office's request answered (documents uploaded,
then the answer), the corrections answered by a new version, the answer refused past the
deadline or without a request (002_d2d52601aecd35af.txt §II ④)."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.documents.tests import samples
from inscriptions.registration import services as registration_services
from inscriptions.registration.models import State
from inscriptions.review import services

from .conftest import NOW
from .dossier_pages import IDENTITY, _page, _request, _state, _url

pytestmark = pytest.mark.django_db


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
