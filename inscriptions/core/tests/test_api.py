"""The read-only API of the référentiel: public, listed, documented, never written to."""

from datetime import UTC, datetime

import pytest

from inscriptions.catalog.models import Academy, ExamSession, Specialty
from inscriptions.catalog.tests.factories import (
    AcademyFactory,
    DepartmentFactory,
    ExamSessionFactory,
    LanguageFactory,
    SpecialtyFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/sessions/": ExamSession,
    "/api/v1/academies/": Academy,
    "/api/v1/specialties/": Specialty,
}


def test_sessions_are_listed_with_their_dates_in_paris_time(client):
    ExamSessionFactory(
        academy__code="16",
        exam_year=2026,
        registration_opens_at=datetime(2025, 10, 15, 7, 0, tzinfo=UTC),
        registration_closes_at=datetime(2025, 11, 14, 22, 59, tzinfo=UTC),
    )

    response = client.get("/api/v1/sessions/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [session] = body["results"]
    assert session["academy"] == "16"
    assert session["exam_year"] == 2026
    assert session["registration_closes_at"] == "2025-11-14T23:59:00+01:00"


def test_academies_are_listed_with_their_departments(client):
    toulouse = AcademyFactory(code="16", name="Toulouse")
    DepartmentFactory(academy=toulouse, code="31")
    DepartmentFactory(academy=toulouse, code="09")
    AcademyFactory(code="10", name="Lyon")

    response = client.get("/api/v1/academies/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [academy["code"] for academy in results] == ["10", "16"]
    assert results[1]["name"] == "Toulouse"
    assert sorted(results[1]["departments"]) == ["09", "31"]


def test_only_specialties_open_to_registration_are_listed_with_units_and_languages(client):
    specialty = SpecialtyFactory(
        bcn_code="32031213", languages=[LanguageFactory(code="en", name="Anglais")]
    )
    UnitFactory(specialty=specialty, exam_code="E1", code="U1")
    SpecialtyFactory(bcn_code="32031099", is_active=False)

    response = client.get("/api/v1/specialties/")

    assert response.status_code == 200
    [listed] = response.json()["results"]
    assert listed["bcn_code"] == "32031213"
    assert listed["languages"] == ["en"]
    assert [unit["exam_code"] for unit in listed["units"]] == ["E1"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_api_cannot_be_written_to(client, url):
    ExamSessionFactory()
    SpecialtyFactory()
    model = ENDPOINTS[url]
    before = model.objects.count()

    response = client.post(url, {}, content_type="application/json")

    assert response.status_code == 405
    assert model.objects.count() == before


def test_a_session_cannot_be_changed_nor_deleted(client):
    session = ExamSessionFactory(exam_year=2026)
    url = f"/api/v1/sessions/{session.pk}/"

    assert client.get(url).status_code == 200
    changed = client.patch(url, {"exam_year": 2030}, content_type="application/json")
    assert changed.status_code == 405
    assert client.delete(url).status_code == 405
    session.refresh_from_db()
    assert session.exam_year == 2026


def test_schema_is_an_openapi_3_document_of_read_only_endpoints(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for url in ENDPOINTS:
        assert set(schema["paths"][url]) == {"get"}
