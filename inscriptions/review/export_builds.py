"""The background exports' build (``background_exports``): run by the task, and the hourly
job that deletes the files past their time."""

import tempfile
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from inscriptions.core.models import audit
from inscriptions.core.replica import from_replica

from . import exports
from .models import OfficeExport

PROGRESS_EVERY = 2000


def _claim(export_id: int, now: datetime) -> OfficeExport | None:
    stale = now - timedelta(minutes=settings.EXPORT_STALE_MINUTES)
    with transaction.atomic():
        claimed = (
            OfficeExport.objects.filter(pk=export_id)
            .filter(
                Q(status=OfficeExport.Status.QUEUED)
                | Q(status=OfficeExport.Status.RUNNING, started_at__lt=stale)
            )
            .update(status=OfficeExport.Status.RUNNING, started_at=now, rows_done=0)
        )
    if not claimed:
        return None
    return OfficeExport.objects.select_related("requested_by").get(pk=export_id)


class _Progress:
    """The rows as they are written, the count saved every ``PROGRESS_EVERY`` of them."""

    def __init__(self, export: OfficeExport) -> None:
        self.export = export
        self.done = 0

    def rows(self, rows: Iterable[exports.Row]) -> Iterator[exports.Row]:
        for row in rows:
            yield row
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                OfficeExport.objects.filter(pk=self.export.pk).update(rows_done=self.done)


def export_build(export_id: int) -> OfficeExport | None:
    """Write the export's file; None when there was nothing to build (done, or building)."""
    from .forms import QueueFilterForm

    now = timezone.now()
    export = _claim(export_id, now)
    if export is None:
        return None
    user = export.requested_by
    try:
        filters = QueueFilterForm(export.query, user=user).filters()
        total = exports.export_count(user, filters, now=now)
        OfficeExport.objects.filter(pk=export.pk).update(rows_total=total)
        progress = _Progress(export)
        rows = progress.rows(exports.export_rows(user, filters, now=now))
        # The rows read from the replica where there is one; the progress written to the primary.
        with tempfile.TemporaryFile() as built, from_replica():
            if export.kind == OfficeExport.Kind.XLSX:
                exports.write_xlsx(rows, built)
            else:
                for chunk in exports.csv_chunks(rows):
                    built.write(chunk)
            written = progress.done
            built.seek(0)
            name = default_storage.save(f"exports/{uuid.uuid4().hex}.{export.kind}", File(built))
    except Exception as error:
        OfficeExport.objects.filter(pk=export.pk).update(
            status=OfficeExport.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:300],
        )
        raise
    finished = timezone.now()
    with transaction.atomic():
        OfficeExport.objects.filter(pk=export.pk).update(
            status=OfficeExport.Status.DONE,
            file=name,
            rows_total=written,
            rows_done=written,
            finished_at=finished,
            expires_at=finished + timedelta(hours=settings.EXPORT_KEEP_HOURS),
        )
        audit(
            actor=user,
            action="dossiers.export",
            obj=export,
            format=export.kind,
            filters=export.query,
            rows=written,
        )
    export.refresh_from_db()
    return export


def export_downloaded(export: OfficeExport, *, user: Any) -> None:
    audit(actor=user, action="dossiers.export_downloaded", obj=export, format=export.kind)


def delete_expired_exports(*, now: datetime) -> int:
    """The files past their time, and their rows, deleted (the audit log keeps who asked)."""
    expired = list(OfficeExport.objects.filter(expires_at__lte=now))
    for export in expired:
        if export.file:
            default_storage.delete(str(export.file.name))
    OfficeExport.objects.filter(pk__in=[export.pk for export in expired]).delete()
    return len(expired)
