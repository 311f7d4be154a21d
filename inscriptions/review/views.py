"""The exam office's pages: the queue, a dossier, its decisions, its documents, bulk actions.

Every view is guarded by ``office_member_required`` (password and second factor) and finds the
dossier through ``selectors.dossier_for_office``: out of scope is 404. What a user may do is
asked of ``abilities.dossier_abilities``, by the views and the templates alike.
"""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inscriptions.abilities import dossier_abilities, may_see_service_state
from inscriptions.accounts.models import User
from inscriptions.accounts.otp import office_member_required
from inscriptions.core import evidence
from inscriptions.core.refusals import ServiceRefused
from inscriptions.core.replica import replica_reads
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents import services as document_services
from inscriptions.documents.downloads import _protect
from inscriptions.documents.models import UploadedFile
from inscriptions.notifications import forms as message_forms
from inscriptions.notifications import messages as messaging
from inscriptions.notifications.models import MessageAttachment
from inscriptions.registration.models import Registration
from inscriptions.registration.selectors import dossiers_in_scope

from . import forms, preview, selectors, services
from .dossier_page import dossier_context
from .pagination import CountedPaginator

PAGE_SIZE = 50
# The preview frame's page: its own images (data: URIs) and inline style, nothing else.
FRAME_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _count_label(counts: list[int]) -> str:
    """The sum of some counts per state, « plus de N » when one of them stopped at the cap."""
    capped = any(selectors.is_capped(count) for count in counts)
    total = sum(min(count, selectors.COUNT_CAP) for count in counts)
    text = number_format(total, force_grouping=True)
    return _("plus de %(count)s") % {"count": text} if capped else text


def _staff(request: HttpRequest) -> User:
    return cast(User, request.user)


def _dossier_or_404(request: HttpRequest, pk: int) -> Registration:
    registration = selectors.dossier_for_office(request.user, pk)
    if registration is None:
        evidence.access_refused(request, object_type="registration.registration", object_id=pk)
        raise Http404
    return registration


@require_GET
@office_member_required
@replica_reads
def queue(request: HttpRequest) -> HttpResponse:
    form = forms.QueueFilterForm(request.GET, user=request.user)
    filters = form.filters()
    now = timezone.now()
    counts = selectors.state_counts(request.user, filters, now=now)
    total = selectors.queue_total(filters, counts)
    shown = [counts.get(filters.state, 0)] if filters.state else list(counts.values())
    paginator = CountedPaginator(
        selectors.dossiers_for_review(request.user, filters, now=now),
        PAGE_SIZE,
        total=min(total, selectors.COUNT_CAP * len(shown)),
    )
    page = paginator.get_page(request.GET.get("page"))
    query = filters.as_query()
    return render(
        request,
        "review/queue.html",
        {
            "page_title": _("Dossiers à traiter"),
            "form": form,
            "page": page,
            "counts": counts,
            # « Plus de N » where a count stopped at the cap.
            "all_label": _count_label(list(counts.values())),
            "list_label": _count_label(shown),
            "total_capped": any(selectors.is_capped(count) for count in shown),
            "query": urlencode(query),
            "state_links": [
                (state, label, counts.get(state, 0), urlencode({**query, "state": state}))
                for state, label in forms.STATE_CHOICES
                if state
            ],
            "bulk_form": forms.BulkForm(),
            "incomplete_at_deadline": selectors.incomplete_at_documents_deadline(
                request.user, now=now
            ),
            "may_see_service_state": may_see_service_state(request.user),
            "now": now,
        },
    )


@require_GET
@office_member_required
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _dossier_or_404(request, pk)
    now = timezone.now()
    messaging.thread_read(registration=registration, reader=_staff(request), now=now)
    evidence.dossier_read(request, registration, how="page")
    return render(request, "review/dossier.html", dossier_context(request, registration, now=now))


def _back(registration: Registration, anchor: str = "") -> HttpResponse:
    url = reverse("review:dossier", args=[registration.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _render_with_errors(
    request: HttpRequest, registration: Registration, **forms_with_errors: Any
) -> HttpResponse:
    context = dossier_context(request, registration, now=timezone.now(), **forms_with_errors)
    context["page_title"] = _("Erreur : %(title)s") % {"title": context["page_title"]}
    return render(request, "review/dossier.html", context, status=400)


def _refusal_into(form: Any, refusal: ServiceRefused, default_field: str) -> None:
    field = refusal.field if refusal.field in form.fields else default_field
    form.add_error(field if field in form.fields else None, refusal.message)


@require_POST
@office_member_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the moves the state table gives the office: conforme, non conforme, à compléter,
    reopen. Errors come back beside their field, with what was entered."""
    registration = _dossier_or_404(request, pk)
    now = timezone.now()
    action = request.POST.get("action", "")
    abilities = dossier_abilities(request.user, registration)
    if action == "compliant":
        form: Any = forms.CompliantForm(request.POST)
        # A refusal names no field of this form (the pieces): said above it.
        form_name, default_field = "compliant_form", ""
        call: Any = lambda data: services.dossier_declare_compliant(  # noqa: E731
            registration=registration, actor=_staff(request), now=now, comment=data["comment"]
        )
    elif action == "non_compliant":
        form = forms.NonCompliantForm(request.POST)
        form_name, default_field = "non_compliant_form", "comment"
        call = lambda data: services.dossier_declare_non_compliant(  # noqa: E731
            registration=registration,
            actor=_staff(request),
            reason_code=data["reason_code"],
            comment=data["comment"],
            now=now,
        )
    elif action == "request":
        required = [
            line.code
            for line in document_selectors.document_lines(registration, now=now)
            if line.required
        ]
        form = forms.CompletionForm(request.POST, document_choices=forms.document_choices(required))
        form_name, default_field = "completion_form", "documents"
        call = lambda data: services.dossier_request_completion(  # noqa: E731
            registration=registration,
            actor=_staff(request),
            documents=data["documents"],
            corrections=data["corrections"],
            message=data["message"],
            due_at=form.due_at(),
            now=now,
        )
    elif action == "reopen":
        form = forms.ReopenForm(request.POST)
        form_name, default_field = "reopen_form", "reason"
        call = lambda data: services.dossier_reopen(  # noqa: E731
            registration=registration, actor=_staff(request), reason=data["reason"], now=now
        )
    else:
        raise Http404
    if not abilities.decide:
        messages.error(request, _("Ce dossier ne peut plus recevoir cette décision."))
        return _back(registration, "decision")
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ServiceRefused as refusal:
            _refusal_into(form, refusal, default_field)
        else:
            registration.refresh_from_db()
            messages.success(
                request,
                _("Dossier %(ref)s : « %(state)s ».")
                % {"ref": registration.reference, "state": registration.get_state_display()},
            )
            return _back(registration, "decision")
    return _render_with_errors(request, registration, **{form_name: form})


@require_POST
@office_member_required
def document_decide(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    registration = _dossier_or_404(request, pk)
    form = forms.DocumentDecisionForm(request.POST, prefix=code)
    if form.is_valid():
        try:
            services.document_decide(
                registration=registration,
                code=code,
                actor=_staff(request),
                accept=form.cleaned_data["decision"] == "accept",
                reason_code=form.cleaned_data["reason_code"],
                comment=form.cleaned_data["comment"],
                now=timezone.now(),
            )
        except ServiceRefused as refusal:
            _refusal_into(form, refusal, "decision")
        else:
            messages.success(
                request,
                _("Pièce « %(label)s » : décision enregistrée.")
                % {"label": document_selectors.label_of(code)},
            )
            return _back(registration, f"piece-{code}")
    return _render_with_errors(request, registration, document_forms={code: form})


@require_POST
@office_member_required
def send_message(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _dossier_or_404(request, pk)
    form = message_forms.MessageForm(request.POST, request.FILES)
    if form.send(registration=registration, author=_staff(request), now=timezone.now()):
        messages.success(request, _("Message envoyé au candidat."))
        return _back(registration, "messages")
    return _render_with_errors(request, registration, message_form=form)


def _file_in_scope(request: HttpRequest, file_pk: int) -> UploadedFile:
    uploaded = (
        UploadedFile.objects.select_related("document__registration__session")
        .filter(pk=file_pk)
        .first()
    )
    if uploaded is None or not uploaded.downloadable:
        raise Http404
    abilities = dossier_abilities(request.user, uploaded.document.registration)
    if not abilities.office:
        evidence.access_refused(request, object_type="documents.uploadedfile", object_id=file_pk)
        raise Http404
    return uploaded


@require_GET
@office_member_required
def document_frame(request: HttpRequest, file_pk: int) -> HttpResponse:
    """The inline preview, loaded in a sandboxed frame of the dossier page: the document's pages
    drawn as PNG on the server, inside the frame's own page (no request leaves the sandbox).
    Each staff view of a document is written to the audit log."""
    uploaded = _file_in_scope(request, file_pk)
    try:
        pages = preview.pages_as_data_uris(uploaded)
    except preview.PreviewUnavailable:
        pages = []
    document_services.document_viewed(uploaded=uploaded, actor=_staff(request), how="preview")
    response = render(request, "review/preview_frame.html", {"uploaded": uploaded, "pages": pages})
    _protect(response)
    # Nothing but the pages drawn as images and the frame's own stylesheet; shown only inside
    # the dossier page of this site.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src data:; style-src 'self'; frame-ancestors 'self'"
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@require_POST
@office_member_required
def bulk(request: HttpRequest) -> HttpResponse:
    """Conforme, or a message, for the dossiers ticked in the queue (those in scope only)."""
    form = forms.BulkForm(request.POST)
    ids = forms.selected_ids(request.POST.getlist("dossiers"))
    back = reverse("review:queue") + (
        "?" + request.POST["query"] if request.POST.get("query") else ""
    )
    if not ids:
        messages.error(request, _("Cochez au moins un dossier."))
        return redirect(back)
    if not form.is_valid():
        for error in form.errors.get("body", []) + form.errors.get("action", []):
            messages.error(request, str(error))
        return redirect(back)
    in_scope = list(dossiers_in_scope(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    now = timezone.now()
    if form.cleaned_data["action"] in {"compliant", "non_compliant_missing"}:
        compliant = form.cleaned_data["action"] == "compliant"
        decide = (
            services.bulk_declare_compliant
            if compliant
            else services.bulk_declare_non_compliant_missing
        )
        done, refused = decide(registration_ids=in_scope, actor=_staff(request), now=now)
        if done:
            told = (
                _("%(count)s dossier(s) déclaré(s) conforme(s) : %(refs)s.")
                if compliant
                else _(
                    "%(count)s dossier(s) déclaré(s) non conforme(s) pour pièces manquantes, "
                    "candidats prévenus : %(refs)s."
                )
            )
            messages.success(
                request,
                told % {"count": len(done), "refs": ", ".join(r.reference for r in done)},
            )
        for registration, why in refused:
            messages.error(request, f"{registration.reference} : {why}")
    else:
        sent = 0
        for registration in Registration.objects.filter(pk__in=in_scope).select_related("session"):
            try:
                messaging.message_send(
                    registration=registration,
                    author=_staff(request),
                    body=form.cleaned_data["body"],
                    now=now,
                )
                sent += 1
            except ServiceRefused as refusal:
                messages.error(request, f"{registration.reference} : {refusal.message}")
        messages.success(request, _("Message envoyé à %(count)s candidat(s).") % {"count": sent})
    return redirect(back)


@require_GET
def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A message's attachment, for the candidate of the dossier and the office in scope."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = (
        MessageAttachment.objects.select_related("message__registration__session")
        .filter(pk=pk)
        .first()
    )
    if found is None or not dossier_abilities(request.user, found.message.registration).view:
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
    _protect(response)
    return response
