"""Single screens of the wizard in a real Chromium, reached from a draft saved before them: Suite
on the specialty screen, the error link of a question, the kept grades in French format and
the identity screen's groups.

Time is not frozen: the browser and the live server run on the real clock, and the session is
built open around the present moment.
"""

import re

import pytest
from playwright.sync_api import expect

from inscriptions.catalog.models import Specialty
from inscriptions.registration.forms import IdentityForm
from inscriptions.registration.tests.browser_wizard import (
    field,
    group,
)
from inscriptions.registration.tests.wizard import IDENTITY as SCREEN_IDENTITY

from .browser_journeys import *  # noqa: F403
from .browser_journeys import (
    MCO,
    kept_unit,
    prior_record,
    saved_draft,
)

pytestmark = pytest.mark.browser


def test_suite_on_the_specialty_screen_leads_to_the_form_screen(wizard, candidate, open_session):
    registration = saved_draft(candidate, open_session, until="specialite")
    page = wizard.page
    page.goto(f"/espace-candidat/dossiers/{registration.pk}/etapes/specialite/")
    wizard.screen("Spécialité")
    field(page, "Spécialité et option").select_option(label=MCO)

    wizard.suite(then="Forme de passage")

    registration.refresh_from_db()
    assert registration.current_step == "forme"


def test_error_link_of_a_question_leads_to_its_first_answer(wizard, candidate, open_session):
    registration = saved_draft(candidate, open_session, until="publication")
    page = wizard.page
    page.goto(f"/espace-candidat/dossiers/{registration.pk}/etapes/publication/")
    wizard.screen("Publication des résultats")
    summary = wizard.errors(wizard.suite())

    summary.get_by_role("link").first.click()

    press = group(page, "J'accepte la publication de mes résultats")
    expect(press.get_by_role("radio", name="Oui")).to_be_focused()


def test_kept_grades_are_shown_in_french_format(wizard, candidate, open_session):
    record = prior_record(open_session)
    # A returning candidate names the former establishment: here, one of the list (seed 004).
    listed = str(open_session.academy.establishments.get(code="0319999A").pk)
    registration = saved_draft(
        candidate,
        open_session,
        until="acquis",
        debut={"returning": "yes", "candidate_number": "1600012345", "birth_date": "17/04/2003"},
        # The family name is the record's, locked (004 « État civil »).
        identite={**SCREEN_IDENTITY, "last_name": "Bernard"},
        etablissement={"establishment": listed, "former_establishment": listed},
    )
    page = wizard.page
    page.goto(f"/espace-candidat/dossiers/{registration.pk}/etapes/acquis/")
    wizard.screen("Acquis : bénéfices et dispenses")

    u1 = kept_unit(page, "U1")
    expect(field(u1, "Note obtenue")).to_have_value(re.compile(r"^12,50?$"))
    expect(field(u1, "Date d'obtention")).to_have_value(f"04/07/{record.exam_year}")


def test_identity_screen_shows_each_field_once_in_its_group(wizard, candidate, open_session):
    registration = saved_draft(candidate, open_session, until="identite")
    page = wizard.page
    page.goto(f"/espace-candidat/dossiers/{registration.pk}/etapes/identite/")
    wizard.screen("État civil et coordonnées")

    form = page.locator("#content form")
    for name in IdentityForm.base_fields:
        expect(form.locator(f"#id_{name}, #id_{name}_0")).to_have_count(1)
    expect(form.locator("input[type=text], select")).to_have_count(19)
    for legend, label in [
        ("Date de naissance", "Mois de naissance"),
        ("Nationalité et lieu de naissance", "Commune de naissance"),
        ("Adresse de résidence", "Commune À l'étranger"),
        ("Adresse de résidence", "Code postal"),
        ("Coordonnées", "Téléphone"),
    ]:
        expect(field(group(page, legend), label)).to_be_visible()


def test_a_form_the_candidate_may_not_choose_is_shown_unavailable_with_its_rule(
    wizard, candidate, open_session
):
    """003_d63d5c5aa126f67f.txt « Les différentes formes de passage »: a former school pupil sits
    the exam in forme globale; the progressive form is shown, disabled, with that rule."""
    other = Specialty.objects.filter(is_active=True).exclude(bcn_code="32031213").first()
    registration = saved_draft(
        candidate,
        open_session,
        until="forme",
        situation={
            "category": "former_school",
            "previous_specialty": str(other.pk),
            "previous_year": str(open_session.exam_year - 1),
            "previous_form": "global",
        },
    )
    page = wizard.page
    page.goto(f"/espace-candidat/dossiers/{registration.pk}/etapes/forme/")
    wizard.screen("Forme de passage")

    forms = group(page, "Forme de passage de l'examen")
    expect(forms.get_by_role("radio", name=re.compile("^Forme progressive"))).to_be_disabled()
    expect(forms.get_by_role("radio", name="Forme globale")).to_be_enabled()
    expect(forms).to_contain_text("présentent obligatoirement l'examen sous la forme globale")
    expect(forms).to_contain_text("notice de l'académie de Nancy-Metz, session 2025")
