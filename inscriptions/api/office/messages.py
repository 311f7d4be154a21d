"""A dossier's message thread for the exam office: read it, write to the candidate with
attachments, download an attachment."""

from django.http import FileResponse, HttpResponseBase
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from inscriptions.api.documents import PassthroughRenderer
from inscriptions.core.refusals import ServiceRefused
from inscriptions.documents.downloads import _protect
from inscriptions.notifications import messages as messaging
from inscriptions.notifications.models import MessageAttachment

from . import serializers as s
from .common import ACCESS, NOT_FOUND, TAG, dossier_or_404, refusal_response
from .dossier import OfficeView


class MessagesView(OfficeView):
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="Messages du dossier",
        description="Le fil des messages entre le candidat et le bureau, du plus ancien au plus "
        "récent, avec leurs pièces jointes. Les messages du candidat sont alors marqués lus, "
        "comme à l'ouverture de la page du dossier.",
        responses={**ACCESS, 200: s.MessageSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        registration = dossier_or_404(request, pk)
        thread = messaging.thread(registration)
        messaging.thread_read(registration=registration, reader=self.actor(), now=timezone.now())
        return Response(s.MessageSerializer(thread, many=True).data)

    @extend_schema(
        tags=[TAG],
        summary="Écrire au candidat",
        description="Le message (5 000 caractères au plus) et jusqu'à 3 pièces jointes (PDF, "
        "JPEG ou PNG, vérifiées comme les justificatifs, et par l'antivirus s'il est configuré) "
        "en multipart/form-data, champ « attachments » répété ; ou en JSON sans pièce jointe. "
        "Le candidat est prévenu.",
        request={
            "multipart/form-data": s.MessageRequestSerializer,
            "application/json": s.MessageRequestSerializer,
        },
        responses={
            **ACCESS,
            201: s.MessageSerializer,
            400: OpenApiResponse(
                s.OfficeRefusalSerializer,
                description="Message vide ou trop long, trop de pièces jointes, fichier refusé "
                "(type, taille, contenu, virus) : le message et le champ.",
            ),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        registration = dossier_or_404(request, pk)
        serializer = s.MessageRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            message = messaging.message_send(
                registration=registration,
                author=self.actor(),
                body=serializer.validated_data["body"],
                attachments=serializer.validated_data.get("attachments", []),
                now=timezone.now(),
            )
        except ServiceRefused as refusal:
            return refusal_response(refusal)
        return Response(s.MessageSerializer(message).data, status=status.HTTP_201_CREATED)


class AttachmentView(OfficeView):
    renderer_classes = [renderers.JSONRenderer, PassthroughRenderer]

    @extend_schema(
        tags=[TAG],
        summary="Télécharger une pièce jointe",
        description="Une pièce jointe d'un message du dossier, en pièce jointe, jamais mise en "
        "cache.",
        responses={
            **{
                (200, media): OpenApiResponse(OpenApiTypes.BINARY, description="Le fichier.")
                for media in ["application/pdf", "image/jpeg", "image/png"]
            },
            **ACCESS,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, pk: int, attachment_id: int) -> HttpResponseBase:
        registration = dossier_or_404(request, pk)
        found = MessageAttachment.objects.filter(
            pk=attachment_id, message__registration=registration
        ).first()
        if found is None:
            raise NotFound
        response = FileResponse(
            found.file.open("rb"),
            as_attachment=True,
            filename=found.original_name,
            content_type=found.content_type,
        )
        _protect(response)
        return response
