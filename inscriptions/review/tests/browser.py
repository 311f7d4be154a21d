"""What the office's browser tests start from: a dossier validated on the real clock."""

from typing import Any

from django.utils import timezone

from inscriptions.accounts.models import Role
from inscriptions.catalog.models import Academy, Establishment, Specialty
from inscriptions.catalog.tests.factories import ExamSessionFactory, UserFactory
from inscriptions.registration import services as registration_services
from inscriptions.registration.tests.wizard import fill, screens


def validated_dossier_and_staff() -> tuple[Any, Any]:
    """Léa Martin's MCO dossier validated now, in a Toulouse session open around the real
    clock (the browser and the live server are not frozen), and the staff in charge of MCO."""
    now = timezone.now()
    toulouse = Academy.objects.get(code="16")
    establishment = Establishment.objects.create(
        academy=toulouse, code="0319999A", name="Candidats individuels", kind="fictitious"
    )
    session = ExamSessionFactory(academy=toulouse, now=now)
    candidate = UserFactory(role=Role.CANDIDATE, email="lea.martin@example.fr")
    mco = Specialty.objects.get(bcn_code="32031213")
    registration = registration_services.registration_start(
        candidate=candidate, session=session, now=now
    )
    pages = screens(specialty_pk=mco.pk, establishment_pk=establishment.pk)
    registration = fill(registration, pages, now=now)
    registration_services.registration_validate(registration=registration, actor=candidate, now=now)
    registration.refresh_from_db()
    staff = UserFactory(role=Role.OFFICE_STAFF, academy=toulouse, email="bruno@example.org")
    staff.specialties.set([mco])
    return registration, staff
