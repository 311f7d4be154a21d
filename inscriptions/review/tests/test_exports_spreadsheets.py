"""What the queue's exports (CSV, XLSX) hold, read back cell by cell: every column, the cells a
spreadsheet would run kept as text, the rows going on in another sheet past a sheet's limit,
the dossier table read in one query, the header of an empty export."""

import io
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from inscriptions.registration.models import Registration
from inscriptions.review import exports
from inscriptions.review.selectors import QueueFilters

from .conftest import NOW
from .export_files import *  # noqa: F403
from .export_files import HEADER, _csv, _sheet_rows, _xlsx

pytestmark = pytest.mark.django_db


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
