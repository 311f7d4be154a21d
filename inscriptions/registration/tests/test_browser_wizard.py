"""The registration wizard in a real Chromium, screen by screen (seed 004), with axe-core on
every page the candidate sees: the screens, their error states, the dashboard, the recap, the
success page, the dossier and the public verification of a confirmation.

Time is not frozen: the browser and the live server run on the real clock, and the session is
built open around the present moment.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from inscriptions.accounts.models import Role
from inscriptions.catalog.models import Academy, Language, Specialty, UnitKind
from inscriptions.catalog.tests.factories import ExamSessionFactory, UnitFactory, UserFactory
from inscriptions.registration.forms import IdentityForm
from inscriptions.registration.models import (
    Establishment,
    PriorRecord,
    Registration,
    RegistrationVersion,
)
from inscriptions.registration.tests.browser_wizard import (
    IDENTITY,
    Wizard,
    choose,
    expect_values,
    field,
    group,
    log_in,
    tick,
)
from inscriptions.registration.tests.wizard import screens, walk

pytestmark = pytest.mark.browser

MCO = "management commercial opérationnel"
INDIVIDUAL = "Candidats individuels — Toulouse (établissement fictif)"
DISTANCE = "Enseignement à distance — CNED (établissement fictif)"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def open_session(catalogue):
    """This year's Toulouse session, open now, with the demo's establishments."""
    toulouse = Academy.objects.get(code="16")
    for code, name, kind in [
        ("0319999A", INDIVIDUAL, "fictitious"),
        ("0869999C", DISTANCE, "distance"),
    ]:
        Establishment.objects.create(academy=toulouse, code=code, name=name, kind=kind)
    return ExamSessionFactory(academy=toulouse, now=timezone.now())


@pytest.fixture
def candidate(transactional_db):
    return UserFactory(role=Role.CANDIDATE, email="lea.martin@example.fr")


@pytest.fixture
def wizard(page, axe, live_server, candidate, open_session):
    log_in(page, live_server, candidate)
    page.set_default_timeout(10_000)
    return Wizard(page, axe)


def start_from_dashboard(wizard):
    page = wizard.page
    page.goto("/espace-candidat/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace candidat")
    wizard.axe(page)
    wizard.go(page.get_by_role("button", name=re.compile("^M'inscrire à la session")))
    wizard.screen("Début de l'inscription")


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


def prior_record(session):
    """The demo's returning candidate, from the académie's previous session (core/demo.py)."""
    year = session.exam_year - 1
    record = PriorRecord.objects.create(
        academy=session.academy,
        exam_year=year,
        candidate_number="1600012345",
        birth_date=date(2003, 4, 17),
        specialty=Specialty.objects.get(bcn_code="32031213"),
        form="global",
        civil_status={
            "last_name": "Bernard",
            "first_name_1": "Lucas",
            "first_name_2": "Pierre",
            "birth_day": "17",
            "birth_month": "04",
            "birth_year": "2003",
            "french_national": "yes",
            "born_abroad": "no",
            "birth_department": "31",
            "birth_municipality": "Toulouse",
        },
        address={
            "abroad": "no",
            "street": "12 allée Jean Jaurès",
            "postal_code": "31000",
            "locality": "Toulouse",
            "department": "31",
        },
    )
    for unit_code, grade in [("U1", "12.5"), ("U4", "14"), ("U5", "8"), ("U6", "11")]:
        record.grades.create(
            unit_code=unit_code, grade=Decimal(grade), obtained_on=date(year, 7, 4)
        )
    return record


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
    field(page, "Téléphone").fill("06 98 76 54 32")
    wizard.suite(then="Situation du candidat")
    expect(field(page, "Spécialité présentée lors de votre dernière session")).to_have_value(
        str(Specialty.objects.get(bcn_code="32031213").pk)
    )
    choose(page, "Catégorie de candidat", "Ex-scolaire")
    wizard.suite(then="Établissement")
    wizard.establishment(INDIVIDUAL)
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


def kept_unit(page, unit_code):
    """The fieldset of one unit on the « Acquis » screen."""
    return page.locator("fieldset[id^=unit-]").filter(
        has=page.locator("legend", has_text=re.compile(rf"^\s*{unit_code} — "))
    )


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


def public_verification(browser, live_server, axe, *, version):
    """The public check of a confirmation, by anybody, without logging in: its verdict."""
    token = RegistrationVersion.objects.get(version=version).verification_token
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    try:
        visitor = context.new_page()
        visitor.goto(f"/espace-candidat/verification/{token}/")
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            "Vérification d'une confirmation d'inscription"
        )
        axe(visitor)
        return {
            "title": visitor.locator(".fr-alert__title").inner_text(),
            "initials": visitor.locator("dd").nth(1).inner_text(),
        }
    finally:
        context.close()


def saved_draft(candidate, session, *, until=None, **answers):
    """A dossier saved through the screens before ``until`` with Django's test client (all of
    them, and validated, when ``until`` is None): the state a browser test starts from."""
    client = Client()
    client.force_login(candidate)
    client.post(f"/espace-candidat/sessions/{session.pk}/inscription/")
    registration = Registration.objects.get(candidate=candidate, session=session)
    pages = screens(
        specialty_pk=Specialty.objects.get(bcn_code="32031213").pk,
        establishment_pk=session.academy.establishments.get(code="0319999A").pk,
        **answers,
    )
    names = [name for name, _values in pages]
    walk(client, registration.pk, pages[: names.index(until)] if until else pages)
    if until is None:
        validated = client.post(f"/espace-candidat/dossiers/{registration.pk}/recapitulatif/")
        assert validated.status_code == 302
    return registration


def test_draft_resumes_at_the_saved_step_from_the_dashboard(wizard):
    page = wizard.page
    start_from_dashboard(wizard)
    wizard.start_new()
    wizard.identity()
    wizard.suite(then="Situation du candidat")
    choose(page, "Catégorie de candidat", "Enseignement à distance – scolaire")
    field(page, "Année de formation").select_option(label="Deuxième année")
    choose(page, "Avez-vous effectué vos stages ?", "Oui")
    wizard.suite(then="Établissement")

    # The candidate leaves; later, the dashboard offers to go on where they stopped.
    page.goto("/espace-candidat/")
    card = page.locator(".fr-card", has_text="Session")
    expect(card).to_contain_text("Brouillon")
    wizard.axe(page)
    wizard.go(card.get_by_role("link", name="Reprendre mon inscription"))
    wizard.screen("Établissement")
    wizard.retour(then="Situation du candidat")
    expect(page.get_by_role("radio", name="Enseignement à distance – scolaire")).to_be_checked()
    expect(field(page, "Année de formation")).to_have_value("2")


def test_abandon_asks_for_confirmation_before_dropping_the_draft(wizard):
    page = wizard.page
    start_from_dashboard(wizard)
    wizard.start_new()
    wizard.identity()
    wizard.suite(then="Situation du candidat")

    wizard.go(page.get_by_role("button", name="Abandon", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Abandonner votre inscription en cours ?"
    )
    wizard.axe(page)
    wizard.go(page.get_by_role("link", name="Non, continuer mon inscription"))
    wizard.screen("Situation du candidat")
    assert Registration.objects.count() == 1

    wizard.go(page.get_by_role("button", name="Abandon", exact=True))
    wizard.go(page.get_by_role("button", name="Oui, abandonner"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace candidat")
    expect(page.get_by_text("Votre inscription en cours a été abandonnée.")).to_be_visible()
    expect(page.get_by_text("Vous n'avez encore aucune inscription.")).to_be_visible()
    wizard.axe(page)
    assert Registration.objects.count() == 0


def test_modification_creates_version_1_with_the_change_listed(
    wizard, candidate, open_session, browser, live_server
):
    saved_draft(candidate, open_session)
    page = wizard.page
    page.goto("/espace-candidat/")
    wizard.go(page.get_by_role("link", name="Consulter mon dossier"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon dossier 1-0")
    wizard.axe(page)

    wizard.go(page.get_by_role("link", name="Modifier mon inscription"))
    wizard.screen("État civil et coordonnées")
    expect(field(page, "Téléphone")).to_have_value("06 12 34 56 78")
    field(page, "Téléphone").fill("07 11 22 33 44")
    for title in [
        "Situation du candidat",
        "Établissement",
        "Spécialité",
        "Forme de passage",
        "Publication des résultats",
    ]:
        wizard.suite(then=title)
    choose(page, "J'accepte la communication de mes résultats", "Oui")
    wizard.suite(then="Acquis : bénéfices et dispenses")
    wizard.suite(then="Épreuves et langues")
    wizard.to_recap()
    wizard.validate("1-1")

    wizard.go(page.get_by_role("link", name="Voir mon dossier"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon dossier 1-1")
    changes = page.get_by_role("table", name="Changements entre 1-0 et 1-1")
    phone = changes.get_by_role("row", name=re.compile("Téléphone"))
    expect(phone).to_contain_text("06 12 34 56 78")
    expect(phone).to_contain_text("07 11 22 33 44")
    consent = changes.get_by_role("row", name=re.compile("Collectivités territoriales"))
    expect(consent).to_have_text(re.compile(r"non\s*oui\s*$"))
    expect(changes.locator("tbody tr")).to_have_count(2)
    wizard.axe(page)
    verdict = public_verification(browser, live_server, wizard.axe, version=0)
    assert verdict["title"] == "Document authentique mais remplacé"


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
    registration = saved_draft(
        candidate,
        open_session,
        until="acquis",
        debut={"returning": "yes", "candidate_number": "1600012345", "birth_date": "17/04/2003"},
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
