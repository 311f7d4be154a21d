"""The establishment and specialty screens (seed 004_e9d540e1230d63f6.txt « Choix de
l'établissement », « Votre candidature à une spécialité »):
individual candidates choose the fictitious establishment of their situation or area; a
returning candidate gives their former establishment, from the list or by its name and city."""

import html

import pytest

from inscriptions.catalog.models import Establishment, Specialty
from inscriptions.registration.models import Registration
from inscriptions.registration.tests.wizard import screens, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, candidate, session, frozen):
    client.force_login(candidate)
    client.post(f"/espace-candidat/sessions/{session.pk}/inscription/")
    return Registration.objects.get(candidate=candidate, session=session)


def _until_situation(client, draft, mco, category="former_school", returning="no"):
    pages = dict(screens(specialty_pk=mco.pk, establishment_pk=0))
    pages["situation"] = {**pages["situation"], "category": category, "experience_months": "48"}
    if returning == "yes":
        draft.answers = {**draft.answers, "start": {"returning": "yes"}}
        draft.save(update_fields=["answers"])
    walk(client, draft.pk, [(name, pages[name]) for name in ("identite", "situation")])


def _screen(client, draft) -> str:
    return client.get(
        f"/espace-candidat/dossiers/{draft.pk}/etapes/etablissement/"
    ).content.decode()


def _post_step(client, draft, step, **data):
    return client.post(
        f"/espace-candidat/dossiers/{draft.pk}/etapes/{step}/", {**data, "action": "next"}
    )


def _post(client, draft, **data):
    return _post_step(client, draft, "etablissement", **data)


def test_an_individual_candidate_is_offered_the_fictitious_establishments_of_their_category(
    client, draft, mco
):
    _until_situation(client, draft, mco, category="former_school")

    page = html.unescape(_screen(client, draft))

    assert "Candidats individuels — département 31 (établissement fictif)" in page
    assert "Candidats individuels — département 82 (établissement fictif)" in page
    assert "expérience professionnelle (établissement fictif)" not in page
    assert "formation à distance (établissement fictif)" not in page
    # Not a returning candidate: nothing asked of a former establishment.
    assert "ancien établissement" not in page.lower()


def test_a_candidate_by_professional_experience_is_offered_their_own(client, draft, mco):
    _until_situation(client, draft, mco, category="professional_experience")

    page = html.unescape(_screen(client, draft))

    assert "Candidats au titre de l'expérience professionnelle (établissement fictif)" in page
    assert "département 31" not in page


def test_a_returning_candidate_must_give_their_former_establishment(client, draft, mco, session):
    _until_situation(client, draft, mco, returning="yes")
    chosen = session.academy.establishments.get(code="FIC-31")

    refused = _post(client, draft, establishment=chosen.pk)

    assert refused.status_code == 422
    page = html.unescape(refused.content.decode())
    assert "indiquez votre ancien établissement, choisi dans la liste ou par son nom" in page
    assert "guide d'inscription Inscrinet, « Choix de l'établissement »" in page
    # The error summary links to the field, and what was chosen is kept.
    assert 'href="#id_former_establishment"' in page
    assert f'value="{chosen.pk}" selected' in page or f'value="{chosen.pk}" checked' in page


def test_a_name_without_its_city_is_refused_beside_the_city(client, draft, mco, session):
    _until_situation(client, draft, mco, returning="yes")
    chosen = session.academy.establishments.get(code="FIC-31")

    refused = _post(
        client, draft, establishment=chosen.pk, former_establishment_name="Lycée Déodat"
    )

    page = html.unescape(refused.content.decode())
    assert "Indiquez la ville de cet établissement." in page
    assert 'value="Lycée Déodat"' in page


def test_an_unlisted_former_establishment_is_kept_by_name_and_city(client, draft, mco, session):
    _until_situation(client, draft, mco, returning="yes")
    chosen = session.academy.establishments.get(code="FIC-31")

    response = _post(
        client,
        draft,
        establishment=chosen.pk,
        former_establishment_name="Lycée Déodat de Séverac",
        former_establishment_city="Toulouse",
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["establishment"]["former_establishment_name"] == (
        "Lycée Déodat de Séverac"
    )
    assert draft.answers["establishment"]["former_establishment_city"] == "Toulouse"


def test_a_closed_establishment_is_offered_as_former_only(client, draft, mco, session):
    closed = Establishment.objects.create(
        academy=session.academy,
        code="0310099Z",
        name="Lycée fermé",
        kind="training",
        city="Albi",
        is_active=False,
    )
    _until_situation(client, draft, mco, returning="yes")

    refused = _post(client, draft, establishment=closed.pk)
    accepted = _post(
        client,
        draft,
        establishment=session.academy.establishments.get(code="FIC-31").pk,
        former_establishment=closed.pk,
    )

    assert refused.status_code == 422
    assert accepted.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["establishment"]["former_establishment"] == closed.pk


def test_only_specialties_with_their_exam_rules_are_offered_with_the_office_to_reach(
    client, draft, mco, session
):
    # Issue « Operation-ready catalogue »: a candidate never discovers at the units screen
    # that the specialty's rules are missing; the screen says whom to contact instead.
    session.academy.office_email = "dec-postbac@ac-toulouse.fr"
    session.academy.save(update_fields=["office_email"])
    batiment = Specialty.objects.get(bcn_code="32023012")
    assert not batiment.units.exists()

    page = html.unescape(
        client.get(f"/espace-candidat/dossiers/{draft.pk}/etapes/specialite/").content.decode()
    )
    refused = _post_step(client, draft, "specialite", specialty=batiment.pk)

    assert str(mco) in page
    assert str(batiment) not in page
    assert (
        "La vôtre n'y figure pas ? Contactez le bureau des examens de l'académie de Toulouse "
        "(dec-postbac@ac-toulouse.fr) avant la clôture des inscriptions." in page
    )
    assert refused.status_code == 422
