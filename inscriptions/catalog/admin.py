from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from inscriptions.core.models import audit

from .models import (
    Academy,
    Department,
    Establishment,
    ExamSession,
    Language,
    OfficeContact,
    Specialty,
    Unit,
)


class DepartmentInline(admin.TabularInline[Department, Academy]):
    model = Department
    extra = 0


@admin.register(Academy)
class AcademyAdmin(admin.ModelAdmin[Academy]):
    list_display = ["name", "code", "kind", "office_email", "office_phone"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "departments__code"]
    inlines = [DepartmentInline]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin[Language]):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class UnitInline(admin.TabularInline[Unit, Specialty]):
    model = Unit
    extra = 0
    fields = ["exam_code", "code", "title", "coefficient", "kind", "status"]
    readonly_fields = ["status"]
    show_change_link = True


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin[Specialty]):
    list_display = [
        "name",
        "option",
        "bcn_code",
        "sigle",
        "requires_r408",
        "is_active",
    ]
    list_filter = [
        "is_active",
        "requires_r408",
        "requires_electrical_risk",
        "requires_first_aid",
        "requires_refrigerant_fluids",
        "requires_work_at_height",
    ]
    search_fields = ["name", "option", "bcn_code", "sigle"]
    filter_horizontal = ["languages"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["specialty", "exam_code", "code", "title", "coefficient", "kind", "data_flag"]
    list_filter = ["status", "kind", "is_general_culture", "is_language"]
    search_fields = ["title", "code", "specialty__name", "specialty__bcn_code"]
    list_select_related = ["specialty"]

    @admin.display(description=_("donnée à vérifier"), boolean=False)
    def data_flag(self, unit: Unit) -> str:
        # The shipped data marks what its sources could not confirm: shown so nobody relies on it
        # unknowingly.
        return (
            str(_("⚠ %(status)s") % {"status": unit.get_status_display()})
            if unit.needs_review
            else "—"
        )


@admin.register(OfficeContact)
class OfficeContactAdmin(admin.ModelAdmin[OfficeContact]):
    list_display = ["label", "academy", "email", "phone"]
    list_filter = ["academy"]
    filter_horizontal = ["specialties"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OfficeContact]:
        return _scoped(request, super().get_queryset(request))


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin[Establishment]):
    """The académie's establishments: the fictitious ones of individual candidates and those of
    the national directory (``manage.py import_establishments``). Closing one (« proposé »
    unticked) keeps it for the dossiers that chose it and stops offering it."""

    list_display = ["name", "code", "city", "department", "kind", "sector", "is_active"]
    list_filter = ["is_active", "kind", "sector", "academy"]
    search_fields = ["name", "code", "city"]
    actions = ["close", "reopen"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Establishment]:
        return _scoped(request, super().get_queryset(request))

    @admin.action(description=_("Fermer les établissements sélectionnés"))
    def close(self, request: HttpRequest, queryset: QuerySet[Establishment]) -> None:
        self._set_active(request, queryset, active=False)

    @admin.action(description=_("Rouvrir les établissements sélectionnés"))
    def reopen(self, request: HttpRequest, queryset: QuerySet[Establishment]) -> None:
        self._set_active(request, queryset, active=True)

    @transaction.atomic
    def _set_active(
        self, request: HttpRequest, queryset: QuerySet[Establishment], *, active: bool
    ) -> None:
        for establishment in queryset.exclude(is_active=active):
            establishment.is_active = active
            establishment.save(update_fields=["is_active"])
            action = "establishment.reopen" if active else "establishment.close"
            audit(actor=request.user, action=action, obj=establishment)


@admin.register(ExamSession)
class ExamSessionAdmin(admin.ModelAdmin[ExamSession]):
    # An address typed without its scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "exam_year",
        "academy",
        "registration_opens_at",
        "registration_closes_at",
        "documents_due_at",
    ]
    list_filter = ["academy", "exam_year"]
    fieldsets = [
        (None, {"fields": ["academy", "exam_year"]}),
        (
            _("Calendrier (heure de Paris)"),
            {
                "fields": [
                    "registration_opens_at",
                    "registration_closes_at",
                    "documents_due_at",
                    "late_documents_due_at",
                    "processing_due_at",
                    "convocations_published_at",
                    "first_written_exam_at",
                ]
            },
        ),
        (
            _("Paramètres réglementaires"),
            {
                "fields": [
                    "experience_years_required",
                    "max_optional_units",
                    "signed_confirmation_required",
                    "jdc_age_limit",
                    "benefit_validity_years",
                ]
            },
        ),
        (
            _("Ce que les notices des académies règlent différemment"),
            {
                "fields": [
                    "locked_after_signed_confirmation",
                    "convocation_min_notice_days",
                    "accommodation_portal_url",
                    "accommodation_requests_open_at",
                    "accommodation_requests_close_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ExamSession]:
        return _scoped(request, super().get_queryset(request))


def _scoped(request: HttpRequest, queryset: QuerySet) -> QuerySet:  # type: ignore[type-arg]
    """An académie administrator sees only their own académie's sessions and contacts."""
    user = request.user
    if user.is_superuser:
        return queryset
    return queryset.filter(academy_id=getattr(user, "academy_id", None))
