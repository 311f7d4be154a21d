"""The candidate's registration through the JSON API, step by step: the same steps, rules and
services as the candidate space's pages (seed 004, screen by screen): the whole registration
with a token up to the confirmation PDF, the list, the steps' fields, a step's rule errors
and warnings, the returning candidate prefilled, and the steps refused."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.registration import services
from inscriptions.registration.models import PriorRecord, Registration
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import IDENTITY

from .registration_api import *  # noqa: F403
from .registration_api import API, pages, put_step, start, walk

pytestmark = pytest.mark.django_db


PASSWORD = "mot-de-passe-de-test"  # UserFactory's


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
    # Every establishment of the académie offered (the category is not known yet).
    assert [c["value"] for c in establishment["choices"]] == [
        str(pk)
        for pk in session.academy.establishments.order_by("name").values_list("pk", flat=True)
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
    assert errors[0]["source"].startswith("guide d'inscription Inscrinet, ")
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
