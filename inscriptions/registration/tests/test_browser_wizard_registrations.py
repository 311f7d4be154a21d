"""Whole first registrations in a real Chromium, screen by screen (seed 004), with axe-core on
every page the candidate sees: in the global form up to the confirmation PDF, the dossier and
its public verification, with the error states on the way; a returning candidate finding their
identity and kept grades prefilled; a distance learner in the progressive form choosing units
and optional units.

Time is not frozen: the browser and the live server run on the real clock, and the session is
built open around the present moment.
"""

import re

import pytest
from playwright.sync_api import expect

from inscriptions.catalog.models import Language, Specialty, UnitKind
from inscriptions.catalog.tests.factories import UnitFactory
from inscriptions.registration.models import Registration
from inscriptions.registration.tests.browser_wizard import (
    IDENTITY,
    choose,
    expect_values,
    field,
    group,
    tick,
)

from .browser_journeys import *  # noqa: F403
from .browser_journeys import (
    DISTANCE,
    INDIVIDUAL,
    MCO,
    kept_unit,
    prior_record,
    public_verification,
    start_from_dashboard,
)

pytestmark = pytest.mark.browser


def test_first_registration_in_global_form_up_to_the_confirmation_pdf(
    wizard, open_session, browser, live_server
):
    page = wizard.page
    start_from_dashboard(wizard)

    # Suite with nothing chosen: the error is announced at the top and nothing moves on.
    wizard.errors(wizard.suite())
    wizard.start_new()

    # A 4-digit postal code: the screen comes back with the error, and what was typed.
    typed = {**IDENTITY, "Code postal": "3100"}
    wizard.identity(typed)
    summary = wizard.errors(wizard.suite())
    expect(summary.get_by_role("link")).to_have_count(1)
    wizard.expect_field_error(
        "Code postal", "Le code postal « 3100 » doit être saisi sur 5 chiffres."
    )
    expect_values(page, typed)
    expect(page.get_by_role("radio", name="Oui").first).to_be_checked()
    summary.get_by_role("link").click()
    expect(field(page, "Code postal")).to_be_focused()

    field(page, "Code postal").fill("31000")
    wizard.suite(then="Situation du candidat")
    choose(page, "Catégorie de candidat", "Ex-scolaire")

    # Retour: back to the identity screen with its values, then the situation kept too.
    wizard.retour(then="État civil et coordonnées")
    expect_values(page, {**IDENTITY, "Adresse électronique": "lea.martin@example.fr"})
    wizard.suite(then="Situation du candidat")
    expect(page.get_by_role("radio", name="Ex-scolaire")).to_be_checked()
    field(page, "Spécialité présentée lors de votre dernière session").select_option(label=MCO)
    field(page, "Année de cette session").fill(str(open_session.exam_year - 1))
    field(page, "Forme de passage lors de cette session").select_option(label="Forme globale")
    wizard.suite(then="Établissement")

    wizard.establishment(INDIVIDUAL)
    wizard.specialty(MCO)
    wizard.exam_form("Forme globale")

    # No consent chosen: both questions are in the summary and beside their own answers.
    summary = wizard.errors(wizard.suite())
    expect(summary.get_by_role("link")).to_have_count(2)
    press = group(page, "J'accepte la publication de mes résultats")
    expect(press).to_contain_text("Indiquez si vous acceptez ou refusez la communication de vos")
    expect(press.get_by_role("radio", name="Oui")).to_have_attribute("aria-invalid", "true")
    wizard.consents(press="Oui", local_authorities="Non")

    # A bénéfice declared without its grade nor its date: both asked for, in the unit's group.
    u1 = kept_unit(page, "U1")
    choose(u1, "Pour cette unité", "Je déclare un bénéfice de note")
    summary = wizard.errors(wizard.suite())
    u1 = kept_unit(page, "U1")
    expect(summary.get_by_role("link")).to_have_count(2)
    wizard.expect_field_error("Note obtenue", "Indiquez la note obtenue.", within=u1)
    wizard.expect_field_error("Date d'obtention", "Indiquez la date d'obtention.", within=u1)
    expect(u1.get_by_role("radio", name="Je déclare un bénéfice de note")).to_be_checked()
    choose(u1, "Pour cette unité", "Je présente cette unité")
    wizard.suite(then="Épreuves et langues")
    wizard.language("anglais")
    wizard.to_recap()

    # Retour from the recap: the last screen, as it was left.
    wizard.go(page.get_by_role("link", name="Retour", exact=True))
    wizard.screen("Épreuves et langues")
    expect(field(page, "Langue vivante obligatoire")).to_have_value("en")
    wizard.to_recap()
    expect(page.get_by_role("row", name=re.compile("Forme"))).to_contain_text("Forme globale")
    expect(page.get_by_role("row", name=re.compile("Langue vivante obligatoire"))).to_contain_text(
        "anglais"
    )
    wizard.validate("1-0")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger ma confirmation (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "confirmation-1-0.pdf"
    assert download.path().read_bytes().startswith(b"%PDF-")

    wizard.go(page.get_by_role("link", name="Voir mon dossier"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon dossier 1-0")
    wizard.axe(page)

    verdict = public_verification(browser, live_server, wizard.axe, version=0)
    assert verdict == {"title": "Document authentique et à jour", "initials": "L. M."}


def test_returning_candidate_finds_identity_and_kept_grades_prefilled(wizard, open_session):
    prior_record(open_session)
    page = wizard.page
    start_from_dashboard(wizard)
    choose(
        page,
        "Avez-vous déjà été candidat au BTS",
        "Oui, j'ai un numéro de candidat d'une session précédente",
    )
    field(page, "Numéro de candidat").fill("1600012345")
    field(page, "Date de naissance").fill("17/04/2003")
    wizard.suite(then="État civil et coordonnées")

    expect_values(
        page,
        {
            "Nom de naissance": "Bernard",
            "Premier prénom": "Lucas",
            "Deuxième prénom": "Pierre",
            "Année de naissance": "2003",
            "Adresse Numéro": "12 allée Jean Jaurès",
            "Code postal": "31000",
            "Adresse électronique": "lea.martin@example.fr",
        },
    )
    expect(
        group(page, "Êtes-vous de nationalité française ?").get_by_role("radio", name="Oui")
    ).to_be_checked()
    # 004 « État civil »: the family name is « non modifiable pour les redoublants ».
    expect(field(page, "Nom de naissance")).to_have_attribute("readonly", "")
    expect(page.get_by_text("Repris du dossier de l'académie")).to_be_visible()
    field(page, "Téléphone").fill("06 98 76 54 32")
    wizard.suite(then="Situation du candidat")
    expect(field(page, "Spécialité présentée lors de votre dernière session")).to_have_value(
        str(Specialty.objects.get(bcn_code="32031213").pk)
    )
    choose(page, "Catégorie de candidat", "Ex-scolaire")
    wizard.suite(then="Établissement")
    # A returning candidate names the former establishment; this one is not listed (seed 004).
    page.get_by_role("button", name="Suite", exact=True).click()
    expect(page.locator("#error-summary")).to_contain_text("indiquez votre ancien établissement")
    wizard.establishment(INDIVIDUAL, former_name="Lycée Déodat de Séverac", former_city="Toulouse")
    wizard.specialty(MCO)
    wizard.exam_form("Forme globale")
    wizard.consents(press="Non", local_authorities="Oui")

    # The grades of the previous session that can still be kept (10 or more), ticked as kept.
    for unit, grade in [("U1", "12"), ("U4", "14"), ("U6", "11")]:
        unit_group = kept_unit(page, unit)
        expect(
            unit_group.get_by_role("radio", name="Je déclare un bénéfice de note")
        ).to_be_checked()
        expect(field(unit_group, "Note obtenue")).to_have_value(re.compile(rf"^{grade},"))
        expect(unit_group.get_by_role("radio", name="Oui, je la conserve")).to_be_checked()
    expect(
        kept_unit(page, "U5").get_by_role("radio", name="Je présente cette unité")
    ).to_be_checked()
    wizard.suite(then="Épreuves et langues")
    wizard.language("anglais")
    wizard.to_recap()

    units = page.get_by_role("table", name="Position de chaque unité à cette session")
    expect(units.get_by_role("row", name=re.compile("^U1 "))).to_contain_text("note 12,50/20")
    expect(units.get_by_role("row", name=re.compile("^U5 "))).to_contain_text("Présentée")
    wizard.validate("1-0")
    registration = Registration.objects.get()
    assert registration.answers["identity"]["last_name"] == "Bernard"
    assert sorted(registration.answers["acquis"]["units"]) == ["U1", "U4", "U6"]


SIO_A = (
    "services informatiques aux organisations — A - solutions d'infrastructure, systèmes et réseaux"
)


def sio_optional_units():
    """The imported catalogue has no optional unit for SIO: an engagement étudiant unit and a
    second language, as the règlement gives them."""
    sio_a = Specialty.objects.get(bcn_code="32032613")
    UnitFactory(
        specialty=sio_a,
        exam_code="EF1",
        code="UF1",
        title="Engagement étudiant",
        kind=UnitKind.OPTIONAL,
        is_engagement=True,
        coefficient=None,
    )
    UnitFactory(
        specialty=sio_a,
        exam_code="EF2",
        code="UF2",
        title="Langue vivante étrangère 2",
        kind=UnitKind.OPTIONAL,
        is_language=True,
        coefficient=None,
    )
    # The optional language must differ from the compulsory one, and the imported catalogue
    # offers only English for SIO.
    sio_a.languages.add(Language.objects.get(code="es"))
    return sio_a


def test_distance_learner_in_progressive_form_chooses_units_and_optional_units(wizard):
    sio_optional_units()
    page = wizard.page
    start_from_dashboard(wizard)
    wizard.start_new()
    wizard.identity()
    wizard.suite(then="Situation du candidat")
    choose(page, "Catégorie de candidat", "Enseignement à distance – formation continue")
    field(page, "Année de formation").select_option(label="Deuxième année")
    field(page, "Situation en formation continue").select_option(label="Reconversion")
    choose(page, "Avez-vous effectué vos stages ?", "Non")
    wizard.suite(then="Établissement")
    wizard.establishment(DISTANCE)
    wizard.specialty(SIO_A)
    wizard.exam_form("Forme progressive")
    wizard.consents()
    wizard.suite(then="Épreuves et langues")
    presented = "Unités présentées à cette session (forme progressive)"
    for unit in [
        "U1 — Culture générale et expression",
        "U5 — Support et mise à disposition de services informatiques",
    ]:
        tick(page, presented, unit)
    optional = "Épreuves facultatives : cochez celles auxquelles vous vous inscrivez"
    tick(page, optional, "UF1 — Engagement étudiant")
    tick(page, optional, "UF2 — Langue vivante étrangère 2")
    wizard.language("anglais")

    # The optional language unit without its language: the screen says so, ticks kept.
    summary = wizard.errors(wizard.suite())
    message = "Choisissez la langue de l'épreuve facultative de langue vivante."
    wizard.expect_field_error("Langue vivante facultative", message)
    expect(page.get_by_role("checkbox", name=re.compile("^U5 "))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile("^U2 "))).not_to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile("^UF2 "))).to_be_checked()
    summary.get_by_role("link", name=message).click()
    expect(field(page, "Langue vivante facultative")).to_be_focused()
    field(page, "Langue vivante facultative").select_option(label="espagnol")
    wizard.to_recap()

    units = page.get_by_role("table", name="Position de chaque unité à cette session")
    for code, position in [
        ("U1", "Présentée"),
        ("U2", "Non présentée à cette session"),
        ("U5", "Présentée"),
        ("UF1", "Inscrit"),
        ("UF2", "Inscrit"),
    ]:
        expect(units.get_by_role("row", name=re.compile(rf"^{code} "))).to_contain_text(position)
    expect(page.get_by_role("row", name=re.compile("Langue vivante facultative"))).to_contain_text(
        "espagnol"
    )
    wizard.validate("1-0")
    answers = Registration.objects.get().answers
    assert answers["units"]["presented_units"] == ["U1", "U5"]
    assert answers["units"]["optional_units"] == ["UF1", "UF2"]
    assert answers["form"]["form"] == "progressive"
