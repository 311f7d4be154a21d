"""The office's forms: the queue's filters, the decisions, a document's review, a message."""

from collections.abc import Iterable
from datetime import datetime, time
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inscriptions import rules as r
from inscriptions.accounts.models import Role
from inscriptions.catalog.models import ExamSession, Specialty
from inscriptions.registration.models import State
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

from .models import DocumentRefusalReason, NonComplianceReason
from .selectors import DEFAULT_SORT, Deadline, Documents, QueueFilters

PARIS = ZoneInfo("Europe/Paris")
# An office deadline given as a day ends that day at 23:59, Paris time (the notices' hours).
DEADLINE_TIME = time(23, 59)

STATE_CHOICES = [("", _("Tous les états"))] + [
    (value, label) for value, label in State.choices if value != State.DRAFT
]
SORT_CHOICES = [
    ("number", _("Numéro de dossier (croissant)")),
    ("-number", _("Numéro de dossier (décroissant)")),
    ("name", _("Nom (A → Z)")),
    ("-name", _("Nom (Z → A)")),
    ("-validated", _("Dernière validation (récente d'abord)")),
    ("validated", _("Dernière validation (ancienne d'abord)")),
    ("due", _("Date limite de réponse (proche d'abord)")),
]


def current_session(sessions: Iterable[ExamSession]) -> ExamSession | None:
    """The latest session whose registrations have opened, else the earliest to come."""
    now = timezone.now()
    sessions = list(sessions)
    opened = [session for session in sessions if session.registration_opens_at <= now]
    if opened:
        return max(opened, key=lambda session: session.registration_opens_at)
    return min(sessions, key=lambda session: session.registration_opens_at, default=None)


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=100,
        help_text=_("Nom, numéro de dossier ou numéro de candidat"),
    )
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=ExamSession.objects.none(), required=False
    )
    specialty = forms.ModelChoiceField(
        label=_("Spécialité"),
        queryset=Specialty.objects.none(),
        required=False,
        empty_label=_("Toutes les spécialités"),
    )
    state = forms.ChoiceField(label=_("État"), choices=STATE_CHOICES, required=False)
    category = forms.ChoiceField(
        label=_("Catégorie"),
        choices=[("", _("Toutes les catégories")), *labels.choices(rf.Category)],
        required=False,
    )
    documents = forms.ChoiceField(
        label=_("Pièces"),
        choices=[
            ("", _("Toutes")),
            (Documents.MISSING, _("Pièces manquantes")),
            (Documents.REFUSED, _("Pièces refusées")),
            (Documents.COMPLETE, _("Aucune pièce manquante ni refusée")),
        ],
        required=False,
    )
    deadline = forms.ChoiceField(
        label=_("Délai de réponse"),
        choices=[
            ("", _("Tous")),
            (Deadline.SOON, _("Échéance dans les 3 jours")),
            (Deadline.PASSED, _("Échéance dépassée")),
        ],
        required=False,
    )
    accommodation = forms.ChoiceField(
        label=_("Aménagement d'épreuves"),
        choices=[("", _("Tous")), ("yes", _("Demandé")), ("no", _("Non demandé"))],
        required=False,
    )
    sort = forms.ChoiceField(label=_("Trier par"), choices=SORT_CHOICES, required=False)

    def __init__(self, data: Any = None, *, user: Any, **kwargs: Any) -> None:
        sessions = ExamSession.objects.filter(academy_id=user.academy_id).order_by("-exam_year")
        current = current_session(sessions)
        if current is not None and (data is None or "session" not in data):
            # First arrival: the session being processed, not every year at once (« Toutes les
            # sessions » stays one choice away).
            data = data.copy() if data is not None else QueryDict(mutable=True)
            data["session"] = str(current.pk)
        super().__init__(data, **kwargs)
        session_field = cast("forms.ModelChoiceField[Any]", self.fields["session"])
        session_field.queryset = sessions
        session_field.empty_label = _("Toutes les sessions")
        specialties = Specialty.objects.order_by("name", "option")
        if user.role != Role.ACADEMY_ADMIN:
            specialties = specialties.filter(pk__in=user.specialties.all())
        cast("forms.ModelChoiceField[Any]", self.fields["specialty"]).queryset = specialties

    def filters(self) -> QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        accommodation = {"yes": True, "no": False}.get(data.get("accommodation") or "")
        return QueueFilters(
            session=data["session"].pk if data.get("session") else None,
            specialty=data["specialty"].pk if data.get("specialty") else None,
            state=data.get("state") or "",
            category=data.get("category") or "",
            documents=data.get("documents") or "",
            deadline=data.get("deadline") or "",
            accommodation=accommodation,
            q=data.get("q") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )


class CompliantForm(forms.Form):
    prefix = "compliant"
    comment = forms.CharField(
        label=_("Message au candidat (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class NonCompliantForm(forms.Form):
    prefix = "noncompliant"
    reason_code = forms.ChoiceField(
        label=_("Motif"), choices=[("", "—"), *NonComplianceReason.choices]
    )
    comment = forms.CharField(
        label=_("Explication au candidat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class CompletionForm(forms.Form):
    prefix = "completion"
    documents = forms.MultipleChoiceField(
        label=_("Pièces à fournir"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    corrections = forms.CharField(
        label=_("Corrections demandées"),
        help_text=_("Ce que le candidat doit corriger dans son inscription."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    message = forms.CharField(
        label=_("Message au candidat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    due_on = forms.DateField(
        label=_("Date limite de réponse"),
        help_text=_("Le candidat peut répondre jusqu'à ce jour, 23 h 59 (heure de Paris)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, document_choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["documents"]).choices = document_choices

    def due_at(self) -> datetime | None:
        day = self.cleaned_data.get("due_on")
        return datetime.combine(day, DEADLINE_TIME, tzinfo=PARIS) if day else None


class ReopenForm(forms.Form):
    prefix = "reopen"
    reason = forms.CharField(
        label=_("Motif de la réouverture"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class DocumentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("accept", _("Accepter")), ("refuse", _("Refuser"))],
        widget=forms.RadioSelect,
    )
    reason_code = forms.ChoiceField(
        label=_("Motif du refus"),
        choices=[("", "—"), *DocumentRefusalReason.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Commentaire au candidat"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )


class BulkForm(forms.Form):
    """The action on the dossiers ticked in the queue (their numbers come as ``dossiers``, and
    only those in the user's scope are kept)."""

    prefix = "bulk"

    # No default: an action on many dossiers is always chosen, never taken by mistake.
    ACTIONS = [
        ("", _("— Choisissez une action —")),
        ("compliant", _("Déclarer conformes")),
        (
            "non_compliant_missing",
            _("Déclarer non conformes : pièces manquantes à la date limite de dépôt"),
        ),
        ("message", _("Envoyer un message")),
    ]

    action = forms.ChoiceField(
        label=_("Action sur la sélection"),
        choices=ACTIONS,
        error_messages={"required": _("Choisissez l'action à appliquer aux dossiers cochés.")},
    )
    body = forms.CharField(
        label=_("Message aux candidats sélectionnés"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "message" and not (data.get("body") or "").strip():
            self.add_error("body", _("Écrivez le message à envoyer."))
        return data


def selected_ids(values: list[str], limit: int = 500) -> list[int]:
    return [int(value) for value in values[:limit] if value.isdigit()]


def document_choices(required_codes: list[str]) -> list[tuple[str, str]]:
    """The dossier's required documents first, then every other kind of document."""
    from django.utils.translation import gettext

    known = {t.code: gettext(t.label) for t in r.document_types()}
    first = [(code, known.get(code, code)) for code in required_codes if code in known]
    rest = sorted(
        ((code, label) for code, label in known.items() if code not in required_codes),
        key=lambda item: item[1],
    )
    return first + rest
