"""The exam office's queue through the API: the same filters, search, order and counts as the
queue page (its own form reads them), and « conforme » for many dossiers at once."""

from typing import Any

from django.core.paginator import Paginator
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from inscriptions.registration.selectors import dossiers_in_scope
from inscriptions.review import forms, selectors, services
from inscriptions.review.pagination import CountedPaginator

from . import serializers as s
from .common import ACCESS, INPUT_ERRORS, TAG
from .dossier import OfficeView


class QueuePagination(PageNumberPagination):
    page_size = 50  # as the queue page
    page_size_query_param = "page_size"
    max_page_size = 200

    def __init__(self, *, total: int) -> None:
        self.total = total

    # DRF builds its paginator from this attribute (a class there, a method here).
    def django_paginator_class(  # type: ignore[override]
        self, object_list: Any, per_page: int
    ) -> Paginator[Any]:
        return CountedPaginator(object_list, per_page, total=self.total)


def _choices(name: str) -> list[str]:
    field = forms.QueueFilterForm.base_fields[name]
    return [str(value) for value, _label in getattr(field, "choices", []) if value]


FILTERS = [
    OpenApiParameter("session", int, description="Session d'examen (id, de l'académie)."),
    OpenApiParameter("specialty", int, description="Spécialité (id, parmi celles du compte)."),
    OpenApiParameter("state", str, enum=_choices("state"), description="État du dossier."),
    OpenApiParameter("category", str, enum=_choices("category"), description="Catégorie."),
    OpenApiParameter(
        "documents",
        str,
        enum=_choices("documents"),
        description="missing : des pièces manquent ; refused : des pièces sont refusées ; "
        "complete : aucune pièce manquante ni refusée.",
    ),
    OpenApiParameter(
        "deadline",
        str,
        enum=_choices("deadline"),
        description="Dossiers à compléter dont la date limite de réponse est dans les 3 jours "
        "(soon) ou passée (passed).",
    ),
    OpenApiParameter(
        "accommodation", str, enum=_choices("accommodation"), description="Aménagement demandé."
    ),
    OpenApiParameter(
        "q", str, description="Nom (début, sans accents), numéro de dossier ou de candidat."
    ),
    OpenApiParameter("sort", str, enum=_choices("sort"), description="Ordre ; number par défaut."),
    OpenApiParameter("page", int, description="Page (à partir de 1)."),
    OpenApiParameter(
        "page_size", int, description="Dossiers par page : 50 par défaut, 200 au plus."
    ),
]


class QueueView(OfficeView):
    @extend_schema(
        tags=[TAG],
        operation_id="v1_office_dossiers_list",
        summary="Dossiers à traiter",
        description="Les dossiers validés du périmètre du compte (son académie ; pour un "
        "gestionnaire, ses spécialités), avec les filtres, la recherche et l'ordre de la page "
        "« Dossiers à traiter », par pages de 50, et le nombre de dossiers de chaque état : "
        "au-delà de 2 000 dossiers, un état compte 2 001 (« plus de 2 000 ») et "
        "« count_capped » est vrai.",
        parameters=FILTERS,
        responses={
            **ACCESS,
            200: s.QueuePageSerializer,
            400: INPUT_ERRORS,
            404: OpenApiResponse(description="Page inexistante ; ou compte candidat."),
        },
    )
    def get(self, request: Request) -> Response:
        form = forms.QueueFilterForm(request.query_params, user=request.user)
        if not form.is_valid():
            errors = {name: [str(error) for error in items] for name, items in form.errors.items()}
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        filters = form.filters()
        now = timezone.now()
        counts = selectors.state_counts(request.user, filters, now=now)
        listed = [counts.get(filters.state, 0)] if filters.state else list(counts.values())
        # As the page: a state counted past the cap counts as the cap for the pages.
        total = min(selectors.queue_total(filters, counts), selectors.COUNT_CAP * len(listed))
        paginator = QueuePagination(total=total)
        dossiers = selectors.dossiers_for_review(request.user, filters, now=now)
        page = paginator.paginate_queryset(dossiers, request, view=self)
        data: dict[str, Any] = {
            "count": total,
            "count_capped": any(selectors.is_capped(count) for count in listed),
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "counts": counts,
            "results": page,
        }
        return Response(s.QueuePageSerializer(data).data)


class BulkCompliantView(OfficeView):
    decide = staticmethod(services.bulk_declare_compliant)
    result = "compliant"

    @extend_schema(
        tags=[TAG],
        summary="Déclarer conformes",
        description="Chaque dossier à son tour, comme la sélection de la page : ceux qui "
        "peuvent devenir conformes le deviennent (le candidat est prévenu), les autres sont "
        "rendus avec la raison du refus ; un identifiant inconnu ou hors du périmètre du compte "
        "est « not_found ». 500 dossiers au plus.",
        request=s.BulkRequestSerializer,
        responses={**ACCESS, 200: s.BulkResponseSerializer, 400: INPUT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        serializer = s.BulkRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = list(dict.fromkeys(serializer.validated_data["ids"]))
        in_scope = list(
            dossiers_in_scope(request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        done, refused = self.decide(
            registration_ids=in_scope, actor=self.actor(), now=timezone.now()
        )
        outcome: dict[int, dict[str, Any]] = {}
        for registration in done:
            outcome[registration.pk] = {
                "result": self.result,
                "reference": registration.reference,
                "state": registration.state,
                "detail": "",
            }
        for registration, why in refused:
            outcome[registration.pk] = {
                "result": "refused",
                "reference": registration.reference,
                "state": registration.state,
                "detail": why,
            }
        missing = {"result": "not_found", "reference": None, "state": None, "detail": ""}
        results = [{"id": pk, **outcome.get(pk, missing)} for pk in ids]
        return Response(s.BulkResponseSerializer({"results": results}).data)


class BulkNonCompliantMissingView(BulkCompliantView):
    """At the documents deadline, the dossiers still missing pieces (002 §II ❸)."""

    decide = staticmethod(services.bulk_declare_non_compliant_missing)
    result = "non_compliant"

    @extend_schema(
        tags=[TAG],
        summary="Déclarer non conformes pour pièces manquantes",
        description="Une fois passée la date limite de dépôt des pièces de leur session "
        "(l'inscription est alors annulée quand des pièces manquent), chaque dossier encore "
        "incomplet devient non conforme, motif « pièces manquantes », le candidat prévenu de "
        "ce qui manquait ; un dossier complet, ou dont la date n'est pas passée, est rendu "
        "« refused » avec la raison. 500 dossiers au plus.",
        request=s.BulkRequestSerializer,
        responses={**ACCESS, 200: s.BulkResponseSerializer, 400: INPUT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        return super().post(request)
