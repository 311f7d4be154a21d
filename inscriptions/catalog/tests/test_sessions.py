from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from inscriptions.catalog.models import Academy, DataStatus, ExamSession, Specialty, Unit

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def make_session(**overrides):
    academy = Academy.objects.get_or_create(code="16", defaults={"name": "Toulouse"})[0]
    opens = datetime(2026, 10, 1, 9, tzinfo=PARIS)
    values = {
        "academy": academy,
        "exam_year": 2027,
        "registration_opens_at": opens,
        "registration_closes_at": opens + timedelta(days=40),
        "documents_due_at": opens + timedelta(days=45),
        "late_documents_due_at": opens + timedelta(days=150),
        "processing_due_at": opens + timedelta(days=90),
        "convocations_published_at": opens + timedelta(days=200),
        "first_written_exam_at": opens + timedelta(days=225),
    }
    values.update(overrides)
    return ExamSession(**values)


def test_settings_default_to_the_notices_values():
    session = make_session()
    session.full_clean()
    session.save()
    assert session.max_optional_units == 1
    assert session.signed_confirmation_required is True
    assert session.jdc_age_limit == 26
    assert session.benefit_validity_years == 5


@pytest.mark.parametrize(
    ("field", "shift"),
    [
        ("registration_closes_at", timedelta(days=-1)),
        ("documents_due_at", timedelta(days=-1)),
        ("processing_due_at", timedelta(days=-1)),
    ],
)
def test_dates_out_of_order_are_refused_on_the_field(field, shift):
    opens = datetime(2026, 10, 1, 9, tzinfo=PARIS)
    session = make_session(**{field: opens + shift})
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert field in error.value.message_dict


def test_late_documents_cannot_be_due_before_the_others():
    session = make_session(late_documents_due_at=datetime(2026, 10, 2, tzinfo=PARIS))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "late_documents_due_at" in error.value.message_dict


def test_convocations_come_before_the_first_written_exam():
    session = make_session(convocations_published_at=datetime(2027, 9, 1, tzinfo=PARIS))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "convocations_published_at" in error.value.message_dict


def test_one_session_per_academy_and_year():
    make_session().save()
    with pytest.raises(IntegrityError):
        make_session().save()


def test_the_database_refuses_a_session_closing_before_it_opens():
    opens = datetime(2026, 10, 1, 9, tzinfo=PARIS)
    with pytest.raises(IntegrityError):
        make_session(registration_closes_at=opens).save()


def test_a_unit_needs_review_unless_its_data_is_exact():
    specialty = Specialty.objects.create(bcn_code="32031213", name="MCO")
    exact = Unit(specialty=specialty, exam_code="E1", code="U1", title="CGE", kind="general")
    assert not exact.needs_review
    for status in [DataStatus.PARTIAL, DataStatus.UNCERTAIN, DataStatus.MISSING]:
        exact.status = status
        assert exact.needs_review
