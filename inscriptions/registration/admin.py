from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import PriorGrade, PriorRecord


class PriorGradeInline(admin.TabularInline[PriorGrade, PriorRecord]):
    model = PriorGrade
    extra = 0
    fields = ["unit_code", "grade", "obtained_on", "absent", "renounced"]


@admin.register(PriorRecord)
class PriorRecordAdmin(admin.ModelAdmin[PriorRecord]):
    """The académie's records of earlier sessions (``manage.py import_prior_records``), which a
    returning candidate's number and birth date pre-fill; corrected here when they are wrong."""

    list_display = ["candidate_number", "exam_year", "birth_date", "specialty", "form"]
    list_filter = ["exam_year", "form"]
    search_fields = ["candidate_number", "civil_status__last_name"]
    list_select_related = ["specialty"]
    inlines = [PriorGradeInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PriorRecord]:
        queryset = super().get_queryset(request)
        user = request.user
        if user.is_superuser:
            return queryset
        academy_id: Any = getattr(user, "academy_id", None)
        return queryset.filter(academy_id=academy_id)
