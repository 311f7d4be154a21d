"""A dossier for the exam office: everything its page shows, its decisions, its documents'
review and its history."""

from datetime import datetime
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from inscriptions.abilities import DossierAbilities, dossier_abilities
from inscriptions.accounts.models import User
from inscriptions.api.documents import NoCacheMixin
from inscriptions.core import evidence
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents.models import DocumentStatus
from inscriptions.documents.selectors import DocumentLine
from inscriptions.registration import selectors as registration_selectors
from inscriptions.registration.models import Registration
from inscriptions.review import selectors, services
from inscriptions.review.dossier_page import ACTION_LABELS, explanations
from inscriptions.review.models import CompletionRequest
from inscriptions.review.services import ReviewRefused

from . import serializers as s
from .common import (
    ACCESS,
    CONFLICT,
    NOT_FOUND,
    TAG,
    IsOfficeMember,
    dossier_or_404,
    move_refusal,
    refusal_response,
)

ACTIONS = {move: action for action, move in s.MOVES.items()}
CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="Code de la pièce.")


def _version(version: Any) -> dict[str, Any]:
    return {
        "version": version.version,
        "reference": version.reference,
        "validated_at": version.validated_at,
    }


def _latest(version: Any) -> dict[str, Any] | None:
    if version is None:
        return None
    summary = version.summary
    return {
        **_version(version),
        "rows": [
            {"section": section, "label": label, "value": value or ""}
            for section, label, value in summary.get("rows", [])
        ],
        "units": summary.get("units", []),
        "warnings": summary.get("warnings", []),
    }


def _comparison(versions: list[Any]) -> dict[str, Any] | None:
    comparison = registration_selectors.compare(versions, None, None)
    if comparison is None:
        return None
    return {
        "before": _version(comparison["before"]),
        "after": _version(comparison["after"]),
        "changes": comparison["changes"],
    }


def _document(line: DocumentLine, abilities: DossierAbilities) -> dict[str, Any]:
    document = line.document
    current = line.current
    return {
        "code": line.code,
        "label": line.label,
        "required": line.required,
        "reasons": line.reasons,
        "due_at": line.due_at,
        "status": line.status,
        "status_label": line.status_label,
        "office_reason": document.office_reason if document else "",
        "office_reason_code": document.office_reason_code if document else "",
        "requested_until": document.requested_until if document else None,
        "status_changed_at": document.status_changed_at if document else None,
        "reviewed_file": document.reviewed_file_id if document else None,
        # As the page offers the decision: a file to look at, not already accepted.
        "can_decide": bool(
            abilities.review_documents
            and current is not None
            and current.downloadable
            and line.status != DocumentStatus.ACCEPTED
        ),
        "files": line.files,
    }


def _abilities(abilities: DossierAbilities) -> dict[str, Any]:
    return {
        "actions": [ACTIONS[move] for move in abilities.moves if move in ACTIONS],
        "moves": [move.value for move in abilities.moves],
        "review_documents": abilities.review_documents,
        "message": abilities.message,
    }


def dossier_data(user: Any, registration: Registration, *, now: datetime) -> dict[str, Any]:
    """What the office's dossier page shows, as data."""
    abilities = dossier_abilities(user, registration)
    versions = list(registration.versions.order_by("-version"))
    lines = document_selectors.document_lines(registration, now=now)
    candidate = registration.candidate
    return {
        "id": registration.pk,
        "reference": registration.reference,
        "number": registration.number,
        "version": registration.version,
        "state": registration.state,
        "state_label": registration.get_state_display(),
        "state_changed_at": registration.state_changed_at,
        "completion_due_at": registration.completion_due_at,
        "session": registration.session,
        "specialty": registration.specialty,
        "candidate": {
            "last_name": registration.last_name or candidate.last_name,
            "first_name": registration.first_name or candidate.first_name,
            "candidate_number": registration.candidate_number,
        },
        "category": registration.category,
        "category_label": s.category_label(registration.category),
        "exam_form": registration.exam_form,
        "accommodation_requested": registration.accommodation_requested,
        "first_validated_at": registration.first_validated_at,
        "last_validated_at": registration.last_validated_at,
        "latest_version": _latest(versions[0] if versions else None),
        "versions": [_version(version) for version in versions],
        "comparison": _comparison(versions),
        "documents": [_document(line, abilities) for line in lines],
        "explanations": explanations(registration, now=now),
        "state_changes": list(registration.state_changes.select_related("actor")),
        "completion_requests": list(
            CompletionRequest.objects.filter(registration=registration).select_related(
                "requested_by"
            )
        ),
        "abilities": _abilities(abilities),
    }


def dossier_response(request: Request, pk: int) -> Response:
    """The dossier as it is now (read again after a change)."""
    return _dossier_body(request, dossier_or_404(request, pk))


def _dossier_body(request: Request, registration: Registration) -> Response:
    data = dossier_data(request.user, registration, now=timezone.now())
    context = {"document_labels": document_selectors.label_of}
    return Response(s.OfficeDossierSerializer(data, context=context).data)


class OfficeView(NoCacheMixin, APIView):
    """Personal data, for the office with the second factor; never kept by a cache."""

    permission_classes = [IsOfficeMember]

    def actor(self) -> User:
        return cast(User, self.request.user)


class DossierView(OfficeView):
    @extend_schema(
        tags=[TAG],
        summary="Un dossier",
        description="Tout ce que montre la page du dossier : la dernière version validée "
        "(rubriques, épreuves), les versions et ce qui a changé entre les deux dernières, les "
        "pièces avec leurs fichiers et les décisions du bureau, les explications des règles, les "
        "changements d'état, les demandes de compléments, et les décisions possibles maintenant.",
        responses={**ACCESS, 200: s.OfficeDossierSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        registration = dossier_or_404(request, pk)
        evidence.dossier_read(request, registration, how="api")
        return _dossier_body(request, registration)


class DecisionView(OfficeView):
    @extend_schema(
        tags=[TAG],
        summary="Décider",
        description="« action » : compliant (conforme ; « comment » facultatif), non_compliant "
        "(non conforme : « reason_code » et « comment »), request_completion (à compléter : "
        "« documents » et/ou « corrections », « message », « due_at »), reopen (rouvrir un "
        "dossier décidé : « comment » dit pourquoi). Le candidat est prévenu. Les décisions "
        "possibles sont dans « abilities.actions » du dossier ; une autre, interdite par la "
        "table des états, est refusée avec 409 : la requête est valable, c'est l'état actuel "
        "du dossier qui ne le permet pas.",
        request=s.DecisionRequestSerializer,
        examples=[
            OpenApiExample(
                "non conforme",
                value={
                    "action": "non_compliant",
                    "reason_code": "not_eligible",
                    "comment": "Le diplôme requis n'est pas fourni.",
                },
                request_only=True,
            ),
            OpenApiExample(
                "à compléter",
                value={
                    "action": "request_completion",
                    "documents": ["identity"],
                    "message": "La copie de la pièce d'identité est illisible.",
                    "due_at": "2026-12-10T23:59:00+01:00",
                },
                request_only=True,
            ),
        ],
        responses={
            **ACCESS,
            200: OpenApiResponse(s.OfficeDossierSerializer, description="Le dossier, décidé."),
            400: OpenApiResponse(
                s.OfficeRefusalSerializer,
                description="Saisie invalide (messages par champ) ou refus du service : motif ou "
                "commentaire manquant, date limite hors des bornes, pièce inconnue… (le message, "
                "le champ, et les codes des constats).",
            ),
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        registration = dossier_or_404(request, pk)
        serializer = s.DecisionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        move = s.MOVES[data["action"]]
        if not dossier_abilities(request.user, registration).can(move):
            return refusal_response(move_refusal(registration, move), conflict=True)
        try:
            self._decide(registration, data)
        except ReviewRefused as refusal:
            return refusal_response(refusal)
        return dossier_response(request, pk)

    def _decide(self, registration: Registration, data: dict[str, Any]) -> None:
        now = timezone.now()
        action = data["action"]
        if action == "compliant":
            services.dossier_declare_compliant(
                registration=registration, actor=self.actor(), now=now, comment=data["comment"]
            )
        elif action == "non_compliant":
            services.dossier_declare_non_compliant(
                registration=registration,
                actor=self.actor(),
                reason_code=data["reason_code"],
                comment=data["comment"],
                now=now,
            )
        elif action == "request_completion":
            services.dossier_request_completion(
                registration=registration,
                actor=self.actor(),
                documents=data["documents"],
                corrections=data["corrections"],
                message=data["message"],
                due_at=data["due_at"],
                now=now,
            )
        else:
            services.dossier_reopen(
                registration=registration, actor=self.actor(), reason=data["comment"], now=now
            )


class DocumentDecisionView(OfficeView):
    @extend_schema(
        tags=[TAG],
        summary="Décider d'une pièce",
        description="Accepter le dernier fichier déposé pour la pièce, ou le refuser avec un "
        "motif (« reason_code ») et un commentaire que le candidat lit à côté de la pièce. "
        "Seulement pour un dossier en attente de traitement ou à compléter (409 sinon).",
        parameters=[CODE],
        request=s.DocumentDecisionRequestSerializer,
        responses={
            **ACCESS,
            200: OpenApiResponse(s.OfficeDocumentSerializer, description="La pièce, décidée."),
            400: OpenApiResponse(
                s.OfficeRefusalSerializer,
                description="Saisie invalide, motif ou commentaire manquant, ou aucun fichier "
                "déposé pour cette pièce.",
            ),
            404: NOT_FOUND,
            409: OpenApiResponse(
                s.OfficeRefusalSerializer, description="Le dossier est déjà décidé."
            ),
        },
    )
    def post(self, request: Request, pk: int, code: str) -> Response:
        registration = dossier_or_404(request, pk)
        serializer = s.DocumentDecisionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        abilities = dossier_abilities(request.user, registration)
        if not abilities.review_documents:
            refusal = ReviewRefused(_("Les pièces d'un dossier décidé ne se modifient plus."))
            return refusal_response(refusal, conflict=True)
        now = timezone.now()
        try:
            services.document_decide(
                registration=registration,
                code=code,
                actor=self.actor(),
                accept=data["decision"] == "accept",
                reason_code=data["reason_code"],
                comment=data["comment"],
                now=now,
            )
        except ReviewRefused as refusal:
            return refusal_response(refusal)
        lines = document_selectors.document_lines(registration, now=now)
        line = next(line for line in lines if line.code == code)
        return Response(s.OfficeDocumentSerializer(_document(line, abilities)).data)


class HistoryView(OfficeView):
    @extend_schema(
        tags=[TAG],
        summary="Historique du dossier",
        description="Le journal du dossier, le plus récent d'abord : chaque action (validation, "
        "dépôt, consultation d'une pièce par le bureau, décision, message…), par qui, sur quelle "
        "version, avec ses détails. Le journal ne se modifie jamais.",
        responses={**ACCESS, 200: s.HistoryEntrySerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        registration = dossier_or_404(request, pk)
        evidence.dossier_read(request, registration, how="api.history")
        entries = selectors.history(registration)
        context = {"action_labels": ACTION_LABELS}
        return Response(s.HistoryEntrySerializer(entries, many=True, context=context).data)
