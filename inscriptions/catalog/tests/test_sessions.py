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


def test_convocations_keep_the_sessions_minimum_notice():
    # 002_d2d52601aecd35af.txt « Téléchargement de la convocation » (3 to 4 weeks);
    # 003_d63d5c5aa126f67f.txt « Rappels importants » (at least 15 days).
    exam = datetime(2027, 5, 12, 8, tzinfo=PARIS)
    toulouse = make_session(
        first_written_exam_at=exam, convocations_published_at=exam - timedelta(days=16)
    )
    nancy = make_session(
        first_written_exam_at=exam,
        convocations_published_at=exam - timedelta(days=16),
        convocation_min_notice_days=15,
    )

    with pytest.raises(ValidationError) as error:
        toulouse.full_clean()
    nancy.full_clean()
    assert error.value.message_dict["convocations_published_at"] == [
        "Les convocations sont publiées au moins 21 jours avant la première épreuve écrite "
        "(délai minimal de la session)."
    ]


def test_accommodation_portal_dates_need_the_portal_and_their_order():
    # 003_d63d5c5aa126f67f.txt « Candidat en situation de handicap » (Incluscol).
    opens = datetime(2024, 10, 14, tzinfo=PARIS)
    without_portal = make_session(accommodation_requests_open_at=opens)
    backwards = make_session(
        accommodation_portal_url="https://www.ac-nancy-metz.fr/demande-d-amenagements-d-epreuves",
        accommodation_requests_open_at=opens,
        accommodation_requests_close_at=opens - timedelta(days=1),
    )

    with pytest.raises(ValidationError) as missing:
        without_portal.full_clean()
    with pytest.raises(ValidationError) as reversed_dates:
        backwards.full_clean()
    assert "accommodation_portal_url" in missing.value.message_dict
    assert "accommodation_requests_close_at" in reversed_dates.value.message_dict
    assert make_session().locked_after_signed_confirmation is False
