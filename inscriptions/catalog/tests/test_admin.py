"""The catalogue as the académie administrator edits it in the admin."""

import pytest
from django.utils import timezone

from inscriptions.accounts.groups import academy_admin_group
from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.models import DataStatus
from inscriptions.catalog.tests.factories import (
    AcademyFactory,
    ExamSessionFactory,
    SpecialtyFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def toulouse_admin(client):
    academy = AcademyFactory(name="Toulouse", code="16")
    user = UserFactory(role=Role.ACADEMY_ADMIN, academy=academy, is_staff=True)
    user.groups.set([academy_admin_group()])
    verified_login(client, user)
    return user


def test_unit_list_flags_data_that_is_not_exact(client, toulouse_admin):
    specialty = SpecialtyFactory()
    UnitFactory(specialty=specialty, title="Épreuve sûre", status=DataStatus.EXACT)
    UnitFactory(specialty=specialty, title="Épreuve douteuse", status=DataStatus.UNCERTAIN)

    response = client.get("/admin/catalog/unit/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "⚠ Incertaine" in page
    assert page.count("⚠") == 1


def test_academy_admin_sees_only_their_own_sessions(client, toulouse_admin):
    own = ExamSessionFactory(academy=toulouse_admin.academy, exam_year=2027)
    other = ExamSessionFactory(academy=AcademyFactory(name="Lille", code="09"), exam_year=2027)

    listing = client.get("/admin/catalog/examsession/")

    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    assert client.get(f"/admin/catalog/examsession/{own.pk}/change/").status_code == 200
    assert client.get(f"/admin/catalog/examsession/{other.pk}/change/").status_code == 302


def test_session_form_refuses_dates_out_of_order_on_the_field(client, toulouse_admin):
    session = ExamSessionFactory(academy=toulouse_admin.academy, exam_year=2027)
    url = f"/admin/catalog/examsession/{session.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if hasattr(value, "strftime"):  # split date and time widgets
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = f"{local:%d/%m/%Y}", f"{local:%H:%M:%S}"
        elif value is not None:
            data[name] = value
    data["registration_closes_at_0"] = data["registration_opens_at_0"]
    data["registration_closes_at_1"] = data["registration_opens_at_1"]

    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["registration_closes_at"]
    assert "La clôture doit suivre l'ouverture." in errors["registration_closes_at"]


def test_candidate_cannot_reach_the_admin(client):
    client.force_login(UserFactory(role=Role.CANDIDATE))
    assert client.get("/admin/catalog/examsession/").status_code == 302
