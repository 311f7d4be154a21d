"""Read-only access to the référentiel: public data, open to anyone."""

from rest_framework import permissions, viewsets

from inscriptions.catalog.models import Academy, ExamSession, Specialty

from . import serializers


class AcademyViewSet(viewsets.ReadOnlyModelViewSet[Academy]):
    queryset = Academy.objects.prefetch_related("departments").order_by("code")
    serializer_class = serializers.AcademySerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"


class SpecialtyViewSet(viewsets.ReadOnlyModelViewSet[Specialty]):
    queryset = (
        Specialty.objects.filter(is_active=True)
        .prefetch_related("units", "languages")
        .order_by("bcn_code")
    )
    serializer_class = serializers.SpecialtySerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "bcn_code"


class ExamSessionViewSet(viewsets.ReadOnlyModelViewSet[ExamSession]):
    queryset = ExamSession.objects.select_related("academy").order_by("-exam_year", "academy__code")
    serializer_class = serializers.ExamSessionSerializer
    permission_classes = [permissions.AllowAny]
