"""Exports of any size without a long request: past EXPORT_INLINE_MAX_ROWS rows the queue's list
is prepared by a task, its progress shown, its file (the same bytes the inline export gives)
downloaded by the one who asked only, kept EXPORT_KEEP_HOURS, then deleted by the hourly job;
a task run twice builds once; each request, build and download audited."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.core.models import AuditEntry
from inscriptions.core.scheduler import jobs
from inscriptions.review import export_builds
from inscriptions.review.models import OfficeExport

from .export_files import *  # noqa: F403
from .export_files import _csv, _sheet_rows, _xlsx

pytestmark = pytest.mark.django_db


def test_a_large_list_is_prepared_in_the_background_and_equals_the_inline_export(
    office, to_complete, durand, settings, storage
):
    inline = _csv(office.get("/bureau/export.csv", {"sort": "-name"}))
    settings.EXPORT_INLINE_MAX_ROWS = 1

    offer = office.get("/bureau/export.csv", {"sort": "-name"})

    assert offer.status_code == 200
    page = offer.content.decode()
    assert "Cette liste compte 2 dossiers" in page
    assert "Préparer le fichier CSV" in page
    requested = office.post("/bureau/exports/", {"kind": "csv", "query": "sort=-name"})
    export = OfficeExport.objects.get()
    assert requested.status_code == 302
    assert requested["Location"] == f"/bureau/exports/{export.pk}/"
    status = office.get(requested["Location"]).content.decode()
    assert "Le fichier est prêt : 2 dossiers" in status
    assert f"/bureau/exports/{export.pk}/fichier/" in status
    download = office.get(f"/bureau/exports/{export.pk}/fichier/")
    assert download["Content-Type"] == "text/csv"
    body = b"".join(download.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")) == inline
    actions = list(
        AuditEntry.objects.filter(action__startswith="dossiers.export").values_list(
            "action", flat=True
        )
    )
    assert {"dossiers.export_requested", "dossiers.export", "dossiers.export_downloaded"} <= set(
        actions
    )


def test_the_xlsx_file_prepared_in_the_background_reads_back_as_the_inline_one(
    office, to_complete, durand, settings, storage
):
    inline = _sheet_rows(_xlsx(office.get("/bureau/export.xlsx")))
    settings.EXPORT_INLINE_MAX_ROWS = 0
    office.post("/bureau/exports/", {"kind": "xlsx", "query": ""})
    export = OfficeExport.objects.get()

    download = office.get(f"/bureau/exports/{export.pk}/fichier/")

    assert _sheet_rows(_xlsx(download)) == inline


def test_only_the_one_who_asked_sees_it(office, other_staff, to_complete, settings, storage):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    office.post("/bureau/exports/", {"kind": "csv", "query": ""})
    export = OfficeExport.objects.get()
    other = verified_login(Client(), other_staff)

    for path in ("", "etat.json", "fichier/"):
        assert other.get(f"/bureau/exports/{export.pk}/{path}").status_code == 404
    assert office.post("/bureau/exports/", {"kind": "pdf", "query": ""}).status_code == 404


def test_the_progress_is_read_as_it_goes(office, staff, to_complete, durand, monkeypatch, storage):
    queued = OfficeExport.objects.create(
        requested_by=staff, kind="csv", query={}, created_at=timezone.now()
    )
    assert office.get(f"/bureau/exports/{queued.pk}/etat.json").json() == {
        "status": "queued",
        "rows_done": 0,
        "rows_total": None,
        "percent": 0,
    }
    page = office.get(f"/bureau/exports/{queued.pk}/").content.decode()
    assert 'id="export-progress"' in page and "Actualiser la page" in page
    # Saved as it goes: what the page reads while the rows are written.
    monkeypatch.setattr(export_builds, "PROGRESS_EVERY", 1)
    read_while_writing = []
    rows = export_builds.exports.export_rows

    def watched(*args, **kwargs):
        for row in rows(*args, **kwargs):
            read_while_writing.append(OfficeExport.objects.get(pk=queued.pk).rows_done)
            yield row

    monkeypatch.setattr(export_builds.exports, "export_rows", watched)
    built = export_builds.export_build(queued.pk)

    assert read_while_writing == [0, 1]
    assert (built.status, built.rows_done, built.rows_total, built.percent) == ("done", 2, 2, 100)


def test_a_task_run_twice_builds_once_and_a_stale_build_starts_again(
    staff, to_complete, settings, storage
):
    export = OfficeExport.objects.create(
        requested_by=staff, kind="csv", query={}, created_at=timezone.now()
    )
    assert export_builds.export_build(export.pk) is not None
    assert export_builds.export_build(export.pk) is None
    assert len(default_storage.listdir("exports")[1]) == 1

    stuck = OfficeExport.objects.create(
        requested_by=staff,
        kind="csv",
        query={},
        created_at=timezone.now(),
        status=OfficeExport.Status.RUNNING,
        started_at=timezone.now() - timedelta(minutes=settings.EXPORT_STALE_MINUTES + 1),
    )
    assert export_builds.export_build(stuck.pk).status == "done"


def test_the_file_goes_after_its_time_by_the_hourly_job(staff, to_complete, storage):
    export = export_builds.export_build(
        OfficeExport.objects.create(
            requested_by=staff, kind="csv", query={}, created_at=timezone.now()
        ).pk
    )
    name = export.file.name
    job = jobs()["review.expired_exports"]

    assert job.function(now=export.expires_at - timedelta(minutes=1)) == {"deleted": 0}
    assert default_storage.exists(name)
    assert job.function(now=export.expires_at) == {"deleted": 1}
    assert not default_storage.exists(name)
    assert not OfficeExport.objects.exists()
