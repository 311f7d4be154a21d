"""The office's exports and figures: the queue's list as CSV or XLSX, the documents of the ticked
dossiers as a ZIP file, and the statistics page.

Guarded like every office page (``office_member_required``), in the user's scope; each export
is written to the audit log before its first byte leaves.
"""

import tempfile
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inscriptions import abilities
from inscriptions.accounts.models import User
from inscriptions.accounts.otp import office_member_required
from inscriptions.core import scheduler
from inscriptions.core.models import audit
from inscriptions.core.replica import replica_reads
from inscriptions.documents.downloads import _protect
from inscriptions.registration.selectors import dossiers_in_scope

from . import (
    archive,
    background_exports,
    export_builds,
    exports,
    forms,
    kept_statistics,
    statistics,
)
from .models import OfficeExport
from .selectors import QueueFilters

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest) -> QueueFilters:
    return forms.QueueFilterForm(request.GET or None, user=request.user).filters()


def _file_name(extension: str) -> str:
    return f"dossiers-{timezone.localdate():%Y-%m-%d}.{extension}"


def _audit_export(user: Any, kind: str, filters: QueueFilters, rows: int) -> None:
    with transaction.atomic():
        audit(
            actor=user,
            action="dossiers.export",
            obj=user.academy or user,
            format=kind,
            filters=filters.as_query(),
            rows=rows,
        )


def _too_large(request: HttpRequest, kind: str, filters: QueueFilters, rows: int) -> HttpResponse:
    """Past the inline limit: the page that offers to prepare the file in the background."""
    return render(
        request,
        "review/export_large.html",
        {
            "page_title": _("Exporter la liste filtrée"),
            "kind": kind,
            "rows": rows,
            "query": urlencode(filters.as_query()),
            "limit": settings.EXPORT_INLINE_MAX_ROWS,
            "keep_hours": settings.EXPORT_KEEP_HOURS,
        },
    )


@require_GET
@office_member_required
@replica_reads
def export_csv(request: HttpRequest) -> HttpResponseBase:
    """The queue's filtered list, streamed: the first rows leave before the last are read.
    Past ``EXPORT_INLINE_MAX_ROWS`` rows, prepared in the background instead."""
    filters, now = _filters(request), timezone.now()
    rows = exports.export_count(request.user, filters, now=now)
    if rows > settings.EXPORT_INLINE_MAX_ROWS:
        return _too_large(request, "csv", filters, rows)
    _audit_export(request.user, "csv", filters, rows)
    response = StreamingHttpResponse(
        exports.csv_chunks(exports.export_rows(request.user, filters, now=now)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name("csv")}"'
    _protect(response)
    return response


@require_GET
@office_member_required
@replica_reads
def export_xlsx(request: HttpRequest) -> HttpResponseBase:
    filters, now = _filters(request), timezone.now()
    count = exports.export_count(request.user, filters, now=now)
    if count > settings.EXPORT_INLINE_MAX_ROWS:
        return _too_large(request, "xlsx", filters, count)
    # Unlinked at once on POSIX systems: the file goes when the response closes it.
    workbook = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it)
    try:
        rows = exports.write_xlsx(exports.export_rows(request.user, filters, now=now), workbook)
        _audit_export(request.user, "xlsx", filters, rows)
        workbook.seek(0)
    except BaseException:
        workbook.close()
        raise
    response = FileResponse(
        workbook, as_attachment=True, filename=_file_name("xlsx"), content_type=XLSX_TYPE
    )
    _protect(response)
    return response


@require_POST
@office_member_required
def export_request(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    if kind not in OfficeExport.Kind.values:
        raise Http404
    form = forms.QueueFilterForm(QueryDict(request.POST.get("query", "")), user=request.user)
    export = background_exports.export_request(
        user=request.user, kind=kind, query=form.filters().as_query(), now=timezone.now()
    )
    return redirect("review:export_status", pk=export.pk)


def _own_export(request: HttpRequest, pk: int) -> OfficeExport:
    """The user's own export; anyone else's is a 404."""
    export = OfficeExport.objects.filter(pk=pk, requested_by=request.user.pk).first()
    if export is None:
        raise Http404
    return export


@require_GET
@office_member_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    export = _own_export(request, pk)
    return render(
        request,
        "review/export_status.html",
        {"page_title": _("Export de la liste filtrée"), "export": export},
    )


@require_GET
@office_member_required
def export_progress(request: HttpRequest, pk: int) -> JsonResponse:
    export = _own_export(request, pk)
    response = JsonResponse(
        {
            "status": export.status,
            "rows_done": export.rows_done,
            "rows_total": export.rows_total,
            "percent": export.percent,
        }
    )
    _protect(response)
    return response


@require_GET
@office_member_required
def export_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    export = _own_export(request, pk)
    if export.status != OfficeExport.Status.DONE or not export.file:
        raise Http404
    export_builds.export_downloaded(export, user=request.user)
    response = FileResponse(
        default_storage.open(str(export.file.name), "rb"),
        as_attachment=True,
        filename=f"dossiers-{timezone.localtime(export.created_at):%Y-%m-%d}.{export.kind}",
        content_type=XLSX_TYPE if export.kind == OfficeExport.Kind.XLSX else "text/csv",
    )
    _protect(response)
    return response


def _back_to_queue(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    return redirect(reverse("review:queue") + (f"?{query}" if query else ""))


@require_POST
@office_member_required
def documents_zip(request: HttpRequest) -> HttpResponseBase:
    """The current files of the ticked dossiers' documents (those in scope only), streamed as
    one ZIP file; each dossier's files are written to its audit log."""
    ids = forms.selected_ids(request.POST.getlist("dossiers"), limit=archive.MAX_DOSSIERS + 1)
    if not ids:
        messages.error(request, _("Cochez au moins un dossier."))
        return _back_to_queue(request)
    if len(set(ids)) > archive.MAX_DOSSIERS:
        messages.error(
            request,
            _("Cochez au plus %(max)s dossiers pour télécharger leurs pièces.")
            % {"max": archive.MAX_DOSSIERS},
        )
        return _back_to_queue(request)
    dossiers = list(
        dossiers_in_scope(request.user)
        .filter(pk__in=ids)
        .select_related("session")
        .order_by("session__exam_year", "number", "pk")
    )
    if not dossiers:
        raise Http404
    plan = archive.archive_plan(dossiers)
    with transaction.atomic():
        for registration in dossiers:
            files = plan.files_by_dossier[registration.pk]
            if files:
                audit(
                    actor=request.user,
                    action="documents.download",
                    obj=registration,
                    codes=[uploaded.document.code for uploaded in files],
                    files=[uploaded.pk for uploaded in files],
                )
    now = timezone.now()
    response = StreamingHttpResponse(
        archive.zip_chunks(plan, now=now), content_type="application/zip"
    )
    name = f"pieces-dossiers-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    _protect(response)
    return response


@require_GET
@office_member_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    form = forms.QueueFilterForm(request.GET or None, user=request.user)
    session = form.filters().session
    counted, counting = kept_statistics.kept_figures(
        request.user, session=session, now=timezone.now()
    )
    return render(
        request,
        "review/statistics.html",
        {
            "page_title": _("Statistiques des inscriptions"),
            "form": form,
            "figures": counted.figures if counted else None,
            "counted_at": counted.counted_at if counted else None,
            "counting": counting,
            "session": form.cleaned_data.get("session") if form.is_bound else None,
            "days": statistics.DAYS,
        },
    )


@require_GET
@office_member_required
def service_state(request: HttpRequest) -> HttpResponse:
    """The periodic jobs: when each last ran, how it ended, when it runs next, and whether a
    scheduler is running them. An académie's administrators only (404 for other staff)."""
    if not abilities.may_see_service_state(request.user):
        raise Http404
    now = timezone.now()
    audit(actor=request.user, action="service.state_read", obj=cast(User, request.user))
    return render(
        request,
        "review/service_state.html",
        {
            "page_title": _("État du service"),
            "lease": scheduler.lease_state(now=now),
            "states": scheduler.job_states(now=now),
            "now": now,
        },
    )
