"""The candidate's side of the office's work, on the dossier page of the candidate space: the
page, the answer to the office's request, a message to the office, the withdrawal.

Every view first finds the dossier among the candidate's own, whatever the method: anyone
else's is a 404. What the candidate may do is asked of ``abilities.dossier_abilities``; the
services refuse the rest, and their refusal comes back beside its field.
"""

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from inscriptions.abilities import dossier_abilities
from inscriptions.accounts.decorators import candidate_required
from inscriptions.accounts.models import User
from inscriptions.catalog import selectors as catalog_selectors
from inscriptions.core import evidence
from inscriptions.core.refusals import ServiceRefused
from inscriptions.notifications import forms as message_forms
from inscriptions.notifications import messages as messaging
from inscriptions.notifications import selectors as notification_selectors
from inscriptions.notifications import services as notifications
from inscriptions.registration import selectors as registration_selectors
from inscriptions.registration.models import Registration
from inscriptions.review import services

from . import page as candidate_page
from .forms import AnswerForm


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _own_dossier(request: HttpRequest, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related("session__academy", "specialty").filter(pk=pk).first()
    )
    if registration is None:
        raise Http404
    if not dossier_abilities(request.user, registration).own:
        evidence.access_refused(request, object_type="registration.registration", object_id=pk)
        raise Http404
    return registration


def _back(registration: Registration, anchor: str = "") -> HttpResponse:
    url = reverse("candidates:detail", args=[registration.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _page(
    request: HttpRequest, registration: Registration, *, status: int = 200, **given: Any
) -> HttpResponse:
    now = timezone.now()
    context = candidate_page.dossier_page_context(request, registration, now=now, **given)
    # What the page shows is seen: the office's messages and the dossier's notifications are
    # read once it has been put together (it still marks them as new this time).
    messaging.thread_read(registration=registration, reader=_user(request), now=now)
    notifications.notifications_read(user=_user(request), registration=registration, now=now)
    response = render(request, "candidates/detail.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _refusal_into(form: Any, refusal: ServiceRefused, default_field: str | None) -> None:
    form.add_error(
        refusal.field if refusal.field in form.fields else default_field, refusal.message
    )


@candidate_required
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    registrations = list(registration_selectors.registrations_of(request.user))
    taken = {registration.session_id for registration in registrations}
    notices = notification_selectors.dossier_notices(request.user)
    return render(
        request,
        "candidates/dashboard.html",
        {
            "page_title": _("Mon espace candidat"),
            # Each dossier with its unread notifications (None when there are none).
            "dossiers": [
                (registration, notices.get(registration.pk)) for registration in registrations
            ],
            "open_sessions": [
                session
                for session in catalog_selectors.sessions_open_at(now)
                if session.pk not in taken
            ],
            "taken_open_sessions": [
                session
                for session in catalog_selectors.sessions_open_at(now)
                if session.pk in taken
            ],
            "now": now,
        },
    )


@candidate_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own_dossier(request, pk)
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _page(request, registration)


@candidate_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer to the office's request: the dossier goes back to awaiting review."""
    registration = _own_dossier(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not dossier_abilities(request.user, registration).answer_completion:
        messages.error(request, _("Aucune demande du bureau des examens n'attend de réponse."))
        return _back(registration)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.completion_answer(
                registration=registration,
                actor=_user(request),
                answer=form.cleaned_data["answer"],
                now=timezone.now(),
            )
        except ServiceRefused as refusal:
            _refusal_into(form, refusal, None)
        else:
            messages.success(
                request,
                _(
                    "Votre réponse a été transmise au bureau des examens : votre dossier est de "
                    "nouveau en attente de traitement."
                ),
            )
            return _back(registration)
    return _page(request, registration, status=422, answer_form=form)


@candidate_required
def send_message(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own_dossier(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not dossier_abilities(request.user, registration).message:
        messages.error(request, _("Ce dossier ne reçoit plus de messages."))
        return _back(registration)
    form = message_forms.MessageForm(request.POST, request.FILES)
    if form.send(registration=registration, author=_user(request), now=timezone.now()):
        messages.success(request, _("Votre message a été envoyé au bureau des examens."))
        return _back(registration, "messages")
    return _page(request, registration, status=422, message_form=form)


@candidate_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """« Je ne souhaite plus présenter les épreuves » (001 FAQ): a page that says what it means,
    then the confirmation, posted."""
    registration = _own_dossier(request, pk)
    if request.method not in {"GET", "HEAD", "POST"}:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if not dossier_abilities(request.user, registration).withdraw:
        messages.error(request, _("Ce dossier ne permet pas de désistement."))
        return _back(registration)
    if request.method == "POST":
        try:
            services.dossier_withdraw(
                registration=registration, actor=_user(request), now=timezone.now()
            )
        except ServiceRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _(
                    "Votre désistement est enregistré : vous ne présenterez pas les épreuves de "
                    "la session %(year)s. Le bureau des examens en est informé."
                )
                % {"year": registration.session.exam_year},
            )
        return _back(registration)
    return render(
        request,
        "candidates/withdraw.html",
        {
            "page_title": _("Ne plus présenter les épreuves"),
            "registration": registration,
        },
    )
