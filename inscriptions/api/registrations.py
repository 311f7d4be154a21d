"""The candidate's registration through the API: the same services and rules as the candidate
space's pages, for an app or an establishment's software acting for the candidate."""

import json
from collections.abc import Mapping
from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from inscriptions import rules as r
from inscriptions.accounts.models import Role, User
from inscriptions.registration import confirmation, selectors, services, steps, summary
from inscriptions.registration.forms import StepForm
from inscriptions.registration.models import Registration, RegistrationVersion

from . import registration_serializers as s

TAG = "dossiers"
STEP_NAMES = [step.name for step in steps.STEPS]
# After the last screen comes the recap, as in the candidate space.
RECAP_STEP = "recapitulatif"

# Every route: no valid token nor session (401), or an account that is not a candidate's (403).
ACCESS = {
    401: OpenApiResponse(description="Non authentifié : jeton ou session manquant."),
    403: OpenApiResponse(description="Réservé aux candidats."),
}
NOT_FOUND = OpenApiResponse(description="Dossier inconnu, ou d'un autre candidat.")
REFUSED = OpenApiResponse(
    s.RefusalSerializer,
    description="Refusé : la période d'inscription est close, ou le dossier "
    "ne peut plus être modifié.",
)
NO_SPECIALTY = OpenApiResponse(
    s.RefusalSerializer, description="La spécialité n'est pas encore choisie."
)
FORM_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Saisie invalide : les messages par champ, "
    '{"birth_date": ["Saisissez une date valide."]} ; "non_field_errors" pour l\'étape.',
)
RULES_REFUSE = OpenApiResponse(
    s.RefusalSerializer,
    description="Les règles refusent la validation (période close, réponse manquante…) : "
    "les constats bloquants.",
)


class IsCandidate(permissions.BasePermission):
    """The candidate space is not the office's: other roles are refused (403)."""

    message = gettext_lazy("Réservé aux candidats.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return getattr(request.user, "role", None) == Role.CANDIDATE


class PdfRenderer(renderers.BaseRenderer):
    """Lets a client ask for ``Accept: application/pdf``; errors are still JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> Any:
        if isinstance(data, bytes):
            return data
        # An error (404…) asked for as a PDF: said in JSON, and labelled so.
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data).encode()


def _refusal(detail: str, found: tuple[r.Finding, ...], describer: s.FindingDescriber) -> Any:
    return {"detail": detail, "errors": [describer.describe(finding) for finding in found]}


def _form_errors(form: StepForm) -> dict[str, list[str]]:
    return {
        "non_field_errors" if name == "__all__" else name: [str(error) for error in errors]
        for name, errors in form.errors.items()
    }


def _values(registration: Registration, step: steps.Step, form: StepForm) -> dict[str, Any]:
    """As the page does: a returning candidate's first screen pre-fills from the earlier
    session's record."""
    values: dict[str, Any] = form.answers()
    if step.name == "debut" and values.get("returning") == "yes":
        services.registration_prefill_from_record(
            registration=registration,
            candidate_number=values.get("candidate_number", ""),
            birth_date=form.cleaned_data.get("birth_date"),
        )
    return values


@extend_schema(tags=[TAG])
class RegistrationViewSet(viewsets.GenericViewSet[Registration]):
    """Candidates only; another candidate's dossier is a 404, never a 403."""

    permission_classes = [permissions.IsAuthenticated, IsCandidate]
    serializer_class = s.RegistrationSerializer

    def get_queryset(self) -> QuerySet[Registration]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the schema
            return Registration.objects.none()
        return selectors.registrations_of(self.request.user)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # Personal data: never kept by a cache on the way.
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def _candidate(self) -> User:
        return cast(User, self.request.user)

    def _detail(self, registration: Registration, code: int = status.HTTP_200_OK) -> Response:
        context = {**self.get_serializer_context(), "now": timezone.now()}
        serializer = s.RegistrationDetailSerializer(registration, context=context)
        return Response(serializer.data, status=code)

    @extend_schema(
        summary="Mes dossiers",
        description="Les dossiers d'inscription du candidat connecté, toutes sessions.",
        responses={**ACCESS, 200: s.RegistrationSerializer(many=True)},
    )
    def list(self, request: Request, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        serializer = s.RegistrationSerializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        summary="Commencer une inscription",
        description="Crée le dossier du candidat dans cette session (201), ou renvoie celui qui "
        "existe déjà (200) : un seul dossier par candidat et par session.",
        request=s.RegistrationStartSerializer,
        responses={
            **ACCESS,
            200: s.RegistrationDetailSerializer,
            201: s.RegistrationDetailSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Session inconnue."),
            409: REFUSED,
        },
    )
    def create(self, request: Request, **kwargs: Any) -> Response:
        serializer = s.RegistrationStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = serializer.validated_data["session"]
        now = timezone.now()
        try:
            registration, created = services.registration_begin(
                candidate=self._candidate(), session=session, now=now
            )
        except services.RegistrationRefused as refused:
            detail = _("Les inscriptions ne sont pas ouvertes dans cette session.")
            describer = s.FindingDescriber(None, now=now)
            return Response(_refusal(detail, refused.findings, describer), status=409)
        return self._detail(registration, status.HTTP_201_CREATED if created else 200)

    @extend_schema(
        summary="Un dossier",
        description="État, référence (numéro et version, par ex. 175-1), réponses, étape en "
        "cours, et les étapes qui s'appliquent à ce dossier avec leurs champs : de quoi "
        "construire les écrans de saisie.",
        responses={**ACCESS, 200: s.RegistrationDetailSerializer, 404: NOT_FOUND},
    )
    def retrieve(self, request: Request, pk: str, **kwargs: Any) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        summary="Enregistrer une étape",
        description="Les champs de l'étape (voir « steps[].fields » du dossier), vérifiés par le "
        "formulaire de l'étape puis enregistrés ; viennent ensuite les constats des règles sur "
        "cette étape : 200 sans constat bloquant, 422 sinon (les réponses sont enregistrées "
        "dans les deux cas, comme sur les pages). Une étape qui ne s'applique pas à ce dossier "
        "est une 404.",
        parameters=[
            OpenApiParameter("step", str, OpenApiParameter.PATH, enum=STEP_NAMES),
        ],
        request={"application/json": OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "publication",
                value={"publish_results_press": "yes", "share_with_local_authorities": "no"},
                request_only=True,
            )
        ],
        responses={
            **ACCESS,
            200: OpenApiResponse(
                s.StepResultSerializer, description="Enregistrée ; des avertissements, peut-être."
            ),
            400: FORM_ERRORS,
            404: NOT_FOUND,
            409: REFUSED,
            422: OpenApiResponse(
                s.StepResultSerializer,
                description="Enregistrée, mais les règles y trouvent des erreurs bloquantes, "
                "chacune avec son champ.",
            ),
        },
    )
    @action(detail=True, methods=["put"], url_path=r"steps/(?P<step>[a-z]+)", url_name="step")
    def save_step(self, request: Request, pk: str, step: str, **kwargs: Any) -> Response:
        registration = self.get_object()
        wizard_step = steps.STEP_BY_NAME.get(step)
        if wizard_step is None or wizard_step not in steps.applicable_steps(registration):
            raise NotFound(_("Cette étape ne s'applique pas à ce dossier."))
        now = timezone.now()
        describer = s.FindingDescriber(registration, now=now)
        if not selectors.is_editable(registration, now=now):
            return Response(
                _refusal(
                    _("Ce dossier ne peut plus être modifié."),
                    services.signature_lock(registration),
                    describer,
                ),
                409,
            )
        if not isinstance(request.data, Mapping):
            return Response({"non_field_errors": [_("Un objet JSON est attendu.")]}, status=400)
        form = wizard_step.form_class(request.data, context=describer.context(wizard_step))
        if not form.is_valid():
            return Response(_form_errors(form), status=400)
        _previous, following = steps.neighbours(registration, wizard_step.name)
        try:
            registration = services.registration_save_step(
                registration=registration,
                step=steps.ANSWER_KEYS[wizard_step.name],
                values=_values(registration, wizard_step, form),
                next_step=following.name if following else RECAP_STEP,
                now=now,
            )
        except services.RegistrationRefused as refused:
            detail = _("Ce dossier ne peut plus être modifié.")
            return Response(_refusal(detail, refused.findings, describer), status=409)
        found = steps.findings_for(registration, wizard_step, now=now)
        result = {
            **s.FindingDescriber(registration, now=now).split(found, step=wizard_step, form=form),
            "next_step": following.name if following else None,
        }
        return Response(
            s.StepResultSerializer(result).data, status=422 if result["errors"] else 200
        )

    @extend_schema(
        summary="Récapitulatif",
        description="La décision des règles sur le dossier tel qu'il serait validé : erreurs "
        "bloquantes, avertissements, position de chaque unité, pièces à fournir et leur date "
        "limite.",
        responses={**ACCESS, 200: s.RecapSerializer, 404: NOT_FOUND, 409: NO_SPECIALTY},
    )
    @action(detail=True, methods=["get"])
    def recap(self, request: Request, pk: str, **kwargs: Any) -> Response:
        registration = self.get_object()
        now = timezone.now()
        describer = s.FindingDescriber(registration, now=now)
        if registration.specialty_id is None:
            return Response(_refusal(_("Choisissez d'abord la spécialité."), (), describer), 409)
        decision = selectors.decision_for(registration, now=now)
        recap = {
            "errors": [describer.describe(finding) for finding in decision.errors],
            "warnings": [describer.describe(finding) for finding in decision.warnings],
            "units": summary.unit_lines(decision),
            "documents": summary.document_lines(decision),
        }
        return Response(s.RecapSerializer(recap).data)

    @extend_schema(
        summary="Valider l'inscription",
        description="« Valider votre inscription » : un numéro de dossier à la première "
        "validation, une nouvelle version à chaque modification validée. 422 avec les constats "
        "bloquants quand les règles refusent (période close, réponse manquante…).",
        request=None,
        responses={
            **ACCESS,
            201: s.VersionSerializer,
            404: NOT_FOUND,
            409: NO_SPECIALTY,
            422: RULES_REFUSE,
        },
    )
    @action(detail=True, methods=["post"])
    def validate(self, request: Request, pk: str, **kwargs: Any) -> Response:
        registration = self.get_object()
        now = timezone.now()
        describer = s.FindingDescriber(registration, now=now)
        if registration.specialty_id is None:
            return Response(_refusal(_("Choisissez d'abord la spécialité."), (), describer), 409)
        refused_detail = _("L'inscription ne peut pas être validée.")
        if not selectors.is_editable(registration, now=now):
            found = (
                services.signature_lock(registration)
                or selectors.decision_for(registration, now=now).errors
            )
            return Response(_refusal(refused_detail, found, describer), status=422)
        try:
            version = services.registration_validate(
                registration=registration, actor=self._candidate(), now=now
            )
        except services.RegistrationRefused as refused:
            return Response(_refusal(refused_detail, refused.findings, describer), status=422)
        context = self.get_serializer_context()
        return Response(s.VersionSerializer(version, context=context).data, status=201)

    @extend_schema(
        summary="Abandonner",
        description="Supprime un brouillon (204) ; pour un dossier déjà validé, abandonne la "
        "modification en cours et revient à la dernière version validée (200).",
        request=None,
        responses={**ACCESS, 200: s.RegistrationDetailSerializer, 204: None, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def abandon(self, request: Request, pk: str, **kwargs: Any) -> Response:
        registration = self.get_object()
        remaining = services.registration_abandon(
            registration=registration, actor=self._candidate()
        )
        if remaining is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self._detail(remaining)

    @extend_schema(
        summary="Versions validées",
        description="Chaque validation, de la plus ancienne à la plus récente, avec sa "
        "confirmation d'inscription.",
        responses={**ACCESS, 200: s.VersionSerializer(many=True), 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request: Request, pk: str, **kwargs: Any) -> Response:
        registration = self.get_object()
        serializer = s.VersionSerializer(
            registration.versions.order_by("version"),
            many=True,
            context=self.get_serializer_context(),
        )
        return Response(serializer.data)

    @extend_schema(
        summary="Confirmation d'inscription (PDF)",
        description="La confirmation d'une version validée, en pièce jointe.",
        parameters=[
            OpenApiParameter("number", int, OpenApiParameter.PATH, description="La version."),
            # The PDF renderer is there for "Accept: application/pdf", not as a format to choose.
            OpenApiParameter("format", exclude=True),
        ],
        responses={
            **ACCESS,
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            404: NOT_FOUND,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>\d+)/confirmation",
        url_name="confirmation",
        renderer_classes=[renderers.JSONRenderer, PdfRenderer],
    )
    def confirmation(self, request: Request, pk: str, number: str, **kwargs: Any) -> HttpResponse:
        registration = self.get_object()
        version = get_object_or_404(
            RegistrationVersion, registration=registration, version=int(number)
        )
        response = HttpResponse(
            confirmation.store_confirmation(version), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{confirmation.confirmation_file_name(version)}"'
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
