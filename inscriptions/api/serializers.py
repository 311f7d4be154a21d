from rest_framework import serializers

from inscriptions.catalog.models import Academy, Department, ExamSession, Language, Specialty, Unit


class AcademySerializer(serializers.ModelSerializer[Academy]):
    departments: serializers.SlugRelatedField[Department] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = Academy
        fields = ["code", "name", "kind", "departments", "office_email", "office_phone"]


class UnitSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = [
            "exam_code",
            "code",
            "title",
            "coefficient",
            "kind",
            "status",
            "regulation",
        ]


class SpecialtySerializer(serializers.ModelSerializer[Specialty]):
    units = UnitSerializer(many=True, read_only=True)
    languages: serializers.SlugRelatedField[Language] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = Specialty
        fields = [
            "bcn_code",
            "name",
            "option",
            "sigle",
            "requires_r408",
            "requires_electrical_risk",
            "requires_first_aid",
            "requires_refrigerant_fluids",
            "requires_work_at_height",
            "languages",
            "units",
        ]


class ExamSessionSerializer(serializers.ModelSerializer[ExamSession]):
    academy: serializers.SlugRelatedField[Academy] = serializers.SlugRelatedField(
        read_only=True, slug_field="code"
    )

    class Meta:
        model = ExamSession
        fields = [
            "id",
            "academy",
            "exam_year",
            "registration_opens_at",
            "registration_closes_at",
            "documents_due_at",
            "late_documents_due_at",
            "processing_due_at",
            "convocations_published_at",
            "first_written_exam_at",
        ]
