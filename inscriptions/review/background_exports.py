"""Exports of any size without a long request: past ``EXPORT_INLINE_MAX_ROWS`` rows, the
queue's list is written by a task into the storage (``export_builds``), its progress saved as it
goes, and the file offered to the one who asked until ``EXPORT_KEEP_HOURS`` later, when the
hourly job deletes it. Requests, builds and downloads are audited.

A task run twice (a retry) does not build twice: only a queued export is built, or one whose
build stopped (a worker that died) more than ``EXPORT_STALE_MINUTES`` ago."""

from datetime import datetime
from typing import Any

from django.db import transaction

from inscriptions.core import queueing
from inscriptions.core.models import audit

from . import tasks
from .models import OfficeExport


def export_request(*, user: Any, kind: str, query: dict[str, Any], now: datetime) -> OfficeExport:
    with transaction.atomic():
        export = OfficeExport.objects.create(
            requested_by=user, kind=kind, query=query, created_at=now
        )
        audit(
            actor=user, action="dossiers.export_requested", obj=export, format=kind, filters=query
        )
        queueing.enqueue_with(tasks.build_office_export, export.pk)
    return export
