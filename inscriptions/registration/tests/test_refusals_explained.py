"""Every refusal says why: a choice the rules forbid is shown unavailable with the rule's message
and source, or refused with them, on the pages and in the API alike; never Django's generic
« Sélectionnez un choix valide ». The recap and the dossier page show the rules' explanations with
their source named in words."""

import pytest

from inscriptions.api.tests.registration_api import API, pages, put_step, start, token_client, walk
from inscriptions.catalog.models import Specialty
from inscriptions.registration import services
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import fill, screens

pytestmark = pytest.mark.django_db

GLOBAL_ONLY = "Les candidats ayant préparé le BTS par la voie scolaire"


def _former_pupil_of_another_specialty(mco):
    """A former school pupil, refused last session in another specialty: forme globale only,
    by their category (not by an earlier attempt at this one)."""
    other = Specialty.objects.filter(is_active=True).exclude(name=mco.name).first()
    return {
        "category": "former_school",
        "previous_specialty": str(other.pk),
        "previous_year": "2026",
        "previous_form": "global",
    }


def _draft(candidate, session, mco):
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    situation = _former_pupil_of_another_specialty(mco)
    return fill(
        registration,
        screens(specialty_pk=mco.pk, establishment_pk=establishment.pk, situation=situation),
        now=NOW,
    )


def test_the_form_screen_shows_the_progressive_form_unavailable_with_its_rule(
    client, candidate, session, mco, frozen
):
    """003_d63d5c5aa126f67f.txt « Les différentes formes de passage »."""
    registration = _draft(candidate, session, mco)
    client.force_login(candidate)

    page = client.get(f"/espace-candidat/dossiers/{registration.pk}/etapes/forme/").content.decode()

    progressive = page[
        page.index('value="progressive"') - 300 : page.index('value="progressive"') + 300
    ]
    assert "disabled" in progressive
    assert "Forme progressive — non disponible pour vous" in page
    assert GLOBAL_ONLY in page
    assert "(source : notice de l'académie de Nancy-Metz, session 2025" in page
    assert "003_" not in page


def test_the_api_refuses_the_forbidden_form_with_the_rule(candidate, session, mco, frozen):
    api = token_client(candidate)
    pk = start(api, session)
    walk(api, pk, pages(session, mco, situation=_former_pupil_of_another_specialty(mco))[:5])

    response = put_step(api, pk, "forme", {"form": "progressive"})

    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["code"] == "form.global_required_for_category"
    assert error["field"] == "form"
    assert error["message"].startswith(GLOBAL_ONLY)
    assert error["source"] == (
        "notice de l'académie de Nancy-Metz, session 2025, « Les différentes formes de passage »"
    )


def test_a_language_the_specialty_does_not_offer_is_refused_by_its_rule_not_generically(
    candidate, session, mco, frozen
):
    """002_d2d52601aecd35af.txt §III.B.1 choix de la langue."""
    api = token_client(candidate)
    pk = start(api, session)
    walk(api, pk, pages(session, mco)[:-1])

    response = put_step(
        api, pk, "epreuves", {"compulsory_language": "xx", "compulsory_language_followed": "yes"}
    )

    assert response.status_code == 422
    body = str(response.json())
    assert "languages.compulsory_not_offered" in body
    assert "Sélectionnez un choix valide" not in body
    assert api.get(f"{API}{pk}/").json()["answers"]["units"]["compulsory_language"] == "xx"


def test_a_malformed_code_is_told_as_such(candidate, session, mco, frozen):
    api = token_client(candidate)
    pk = start(api, session)
    walk(api, pk, pages(session, mco)[:-1])

    response = put_step(api, pk, "epreuves", {"compulsory_language": "<script>"})

    assert response.status_code == 400
    assert "n'est pas un code valide pour ce champ" in str(response.json())


def test_the_recap_and_the_dossier_page_explain_with_the_source_in_words(
    client, candidate, session, mco, frozen
):
    registration = _draft(candidate, session, mco)
    client.force_login(candidate)

    recap = client.get(f"/espace-candidat/dossiers/{registration.pk}/recapitulatif/")
    page = recap.content.decode()
    assert "Ce que disent les règles de l'examen" in page
    assert "Le choix entre la forme globale et la forme progressive est définitif." not in page
    assert "(source : " in page
    assert ".txt" not in page

    services.registration_validate(registration=registration, actor=candidate, now=NOW)
    detail = client.get(f"/espace-candidat/dossiers/{registration.pk}/").content.decode()
    assert 'id="regles"' in detail
    assert "(source : " in detail
    assert ".txt" not in detail
