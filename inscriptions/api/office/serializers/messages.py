"""A dossier's messages and their attachments as the office's API shows them."""

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from .common import person


class AttachmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    size = serializers.IntegerField(help_text="Taille en octets.")
    content_type = serializers.CharField()
    scan_status = serializers.CharField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, attachment: Any) -> str:
        registration_id = attachment.message.registration_id
        return reverse("api:office-attachment", args=[registration_id, attachment.pk])


class MessageSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    from_office = serializers.BooleanField()
    author = serializers.SerializerMethodField()
    body = serializers.CharField()
    sent_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True, help_text="Lu par l'autre partie le.")
    attachments = AttachmentSerializer(many=True)

    def get_author(self, message: Any) -> str | None:
        return person(message.author)
