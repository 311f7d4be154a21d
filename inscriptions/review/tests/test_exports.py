"""The queue's exports (CSV, XLSX) and the ZIP of the ticked dossiers' documents: their content
read back cell by cell and byte by byte, the queue's filters and scope, the audit log."""

import csv
import io
import zipfile
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.models import Specialty
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core.models import AuditEntry
from inscriptions.documents import services as document_services
from inscriptions.documents.models import ScanStatus, UploadedFile
from inscriptions.documents.tests import samples
from inscriptions.registration.models import Registration
from inscriptions.review import archive, exports, report_views, services
from inscriptions.review.selectors import QueueFilters

from .conftest import NOW, validate

pytestmark = pytest.mark.django_db

HEADER = [
    "Dossier",
    "Numéro de dossier",
    "Version",
    "État",
    "Nom",
    "Prénom",
    "Numéro de candidat",
    "Session",
    "Spécialité",
    "Option",
    "Catégorie",
    "Forme",
    "Aménagement demandé",
    "Pièces manquantes",
    "Pièces refusées",
    "Réponse attendue avant",
    "Dernière validation",
]
PARIS = ZoneInfo("Europe/Paris")
DUE = datetime(2026, 12, 4, 23, 59, tzinfo=PARIS)


@pytest.fixture
def office(client, staff):
    return verified_login(client, staff)


@pytest.fixture
def to_complete(dossier, staff, frozen):
    """Léa Martin's dossier, asked for a document until 4 December 23:59, Paris time."""
    services.dossier_request_completion(
        registration=dossier,
        actor=staff,
        documents=["identity"],
        corrections="",
        message="Copie illisible",
        due_at=DUE,
        now=NOW,
    )
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def durand(session, mco, other_candidate, frozen):
    """A second MCO dossier: professional experience, progressive form, accommodation asked,
    validated one hour after the first."""
    registration = validate(other_candidate, session, mco)
    Registration.objects.filter(pk=registration.pk).update(
        last_name="Durand",
        first_name="Paul",
        search_name="durand paul",
        category="professional_experience",
        exam_form="progressive",
        accommodation_requested=True,
        candidate_number="0123456789A",
        documents_refused=1,
        last_validated_at=NOW + timedelta(hours=1),
    )
    registration.refresh_from_db()
    return registration


@pytest.fixture
def sio_dossier(session, mco, frozen):
    """A dossier of services informatiques aux organisations (SISR), the other staff's."""
    candidate = UserFactory(email="sam.petit@example.fr")
    registration = validate(candidate, session, mco)
    Registration.objects.filter(pk=registration.pk).update(
        specialty=Specialty.objects.filter(name__startswith="services informatiques").first(),
        last_name="Petit",
        search_name="petit sam",
    )
    registration.refresh_from_db()
    return registration


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"] == report_views.XLSX_TYPE
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def _sheet_rows(workbook, index=0):
    return [list(row) for row in workbook.worksheets[index].iter_rows(values_only=True)]


def test_csv_export_has_every_column_cell_by_cell(office, to_complete, durand, frozen):
    rows = _csv(office.get("/bureau/export.csv"))

    assert rows[0] == HEADER
    assert rows[1] == [
        to_complete.reference,
        str(to_complete.number),
        str(to_complete.version),
        "À compléter",
        "MARTIN",
        "Léa",
        "",
        "2027",
        "management commercial opérationnel",
        "",
        "Ex-scolaire",
        "Forme globale",
        "Non",
        str(to_complete.documents_missing),
        "0",
        "04/12/2026 23:59",
        "23/11/2026 10:00",
    ]
    assert rows[2] == [
        durand.reference,
        str(durand.number),
        str(durand.version),
        "En attente de traitement",
        "DURAND",
        "Paul",
        "0123456789A",
        "2027",
        "management commercial opérationnel",
        "",
        "Expérience professionnelle",
        "Forme progressive",
        "Oui",
        str(durand.documents_missing),
        "1",
        "",
        "23/11/2026 11:00",
    ]
    assert len(rows) == 3


def test_xlsx_export_read_back_cell_by_cell(office, to_complete, durand, frozen):
    response = office.get("/bureau/export.xlsx")

    assert response["Content-Disposition"] == 'attachment; filename="dossiers-2026-11-23.xlsx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    rows = _sheet_rows(_xlsx(response))
    assert rows[0] == HEADER
    assert rows[1] == [
        to_complete.reference,
        to_complete.number,
        to_complete.version,
        "À compléter",
        "MARTIN",
        "Léa",
        None,
        2027,
        "management commercial opérationnel",
        None,
        "Ex-scolaire",
        "Forme globale",
        "Non",
        to_complete.documents_missing,
        0,
        datetime(2026, 12, 4, 23, 59),
        datetime(2026, 11, 23, 10, 0),
    ]
    assert rows[2][:8] == [
        durand.reference,
        durand.number,
        durand.version,
        "En attente de traitement",
        "DURAND",
        "Paul",
        "0123456789A",
        2027,
    ]
    assert rows[2][10:] == [
        "Expérience professionnelle",
        "Forme progressive",
        "Oui",
        durand.documents_missing,
        1,
        None,
        datetime(2026, 11, 23, 11, 0),
    ]
    assert len(rows) == 3


def test_exports_apply_the_queue_filters_and_order(office, to_complete, durand, frozen):
    only_submitted = _csv(office.get("/bureau/export.csv", {"state": "submitted"}))
    assert [row[4] for row in only_submitted[1:]] == ["DURAND"]

    with_accommodation = _sheet_rows(
        _xlsx(office.get("/bureau/export.xlsx", {"accommodation": "yes"}))
    )
    assert [row[4] for row in with_accommodation[1:]] == ["DURAND"]

    searched = _csv(office.get("/bureau/export.csv", {"q": "martin"}))
    assert [row[4] for row in searched[1:]] == ["MARTIN"]

    by_name_descending = _csv(office.get("/bureau/export.csv", {"sort": "-name"}))
    assert [row[4] for row in by_name_descending[1:]] == ["MARTIN", "DURAND"]


def test_exports_keep_to_the_users_scope(client, staff, academy_admin, dossier, sio_dossier):
    verified_login(client, staff)
    assert [row[4] for row in _csv(client.get("/bureau/export.csv"))[1:]] == ["MARTIN"]
    assert [row[4] for row in _sheet_rows(_xlsx(client.get("/bureau/export.xlsx")))[1:]] == [
        "MARTIN"
    ]

    verified_login(client, academy_admin)
    names = [row[4] for row in _csv(client.get("/bureau/export.csv"))[1:]]
    assert sorted(names) == ["MARTIN", "PETIT"]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/bureau/export.csv"),
        ("get", "/bureau/export.xlsx"),
        ("post", "/bureau/pieces.zip"),
        ("get", "/bureau/statistiques/"),
    ],
)
def test_candidate_gets_404_and_anonymous_goes_to_login(client, candidate, dossier, method, url):
    anonymous = getattr(client, method)(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))

    client.force_login(candidate)
    data = {"dossiers": [str(dossier.pk)]} if method == "post" else {}
    assert getattr(client, method)(url, data).status_code == 404
    assert not AuditEntry.objects.filter(action__in=["dossiers.export", "documents.download"])


def test_each_export_is_audited_with_its_filters_and_rows(office, staff, to_complete, durand):
    b"".join(office.get("/bureau/export.csv", {"state": "submitted"}).streaming_content)
    b"".join(office.get("/bureau/export.xlsx").streaming_content)

    entries = list(AuditEntry.objects.filter(action="dossiers.export").order_by("pk"))
    # Without a session chosen, the queue and its exports are the current session's.
    current = {"session": to_complete.session_id}
    assert [(e.actor_id, e.data) for e in entries] == [
        (staff.pk, {"format": "csv", "filters": {**current, "state": "submitted"}, "rows": 1}),
        (staff.pk, {"format": "xlsx", "filters": current, "rows": 2}),
    ]
    assert entries[0].object_type == "catalog.academy"
    assert entries[0].registration_id is None


def test_cells_a_spreadsheet_would_run_are_kept_as_text(office, dossier, frozen):
    Registration.objects.filter(pk=dossier.pk).update(
        last_name='=HYPERLINK("http://example.org")', first_name="+33 Léa"
    )

    row = _csv(office.get("/bureau/export.csv"))[1]
    assert row[4:6] == ['\'=HYPERLINK("HTTP://EXAMPLE.ORG")', "'+33 Léa"]

    workbook = load_workbook(
        io.BytesIO(b"".join(office.get("/bureau/export.xlsx").streaming_content))
    )
    cell = workbook.worksheets[0]["E2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("HTTP://EXAMPLE.ORG")')


def test_xlsx_rows_go_on_in_another_sheet_past_a_sheets_limit(
    office, to_complete, durand, monkeypatch
):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 2)  # the header and one row a sheet

    workbook = _xlsx(office.get("/bureau/export.xlsx"))

    assert workbook.sheetnames == ["Dossiers", "Dossiers (2)"]
    assert [row[4] for row in _sheet_rows(workbook, 0)] == ["Nom", "MARTIN"]
    assert [row[4] for row in _sheet_rows(workbook, 1)] == ["Nom", "DURAND"]


def test_export_rows_read_the_dossier_table_in_one_query(staff, to_complete, durand):
    with CaptureQueriesContext(connection) as queries:
        references = [row[0] for row in exports.export_rows(staff, QueueFilters(), now=NOW)]

    assert references == [to_complete.reference, durand.reference]
    assert len([q for q in queries if "registration_registration" in q["sql"]]) == 1


def test_empty_export_still_has_its_header(office, frozen, staff):
    assert _csv(office.get("/bureau/export.csv")) == [HEADER]
    assert _sheet_rows(_xlsx(office.get("/bureau/export.xlsx"))) == [HEADER]


def test_queue_links_to_the_exports_with_its_filters(office, dossier, frozen):
    content = office.get("/bureau/", {"state": "submitted", "q": "martin"}).content.decode()

    # The current session is chosen when none is given, and the exports say so too.
    query = f"session={dossier.session_id}&amp;state=submitted&amp;q=martin"
    assert f'href="/bureau/export.csv?{query}"' in content
    assert f'href="/bureau/export.xlsx?{query}"' in content
    assert 'formaction="/bureau/pieces.zip"' in content
    assert 'href="/bureau/statistiques/"' in content


# The documents of a selection, as a ZIP file.


def _upload(registration, code, data, name):
    return document_services.document_upload(
        registration=registration,
        code=code,
        upload=SimpleUploadedFile(name, data),
        actor=registration.candidate,
        now=NOW,
    )


def _zip(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert (
        response["Content-Disposition"] == 'attachment; filename="pieces-dossiers-2026-11-23.zip"'
    )
    archive_file = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive_file.testzip() is None
    return archive_file


def test_zip_holds_the_current_file_of_each_document(office, dossier, durand, frozen):
    _upload(dossier, "identity", samples.pdf("première copie"), "carte.pdf")
    replacement = samples.pdf("copie lisible")
    _upload(dossier, "identity", replacement, "carte-2.pdf")
    photo = samples.png()
    _upload(dossier, "jdc_certificate", photo, "jdc.png")
    _upload(durand, "identity", samples.jpeg(), "id.jpg")

    archive_file = _zip(
        office.post("/bureau/pieces.zip", {"dossiers": [str(dossier.pk), str(durand.pk)]})
    )

    martin = f"{dossier.reference}_MARTIN"
    assert archive_file.namelist() == [
        f"{martin}/identity.pdf",
        f"{martin}/jdc_certificate.png",
        f"{durand.reference}_DURAND/identity.jpg",
    ]
    assert archive_file.read(f"{martin}/identity.pdf") == replacement
    assert archive_file.read(f"{martin}/jdc_certificate.png") == photo
    assert archive_file.read(f"{durand.reference}_DURAND/identity.jpg") == samples.jpeg()


def test_zip_is_audited_once_per_dossier(office, staff, dossier, durand, frozen):
    identity = _upload(dossier, "identity", samples.pdf(), "carte.pdf")
    jdc = _upload(dossier, "jdc_certificate", samples.png(), "jdc.png")

    b"".join(
        office.post(
            "/bureau/pieces.zip", {"dossiers": [str(dossier.pk), str(durand.pk)]}
        ).streaming_content
    )

    entries = list(AuditEntry.objects.filter(action="documents.download"))
    assert [(e.actor_id, e.registration_id, e.data) for e in entries] == [
        (
            staff.pk,
            dossier.pk,
            {"codes": ["identity", "jdc_certificate"], "files": [identity.pk, jdc.pk]},
        )
    ]
    history = office.get(f"/bureau/dossiers/{dossier.pk}/").content.decode()
    assert "Pièces téléchargées par le bureau (archive ZIP)" in history


def test_zip_lists_what_it_leaves_out(office, dossier, durand, frozen):
    scanning = _upload(dossier, "identity", samples.pdf(), "carte.pdf")
    UploadedFile.objects.filter(pk=scanning.pk).update(scan_status=ScanStatus.PENDING)
    lost = _upload(dossier, "jdc_certificate", samples.png(), "jdc.png")
    lost.file.storage.delete(lost.file.name)

    archive_file = _zip(
        office.post("/bureau/pieces.zip", {"dossiers": [str(dossier.pk), str(durand.pk)]})
    )

    assert archive_file.namelist() == [archive.NOTE_NAME]
    note = archive_file.read(archive.NOTE_NAME).decode()
    martin = f"{dossier.reference}_MARTIN"
    assert f"{martin}/identity (Photocopie d'une pièce d'identité) : Analyse en attente" in note
    assert f"{martin}/jdc_certificate" in note and "Fichier introuvable sur le stockage" in note
    assert f"{durand.reference}_DURAND : Aucune pièce déposée" in note


def test_zip_keeps_to_the_scope(client, staff, dossier, sio_dossier, frozen):
    _upload(dossier, "identity", samples.pdf(), "carte.pdf")
    _upload(sio_dossier, "identity", samples.pdf("autre"), "carte.pdf")
    verified_login(client, staff)

    archive_file = _zip(
        client.post("/bureau/pieces.zip", {"dossiers": [str(dossier.pk), str(sio_dossier.pk)]})
    )
    assert archive_file.namelist() == [f"{dossier.reference}_MARTIN/identity.pdf"]
    assert client.post("/bureau/pieces.zip", {"dossiers": [str(sio_dossier.pk)]}).status_code == 404
    assert not AuditEntry.objects.filter(
        action="documents.download", registration_id=sio_dossier.pk
    ).exists()


def test_zip_without_selection_or_past_the_limit_goes_back_to_the_queue(office, dossier, frozen):
    nothing = office.post("/bureau/pieces.zip", {"query": "state=submitted"}, follow=True)
    assert nothing.redirect_chain == [("/bureau/?state=submitted", 302)]
    assert "Cochez au moins un dossier." in nothing.content.decode()

    too_many = [str(pk) for pk in range(1, archive.MAX_DOSSIERS + 2)]
    refused = office.post("/bureau/pieces.zip", {"dossiers": too_many}, follow=True)
    assert "Cochez au plus 200 dossiers" in refused.content.decode()
    assert not AuditEntry.objects.filter(action="documents.download").exists()


def test_folder_names_are_plain_ascii():
    class Dossier:
        reference = "175-2"
        last_name = "D'Hénault-Lévêque"

    assert archive.folder_name(Dossier()) == "175-2_D-HENAULT-LEVEQUE"
