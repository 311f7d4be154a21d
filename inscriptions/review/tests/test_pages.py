"""The office's pages: the queue and a dossier, decisions posted from them, errors beside their
field with what was entered kept."""

import html
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.core.models import AuditEntry
from inscriptions.documents import services as document_services
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.registration.models import State

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, staff):
    return verified_login(client, staff)


def test_queue_lists_the_dossiers_in_scope_with_counts(office, dossier, frozen):
    response = office.get("/bureau/")

    assert response.status_code == 200
    content = response.content.decode()
    assert f'href="/bureau/dossiers/{dossier.pk}/"' in content
    assert "MARTIN Léa" in content
    assert "En attente de traitement : 1" in content


def test_queue_search_by_name_without_accents_and_by_number(office, dossier, frozen):
    assert dossier.reference in office.get("/bureau/", {"q": "MARTIN lea"}).content.decode()
    assert dossier.reference in office.get("/bureau/", {"q": str(dossier.number)}).content.decode()
    assert "Aucun dossier" in office.get("/bureau/", {"q": "Durand"}).content.decode()


def test_dossier_page_shows_data_documents_rules_and_history(office, dossier, frozen):
    response = office.get(f"/bureau/dossiers/{dossier.pk}/")

    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "Explications des règles" in content
    assert "Photocopie d'une pièce d'identité" in content
    assert "Inscription validée" in content
    assert "Déclarer conforme" in content


def test_compliant_from_the_page(office, dossier, staff, frozen):
    accept_required_pieces(dossier, staff, now=NOW)
    response = office.post(f"/bureau/dossiers/{dossier.pk}/decision/", {"action": "compliant"})

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.COMPLIANT


def test_non_compliant_without_reason_comes_back_with_the_error_beside_the_field(
    office, dossier, frozen
):
    response = office.post(
        f"/bureau/dossiers/{dossier.pk}/decision/",
        {"action": "non_compliant", "noncompliant-comment": "Texte gardé"},
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#id_noncompliant-reason_code"' in content
    assert "Texte gardé" in content
    assert "<title>Erreur" in content
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED


def test_completion_request_from_the_page(office, dossier, frozen):
    due = (NOW + timedelta(days=10)).date()
    response = office.post(
        f"/bureau/dossiers/{dossier.pk}/decision/",
        {
            "action": "request",
            "completion-documents": ["identity"],
            "completion-message": "Copie illisible",
            "completion-due_on": due.isoformat(),
        },
    )

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.TO_COMPLETE
    assert dossier.completion_due_at.date() == due


def test_preview_is_sandboxed_and_audited(office, dossier, frozen):
    uploaded = document_services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("id.pdf", samples.pdf()),
        actor=dossier.candidate,
        now=NOW,
    )
    page = office.get(f"/bureau/dossiers/{dossier.pk}/").content.decode()
    assert f'src="/bureau/fichiers/{uploaded.pk}/apercu/" sandbox=""' in page

    response = office.get(f"/bureau/fichiers/{uploaded.pk}/apercu/")

    assert response.status_code == 200
    assert "data:image/png;base64," in response.content.decode()
    assert "default-src 'none'" in response["Content-Security-Policy"]
    entry = AuditEntry.objects.get(action="document.view")
    assert (entry.actor_id, entry.registration_id) == (
        int(office.session["_auth_user_id"]),
        dossier.pk,
    )


def test_other_staff_and_candidates_get_404(client, dossier, other_staff, other_candidate, frozen):
    verified_login(client, other_staff)
    assert client.get(f"/bureau/dossiers/{dossier.pk}/").status_code == 404
    assert (
        client.post(f"/bureau/dossiers/{dossier.pk}/decision/", {"action": "compliant"}).status_code
        == 404
    )
    client.force_login(other_candidate)
    assert client.get("/bureau/").status_code == 404


def _more_dossiers(dossier, count):
    from inscriptions.catalog.tests.factories import UserFactory
    from inscriptions.registration.models import Registration

    start = dossier.number
    for offset in range(1, count + 1):
        Registration.objects.create(
            candidate=UserFactory(),
            session=dossier.session,
            specialty=dossier.specialty,
            state=State.SUBMITTED,
            number=start + offset,
            version=0,
            last_name=f"Nom{offset}",
            search_name=f"nom{offset}",
            last_validated_at=NOW,
        )


def test_queue_costs_the_same_queries_for_few_or_many_dossiers(office, dossier, frozen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    office.get("/bureau/")  # the session's first page: cached parts warmed up
    with CaptureQueriesContext(connection) as few:
        office.get("/bureau/")
    _more_dossiers(dossier, 30)
    with CaptureQueriesContext(connection) as many:
        response = office.get("/bureau/")

    assert response.content.decode().count('name="dossiers"') == 31
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_staff_download_is_audited_the_owner_s_is_not(office, dossier, frozen, client):
    uploaded = document_services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("id.pdf", samples.pdf()),
        actor=dossier.candidate,
        now=NOW,
    )

    assert office.get(f"/espace-candidat/justificatifs/fichiers/{uploaded.pk}/").status_code == 200
    owner = Client()
    owner.force_login(dossier.candidate)
    assert owner.get(f"/espace-candidat/justificatifs/fichiers/{uploaded.pk}/").status_code == 200

    views = AuditEntry.objects.filter(action="document.view")
    assert [(entry.data["how"], entry.registration_id) for entry in views] == [
        ("download", dossier.pk)
    ]


def test_counts_stop_at_the_cap_and_say_so(office, dossier, frozen, monkeypatch):
    from inscriptions.review import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    _more_dossiers(dossier, 7)

    content = html.unescape(office.get("/bureau/").content.decode())

    assert "En attente de traitement : plus de 5" in content
    assert "Tous : plus de 5" in content
    assert "Plus de 5 dossiers : précisez les filtres" in content
    assert "Conforme : 0" in content


def test_previews_drawn_by_many_threads_at_once_do_not_crash_the_server(dossier, frozen):
    """PDFium is not thread-safe: a server's threads drawing previews together must take turns
    (without the lock, this test crashes the process most times)."""
    import threading

    from inscriptions.documents.models import UploadedFile
    from inscriptions.review import preview

    uploaded = document_services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("id.pdf", samples.pdf("Recto")),
        actor=dossier.candidate,
        now=NOW,
    )
    results: list[int] = []
    errors: list[BaseException] = []

    def draw() -> None:
        # Each request has its own row and file handle; only PDFium is shared.
        own = UploadedFile(file=uploaded.file.name, content_type=uploaded.content_type)
        try:
            for _ in range(10):
                results.append(len(preview.pages_as_data_uris(own)))
        except BaseException as error:  # reported to the test
            errors.append(error)

    threads = [threading.Thread(target=draw) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert results == [1] * 160
