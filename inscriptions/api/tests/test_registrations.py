"""The candidate's registration through the JSON API: the same steps, rules and services as the
candidate space's pages (seed 004, screen by screen)."""

from datetime import date, timedelta

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from inscriptions.accounts.tests.helpers import verified_api_token
from inscriptions.catalog.tests.factories import ExamSessionFactory, UserFactory
from inscriptions.registration import services
from inscriptions.registration.models import PriorRecord, Registration, State
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import IDENTITY, screens

pytestmark = pytest.mark.django_db

API = "/api/v1/registrations/"
PASSWORD = "mot-de-passe-de-test"  # UserFactory's


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def start(client, session) -> int:
    response = client.post(API, {"session": session.pk}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def put_step(client, pk, name, data):
    return client.put(f"{API}{pk}/steps/{name}/", data, format="json")


def walk(client, pk, pages):
    for name, data in pages:
        response = put_step(client, pk, name, data)
        assert response.status_code == 200, (name, response.json())
    return response


def pages(session, specialty, **overrides):
    establishment = session.academy.establishments.get()
    return screens(specialty_pk=specialty.pk, establishment_pk=establishment.pk, **overrides)


@pytest.fixture
def api(candidate):
    return token_client(candidate)


@pytest.fixture
def validated(api, session, mco, frozen):
    """A dossier walked and validated through the API: 1-0."""
    pk = start(api, session)
    walk(api, pk, pages(session, mco))
    assert api.post(f"{API}{pk}/validate/").status_code == 201
    return Registration.objects.get(pk=pk)


def test_whole_registration_with_a_token_then_a_modification_and_the_confirmation_pdf(
    candidate, session, mco, frozen, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"email": candidate.email, "password": PASSWORD}, format="json"
    )
    assert token.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")

    started = client.post(API, {"session": session.pk}, format="json")
    assert started.status_code == 201
    dossier = started.json()
    assert dossier["state"] == "draft"
    assert dossier["reference"] == ""
    # Before the specialty is chosen, its screens do not apply yet.
    assert [step["name"] for step in dossier["steps"]] == [
        "debut",
        "identite",
        "situation",
        "etablissement",
        "specialite",
        "publication",
    ]
    again = client.post(API, {"session": session.pk}, format="json")
    assert (again.status_code, again.json()["id"]) == (200, dossier["id"])

    pk = dossier["id"]
    last = walk(client, pk, pages(session, mco))
    assert last.json()["next_step"] is None

    detail = client.get(f"{API}{pk}/").json()
    assert detail["current_step"] == "recapitulatif"
    assert detail["specialty"] == mco.bcn_code
    assert detail["answers"]["identity"]["last_name"] == "Martin"
    assert len(detail["steps"]) == 9

    recap = client.get(f"{API}{pk}/recap/")
    assert recap.status_code == 200
    assert recap.json()["errors"] == []
    units = recap.json()["units"]
    assert units and {"code", "title", "position"} <= set(units[0])
    assert all(unit["position"] == "presented" for unit in units if unit["code"] == "U1")

    first = client.post(f"{API}{pk}/validate/")
    assert first.status_code == 201, first.json()
    assert first.json()["reference"] == "1-0"
    assert first.json()["version"] == 0

    # A validated dossier is modified without its first screen, then validated again.
    detail = client.get(f"{API}{pk}/").json()
    assert detail["state"] == "submitted"
    assert "debut" not in [step["name"] for step in detail["steps"]]
    changed = put_step(
        client,
        pk,
        "publication",
        {"publish_results_press": "no", "share_with_local_authorities": "no"},
    )
    assert changed.status_code == 200
    second = client.post(f"{API}{pk}/validate/")
    assert second.status_code == 201
    assert second.json()["reference"] == "1-1"

    versions = client.get(f"{API}{pk}/versions/").json()
    assert [v["reference"] for v in versions] == ["1-0", "1-1"]
    assert client.get(f"{API}{pk}/").json()["reference"] == "1-1"

    pdf = client.get(versions[1]["confirmation_url"], HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="confirmation-1-1.pdf"'
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert pdf.content.startswith(b"%PDF")


def test_list_shows_only_the_candidates_own_dossiers(api, candidate, session, frozen):
    other = UserFactory()
    services.registration_start(candidate=other, session=session, now=NOW)
    pk = start(api, session)

    listed = api.get(API).json()

    assert [item["id"] for item in listed["results"]] == [pk]


def test_step_fields_come_from_the_step_forms(api, session, mco, frozen):
    pk = start(api, session)
    steps = {step["name"]: step for step in api.get(f"{API}{pk}/").json()["steps"]}

    returning = next(f for f in steps["debut"]["fields"] if f["name"] == "returning")
    assert returning["type"] == "choice"
    assert returning["required"] is True
    assert [c["value"] for c in returning["choices"]] == ["no", "yes"]
    birth_date = next(f for f in steps["debut"]["fields"] if f["name"] == "birth_date")
    assert (birth_date["type"], birth_date["required"]) == ("date", False)
    establishment = steps["etablissement"]["fields"][0]
    assert [c["value"] for c in establishment["choices"]] == [
        str(session.academy.establishments.get().pk)
    ]
    # The answers already kept are given as each field's initial value.
    email = next(f for f in steps["identite"]["fields"] if f["name"] == "email")
    assert email["initial"] == "lea.martin@example.fr"

    walk(api, pk, pages(session, mco)[:5])
    steps = {step["name"]: step for step in api.get(f"{API}{pk}/").json()["steps"]}
    language = next(f for f in steps["epreuves"]["fields"] if f["name"] == "compulsory_language")
    assert "en" in [c["value"] for c in language["choices"]]
    assert steps["acquis"]["fields"][3]["name"] == "u0_choice"


def test_rule_error_on_a_step_is_422_with_its_code_and_field_and_the_answers_kept(
    api, session, frozen
):
    pk = start(api, session)
    identity = {**IDENTITY, "last_name": ""}

    response = put_step(api, pk, "identite", identity)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {
        "code": "civil_status.last_name_required",
        "step": "identite",
        "field": "last_name",
        "path": "civil_status.last_name",
        "message": "Le nom de famille est obligatoire.",
        "source": errors[0]["source"],
    } in errors
    assert errors[0]["source"].startswith("004_")
    assert Registration.objects.get(pk=pk).answers["identity"]["first_name_1"] == "Léa"


def test_warning_on_a_step_does_not_block(api, session, frozen):
    pk = start(api, session)

    response = put_step(api, pk, "identite", {**IDENTITY, "first_name_2": ""})

    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == []
    assert [w["code"] for w in body["warnings"]] == ["civil_status.second_first_name_recommended"]
    assert body["warnings"][0]["field"] == "first_name_1"
    assert body["next_step"] == "situation"


def test_returning_candidate_first_screen_prefills_from_the_earlier_session(
    api, session, mco, frozen
):
    PriorRecord.objects.create(
        academy=session.academy,
        exam_year=2026,
        candidate_number="1600012345",
        birth_date=date(2003, 4, 17),
        specialty=mco,
        form="global",
        civil_status={"last_name": "Bernard", "first_name_1": "Lucas"},
    )
    pk = start(api, session)

    response = put_step(
        api,
        pk,
        "debut",
        {"returning": "yes", "candidate_number": "1600012345", "birth_date": "2003-04-17"},
    )

    assert response.status_code == 200
    answers = api.get(f"{API}{pk}/").json()["answers"]
    assert answers["identity"]["last_name"] == "Bernard"
    assert answers["start"]["birth_date"] == "2003-04-17"


def test_form_error_is_400_with_the_field_errors_and_nothing_saved(api, session, frozen):
    pk = start(api, session)

    response = put_step(api, pk, "debut", {"returning": "yes"})

    assert response.status_code == 400
    assert set(response.json()) == {"candidate_number", "birth_date"}
    assert "start" not in Registration.objects.get(pk=pk).answers


def test_choice_outside_the_forms_choices_is_400(api, session, frozen):
    pk = start(api, session)

    response = put_step(api, pk, "debut", {"returning": "peut-etre"})

    assert response.status_code == 400
    assert list(response.json()) == ["returning"]


def test_step_body_that_is_not_an_object_is_400(api, session, frozen):
    pk = start(api, session)

    response = put_step(api, pk, "debut", ["no"])

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_step_that_does_not_apply_to_the_dossier_is_404(api, session, frozen):
    pk = start(api, session)

    assert put_step(api, pk, "forme", {"form": "global"}).status_code == 404
    assert put_step(api, pk, "inconnue", {}).status_code == 404


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


def test_another_candidates_dossier_is_404_on_every_route(validated, session, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    intruder = token_client(UserFactory())
    pk = validated.pk
    routes = [
        ("get", f"{API}{pk}/"),
        ("put", f"{API}{pk}/steps/identite/"),
        ("get", f"{API}{pk}/recap/"),
        ("post", f"{API}{pk}/validate/"),
        ("post", f"{API}{pk}/abandon/"),
        ("get", f"{API}{pk}/versions/"),
        ("get", f"{API}{pk}/versions/0/confirmation/"),
    ]

    for method, url in routes:
        response = getattr(intruder, method)(url, IDENTITY, format="json")
        assert response.status_code == 404, (method, url, response.status_code)

    as_pdf = intruder.get(f"{API}{pk}/versions/0/confirmation/", HTTP_ACCEPT="application/pdf")
    assert as_pdf.status_code == 404
    assert as_pdf["Content-Type"] == "application/json"
    validated.refresh_from_db()
    assert (validated.reference, validated.state) == ("1-0", State.SUBMITTED)
    assert validated.answers["identity"]["last_name"] == "Martin"
    assert "Martin" not in intruder.get(f"{API}{pk}/").content.decode()


def test_office_staff_gets_403(session, frozen):
    staff = APIClient()
    token = verified_api_token(UserFactory(office_staff=True, academy=session.academy))
    staff.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert staff.get(API).status_code == 403
    assert staff.post(API, {"session": session.pk}, format="json").status_code == 403


def test_unauthenticated_gets_401_asking_for_a_token(session, frozen):
    response = APIClient().get(API)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert APIClient().post(API, {"session": session.pk}, format="json").status_code == 401


def test_a_logged_in_candidate_uses_the_api_with_the_session_too(candidate, session, frozen):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(candidate)

    assert client.get(API).status_code == 200
    # A session needs the CSRF token to change anything, as on the pages.
    assert client.post(API, {"session": session.pk}, format="json").status_code == 403


def test_responses_are_not_cached(api, session, frozen):
    pk = start(api, session)

    response = api.get(f"{API}{pk}/")

    assert "no-store" in response["Cache-Control"]
