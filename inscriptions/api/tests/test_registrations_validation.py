"""The recap, the validation and the end of a registration through the JSON API: the
recap and validation pointing each error to its step, the closing hour, the start refused, and
the abandon of a draft or of a modification."""

from datetime import timedelta

import pytest

from inscriptions.catalog.tests.factories import ExamSessionFactory
from inscriptions.registration.models import Registration
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import IDENTITY

from .registration_api import *  # noqa: F403
from .registration_api import API, pages, put_step, start, walk

pytestmark = pytest.mark.django_db


def test_recap_and_validation_wait_for_the_specialty(api, session, frozen):
    pk = start(api, session)

    assert api.get(f"{API}{pk}/recap/").status_code == 409
    assert api.post(f"{API}{pk}/validate/").status_code == 409


def test_recap_and_validation_point_each_error_to_its_step_and_field(api, session, mco, frozen):
    pk = start(api, session)
    put_step(api, pk, "specialite", {"specialty": str(mco.pk)})

    recap = api.get(f"{API}{pk}/recap/").json()
    refused = api.post(f"{API}{pk}/validate/")

    missing_name = {
        "code": "civil_status.last_name_required",
        "step": "identite",
        "field": "last_name",
    }
    assert any(missing_name.items() <= error.items() for error in recap["errors"])
    assert refused.status_code == 422
    assert any(missing_name.items() <= error.items() for error in refused.json()["errors"])
    assert Registration.objects.get(pk=pk).number is None


def test_validation_refused_at_the_closing_hour(api, session, mco, time_machine):
    time_machine.move_to(NOW, tick=False)
    pk = start(api, session)
    walk(api, pk, pages(session, mco))

    time_machine.move_to(session.registration_closes_at, tick=False)
    response = api.post(f"{API}{pk}/validate/")

    assert response.status_code == 422
    assert "deadlines.registration_closed" in [e["code"] for e in response.json()["errors"]]
    assert Registration.objects.get(pk=pk).number is None


def test_validation_accepted_a_second_before_the_closing_hour(api, session, mco, time_machine):
    time_machine.move_to(NOW, tick=False)
    pk = start(api, session)
    walk(api, pk, pages(session, mco))

    time_machine.move_to(session.registration_closes_at - timedelta(seconds=1), tick=False)
    response = api.post(f"{API}{pk}/validate/")

    assert response.status_code == 201
    assert response.json()["reference"] == "1-0"


def test_step_refused_once_registration_is_closed(api, session, time_machine):
    time_machine.move_to(NOW, tick=False)
    pk = start(api, session)

    time_machine.move_to(session.registration_closes_at, tick=False)
    response = put_step(api, pk, "identite", IDENTITY)

    assert response.status_code == 409
    assert Registration.objects.get(pk=pk).answers == {
        "identity": {"email": "lea.martin@example.fr"}
    }


def test_start_refused_in_a_closed_session_with_the_rules_finding(api, session, frozen):
    closed = ExamSessionFactory(academy=session.academy, now=NOW, closed=True, exam_year=2026)

    response = api.post(API, {"session": closed.pk}, format="json")

    assert response.status_code == 409
    assert [e["code"] for e in response.json()["errors"]] == ["deadlines.registration_closed"]
    assert not Registration.objects.filter(session=closed).exists()


def test_start_with_an_unknown_session_is_400(api, frozen):
    response = api.post(API, {"session": 999_999}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["session"]


def test_abandoning_a_draft_deletes_it(api, session, frozen):
    pk = start(api, session)

    response = api.post(f"{API}{pk}/abandon/")

    assert response.status_code == 204
    assert not Registration.objects.filter(pk=pk).exists()


def test_abandoning_a_modification_restores_the_last_validated_version(api, validated):
    pk = validated.pk
    put_step(api, pk, "publication", {"publish_results_press": "no"})

    response = api.post(f"{API}{pk}/abandon/")

    assert response.status_code == 200
    assert response.json()["answers"]["consents"]["publish_results_press"] == "yes"
    assert response.json()["reference"] == "1-0"
