"""« Mes données personnelles » through the API: the same export as the account's page (one ZIP
archive, ``donnees.json`` and every file), about the signed-in user only, audited."""

from typing import cast

from django.http import FileResponse, HttpResponseBase
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, renderers
from rest_framework.request import Request
from rest_framework.views import APIView

from inscriptions.accounts.models import User
from inscriptions.core.models import audit
from inscriptions.privacy import export

from .documents import UNAUTHENTICATED, PassthroughRenderer


class DataExportView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [renderers.JSONRenderer, PassthroughRenderer]

    @extend_schema(
        tags=["compte"],
        summary="Exporter toutes mes données",
        description="Une archive ZIP : donnees.json (le compte, chaque dossier avec ses "
        "versions, changements d'état, demandes du bureau, messages et pièces, les "
        "notifications, le journal des connexions) et chaque fichier, nommé dans le JSON par son "
        "chemin dans l'archive. De l'utilisateur authentifié seulement ; jamais mis en cache.",
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="L'archive, en pièce jointe."
            ),
            401: UNAUTHENTICATED,
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        user = cast(User, request.user)
        audit(actor=user, action="privacy.export", obj=user, how="api")
        response = FileResponse(
            export.export_archive(user),
            as_attachment=True,
            filename=f"mes-donnees-{timezone.localdate():%Y-%m-%d}.zip",
            content_type="application/zip",
        )
        add_never_cache_headers(response)
        return response


urlpatterns = [path("me/data-export/", DataExportView.as_view(), name="data-export")]
