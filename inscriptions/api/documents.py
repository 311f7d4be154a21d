"""« Mes justificatifs » through the API: the same selectors, services and permissions as the
candidate space's pages."""

from datetime import datetime
from typing import Any, cast

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions, renderers, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from inscriptions.accounts.models import Role, User
from inscriptions.core.files.refusals import DocumentRefused
from inscriptions.core.files.uploads import SizeLimitHandler, limit_upload_size
from inscriptions.documents import downloads, selectors, services
from inscriptions.documents.models import UploadedFile
from inscriptions.documents.permissions import can_view_document
from inscriptions.registration.models import Registration

TAG = "justificatifs"
NOT_FOUND = OpenApiResponse(description="Dossier ou fichier inconnu, ou d'un autre candidat.")
UNAUTHENTICATED = OpenApiResponse(description="Non authentifié : jeton ou session manquant.")
CANDIDATES_ONLY = OpenApiResponse(description="Réservé aux candidats.")


class DocumentFileSerializer(serializers.Serializer[UploadedFile]):
    id = serializers.IntegerField()
    original_name = serializers.CharField(help_text="Nom d'origine, pour l'affichage seulement.")
    size = serializers.IntegerField(help_text="Taille en octets.")
    content_type = serializers.CharField(help_text="Type reconnu d'après le contenu.")
    sha256 = serializers.CharField()
    scan_status = serializers.CharField(
        help_text="pending, clean, infected, failed ou not_scanned (aucun antivirus configuré)."
    )
    scan_status_label = serializers.CharField(source="get_scan_status_display")
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField(
        help_text="Null tant que l'antivirus n'a pas conclu, ou si le fichier est infecté."
    )

    def get_download_url(self, uploaded: UploadedFile) -> str | None:
        if not uploaded.downloadable:
            return None
        return reverse("api:document-file", args=[uploaded.pk])


class SupportingDocumentSerializer(serializers.Serializer[selectors.DocumentLine]):
    code = serializers.CharField(help_text="Code stable de la pièce (voir docs/rules.md).")
    # "label" and "required" are also attributes of DRF's fields: only mypy sees the clash.
    label = serializers.CharField()  # type: ignore[assignment]
    required = serializers.BooleanField(  # type: ignore[assignment]
        help_text="Faux pour une pièce qu'une modification a retirée de la liste."
    )
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Pourquoi.")
    due_at = serializers.DateTimeField(allow_null=True)
    deferred = serializers.BooleanField(help_text="Date limite plus tardive que les autres.")
    status = serializers.CharField(
        help_text="missing, scanning, uploaded, infected, accepted, refused ou requested_again."
    )
    status_label = serializers.CharField()
    office_reason = serializers.SerializerMethodField()
    requested_until = serializers.SerializerMethodField()
    can_upload = serializers.BooleanField()
    upload_refusal = serializers.CharField(help_text="Pourquoi aucun dépôt n'est possible.")
    files = DocumentFileSerializer(many=True, help_text="Du plus récent au plus ancien.")

    def get_office_reason(self, line: selectors.DocumentLine) -> str:
        return line.document.office_reason if line.document else ""

    def get_requested_until(self, line: selectors.DocumentLine) -> datetime | None:
        return line.document.requested_until if line.document else None


class DossierDocumentsSerializer(serializers.Serializer[dict[str, Any]]):
    reference = serializers.CharField(help_text="Numéro et version du dossier, par ex. 175-1.")
    antivirus = serializers.BooleanField(
        help_text="Vrai quand un antivirus analyse chaque fichier ; faux : aucun n'est configuré."
    )
    max_bytes = serializers.IntegerField(help_text="Taille maximale d'un fichier.")
    quota_bytes = serializers.IntegerField(help_text="Total maximal des fichiers du dossier.")
    used_bytes = serializers.IntegerField()
    documents = SupportingDocumentSerializer(many=True)
    forms = serializers.DictField(
        child=serializers.CharField(),
        help_text="Formulaires à télécharger (engagement_form, confirmation_signed) : leur URL.",
    )


class DocumentRefusalSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="Code stable du refus.")
    detail = serializers.CharField(help_text="Message dans la langue de l'interface.")


class PassthroughRenderer(renderers.BaseRenderer):
    """Lets a client ask for the file's own type; refusals stay JSON."""

    media_type = "*/*"
    format = "file"
    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: Any = None, context: Any = None) -> bytes:
        return data if isinstance(data, bytes) else renderers.JSONRenderer().render(data)


class NoCacheMixin:
    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # Personal documents: never kept by a cache on the way.
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        add_never_cache_headers(response)
        return response


def _own_registration(request: Request, pk: int) -> Registration:
    if getattr(request.user, "role", None) != Role.CANDIDATE:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("session__academy", "specialty"),
        pk=pk,
        candidate=request.user,
    )


def _forms(registration: Registration, lines: list[selectors.DocumentLine]) -> dict[str, str]:
    codes = {line.code for line in lines if line.required}
    forms = {}
    if selectors.ENGAGEMENT_FORM in codes:
        forms[selectors.ENGAGEMENT_FORM] = reverse(
            "api:document-engagement-form", args=[registration.pk]
        )
    if selectors.SIGNED_CONFIRMATION in codes and downloads.confirmation_available(registration):
        forms[selectors.SIGNED_CONFIRMATION] = reverse(
            "api:document-confirmation", args=[registration.pk]
        )
    return forms


def _document(registration: Registration, code: str, now: datetime) -> Any:
    lines = selectors.document_lines(registration, now=now)
    return SupportingDocumentSerializer(next(line for line in lines if line.code == code)).data


class DossierDocumentsView(NoCacheMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        tags=[TAG],
        summary="Mes justificatifs",
        description="Les pièces que demande la dernière version validée du dossier, chacune "
        "avec ses motifs, sa date limite, son état et l'historique de ses fichiers ; puis celles "
        "qu'une modification a retirées de la liste (required: false), fichiers conservés.",
        responses={
            200: DossierDocumentsSerializer,
            401: UNAUTHENTICATED,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        registration = _own_registration(request, pk)
        lines = selectors.document_lines(registration, now=timezone.now())
        data = {
            "reference": registration.reference,
            "antivirus": selectors.scanner_configured(),
            **selectors.quota(registration),
            "documents": lines,
            "forms": _forms(registration, lines),
        }
        return Response(DossierDocumentsSerializer(data).data)


class DocumentUploadView(NoCacheMixin, APIView):
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser]

    def initialize_request(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Request:
        # Before anything reads the body: an oversized file is skipped, not written to disk.
        self.size_limit: SizeLimitHandler = limit_upload_size(request, settings.DOCUMENT_MAX_BYTES)
        return super().initialize_request(request, *args, **kwargs)

    @extend_schema(
        tags=[TAG],
        summary="Déposer ou remplacer un fichier",
        description="Un fichier PDF, JPEG ou PNG (reconnu d'après son contenu, jamais d'après "
        "son nom) pour une pièce du dossier ; le fichier précédent reste conservé. Refus (422) "
        "avec un code et un message : type, taille, quota du dossier, PDF illisible, chiffré ou "
        "contenant du JavaScript, image contenant un autre document, date limite passée…",
        request={
            "multipart/form-data": inline_serializer(
                "DocumentUpload", fields={"file": serializers.FileField()}
            )
        },
        responses={
            201: SupportingDocumentSerializer,
            401: UNAUTHENTICATED,
            404: NOT_FOUND,
            422: DocumentRefusalSerializer,
        },
    )
    def post(self, request: Request, pk: int, code: str) -> Response:
        registration = _own_registration(request, pk)
        incoming = request.FILES.get("file")
        now = timezone.now()
        try:
            if self.size_limit.exceeded:
                size = int(request.META.get("CONTENT_LENGTH") or self.size_limit.received)
                raise DocumentRefused("too_large", size=size, max=settings.DOCUMENT_MAX_BYTES)
            if incoming is None:
                raise DocumentRefused("file_missing")
            services.document_upload(
                registration=registration,
                code=code,
                upload=incoming,
                actor=cast(User, request.user),
                now=now,
            )
        except DocumentRefused as refused:
            return Response(
                {"code": refused.code, "detail": refused.message},
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        return Response(_document(registration, code, now), status=status.HTTP_201_CREATED)


def _binary(media_types: list[str], description: str) -> dict[Any, Any]:
    return {
        **{
            (200, media): OpenApiResponse(OpenApiTypes.BINARY, description=description)
            for media in media_types
        },
        401: UNAUTHENTICATED,
        404: NOT_FOUND,
    }


class DocumentFileView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [renderers.JSONRenderer, PassthroughRenderer]

    @extend_schema(
        tags=[TAG],
        summary="Télécharger un fichier déposé",
        description="Pour le candidat et le bureau des examens de l'académie (gestionnaires de "
        "la spécialité, administrateurs) ; 404 pour tout autre. En pièce jointe, jamais mis en "
        "cache ; un fichier que l'antivirus n'a pas encore déclaré sain n'est pas servi.",
        responses=_binary(
            ["application/pdf", "image/jpeg", "image/png"], "Le fichier, en pièce jointe."
        ),
    )
    def get(self, request: Request, file_id: int) -> HttpResponseBase:
        uploaded = get_object_or_404(
            UploadedFile.objects.select_related("document__registration__session"), pk=file_id
        )
        if not can_view_document(request.user, uploaded.document) or not uploaded.downloadable:
            raise Http404
        services.document_viewed(
            uploaded=uploaded, actor=cast(User, request.user), how="api download"
        )
        return downloads.file_response(uploaded)


class EngagementFormView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [renderers.JSONRenderer, PassthroughRenderer]

    @extend_schema(
        tags=[TAG],
        summary="Formulaire « engagement étudiant »",
        description="Le formulaire (PDF) à renseigner, faire signer et déposer, prérempli avec "
        "le dossier ; 404 si le dossier ne comporte pas l'unité facultative.",
        responses=_binary(["application/pdf"], "Le formulaire, en pièce jointe."),
    )
    def get(self, request: Request, pk: int) -> HttpResponseBase:
        registration = _own_registration(request, pk)
        data = downloads.engagement_form(registration, now=timezone.now())
        if data is None:
            raise Http404
        return downloads.pdf_response(data, downloads.ENGAGEMENT_FILE_NAME)


class ConfirmationToSignView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [renderers.JSONRenderer, PassthroughRenderer]

    @extend_schema(
        tags=[TAG],
        summary="Confirmation à signer",
        description="La confirmation de la dernière version validée, à imprimer, dater, signer "
        "et déposer ; 404 si la session ne demande pas de confirmation signée.",
        responses=_binary(["application/pdf"], "La confirmation, en pièce jointe."),
    )
    def get(self, request: Request, pk: int) -> HttpResponseBase:
        registration = _own_registration(request, pk)
        confirmation = downloads.confirmation_to_sign(registration)
        if confirmation is None:
            raise Http404
        data, name = confirmation
        return downloads.pdf_response(data, name)


urlpatterns = [
    path(
        "registrations/<int:pk>/documents/",
        DossierDocumentsView.as_view(),
        name="dossier-documents",
    ),
    path(
        "registrations/<int:pk>/documents/<slug:code>/files/",
        DocumentUploadView.as_view(),
        name="document-upload",
    ),
    path(
        "registrations/<int:pk>/document-forms/engagement-etudiant/",
        EngagementFormView.as_view(),
        name="document-engagement-form",
    ),
    path(
        "registrations/<int:pk>/document-forms/confirmation/",
        ConfirmationToSignView.as_view(),
        name="document-confirmation",
    ),
    path("document-files/<int:file_id>/", DocumentFileView.as_view(), name="document-file"),
]
