"""Decisions guarded: « conforme » only once every required piece is accepted, bulk actions with
no default, a completion request that offers the dossier's own pieces ticked where missing or
refused, and, at the documents deadline (002_d2d52601aecd35af.txt §II ❸: « les dossiers
incomplets ne seront pas traités », the registration cancelled when pieces are missing), the
incomplete dossiers decided in bulk with the candidates told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.api.tests.office_api import API, candidate_dossier, client_as
from inscriptions.documents import services as document_services
from inscriptions.documents.models import SupportingDocument
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.registration.models import State
from inscriptions.review import services
from inscriptions.review.services import ReviewRefused

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _state(dossier):
    dossier.refresh_from_db()
    return dossier.state


def _transcript_uploaded(dossier):
    document_services.document_upload(
        registration=dossier,
        code="transcript",
        upload=SimpleUploadedFile("releve.pdf", samples.pdf()),
        actor=dossier.candidate,
        now=NOW,
    )


def _transcript_refused(dossier, staff):
    services.document_decide(
        registration=dossier,
        code="transcript",
        actor=staff,
        accept=False,
        reason_code="illegible",
        comment="Illisible.",
        now=NOW,
    )


def test_compliant_is_refused_while_a_piece_is_missing_unchecked_or_refused(dossier, staff, frozen):
    accept_required_pieces(dossier, staff, now=NOW, skip=("identity", "transcript"))
    _transcript_uploaded(dossier)

    with pytest.raises(ReviewRefused) as refused:
        services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)

    message = refused.value.message
    assert "tant que chaque pièce requise n'est pas acceptée" in message
    assert "Photocopie d'une pièce d'identité (à déposer)" in message
    assert "(déposée, en attente de vérification)" in message
    assert _state(dossier) == State.SUBMITTED

    _transcript_refused(dossier, staff)
    with pytest.raises(ReviewRefused, match=r"\(refusée\)"):
        services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)


def test_compliant_once_every_required_piece_is_accepted(dossier, staff, frozen):
    accept_required_pieces(dossier, staff, now=NOW)

    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)

    assert _state(dossier) == State.COMPLIANT


def test_the_page_lists_what_blocks_compliant_and_says_it_when_refused(
    client, dossier, staff, frozen
):
    office = verified_login(client, staff)

    page = office.get(f"/bureau/dossiers/{dossier.pk}/").content.decode()
    assert 'id="pieces-not-accepted"' in page
    response = office.post(f"/bureau/dossiers/{dossier.pk}/decision/", {"action": "compliant"})

    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="compliant-errors"' in content
    assert "tant que chaque pièce requise n&#x27;est pas acceptée" in content
    assert _state(dossier) == State.SUBMITTED


def test_the_api_refuses_compliant_with_the_list(dossier, staff, frozen):
    response = client_as(staff).post(
        f"{API}{dossier.pk}/decision/", {"action": "compliant"}, format="json"
    )

    assert response.status_code == 400
    assert "Photocopie d'une pièce d'identité (à déposer)" in response.json()["detail"]


def test_a_bulk_action_is_always_chosen(client, dossier, staff, frozen):
    office = verified_login(client, staff)
    page = office.get("/bureau/").content.decode()
    assert '<option value="" selected>— Choisissez une action —</option>' in page

    response = office.post("/bureau/actions-groupees/", {"dossiers": [dossier.pk]}, follow=True)

    assert "Choisissez l&#x27;action à appliquer aux dossiers cochés." in response.content.decode()
    assert _state(dossier) == State.SUBMITTED


def test_a_completion_request_offers_the_dossiers_pieces_ticked_where_missing_or_refused(
    client, dossier, staff, frozen
):
    accept_required_pieces(dossier, staff, now=NOW, skip=("identity", "transcript"))
    _transcript_uploaded(dossier)
    _transcript_refused(dossier, staff)
    office = verified_login(client, staff)

    page = office.get(f"/bureau/dossiers/{dossier.pk}/").content.decode()

    def ticked(code):
        start = page.index(f'value="{code}"', page.index('name="completion-documents"'))
        tag = page[page.rindex("<input", 0, start) : page.index(">", start)]
        return "checked" in tag

    assert ticked("identity") and ticked("transcript")
    accepted = SupportingDocument.objects.filter(registration=dossier, status="accepted")
    assert accepted.exists()
    assert not any(ticked(document.code) for document in accepted)


def test_at_the_documents_deadline_the_office_sees_and_decides_the_incomplete_dossiers(
    client, dossier, session, mco, staff, time_machine
):
    time_machine.move_to(NOW, tick=False)
    complete = candidate_dossier(session, mco, "paul.durand@example.fr", "Durand")
    accept_required_pieces(complete, staff, now=NOW)
    office = verified_login(client, staff)
    assert "incomplete-at-deadline" not in office.get("/bureau/").content.decode()

    done, refused = services.bulk_declare_non_compliant_missing(
        registration_ids=[dossier.pk], actor=staff, now=NOW
    )
    assert done == []
    assert "n'est pas passée" in refused[0][1]

    after = session.documents_due_at + timedelta(minutes=1)
    time_machine.move_to(after, tick=False)
    office = verified_login(client, staff)
    page = office.get("/bureau/").content.decode()
    assert "la date limite de dépôt des pièces est passée" in page
    assert "1 dossier a encore des pièces manquantes." in page
    mail.outbox.clear()

    response = office.post(
        "/bureau/actions-groupees/",
        {"dossiers": [dossier.pk, complete.pk], "bulk-action": "non_compliant_missing"},
        follow=True,
    )

    content = response.content.decode()
    assert "1 dossier(s) déclaré(s) non conforme(s) pour pièces manquantes" in content
    assert "Aucune pièce requise ne manque à ce dossier." in content
    assert _state(dossier) == State.NON_COMPLIANT
    assert _state(complete) == State.SUBMITTED
    change = dossier.state_changes.first()
    assert change.reason_code == "missing_documents"
    (email,) = [m for m in mail.outbox if m.to == [dossier.candidate.email]]
    assert "il manquait : Confirmation d'inscription datée et signée; Photocopie" in email.body


def test_the_api_decides_the_incomplete_dossiers_in_bulk(dossier, session, staff, time_machine):
    time_machine.move_to(session.documents_due_at + timedelta(hours=1), tick=False)

    response = client_as(staff).post(
        f"{API}bulk-non-compliant-missing/", {"ids": [dossier.pk]}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["results"][0]["result"] == "non_compliant"
    assert _state(dossier) == State.NON_COMPLIANT
