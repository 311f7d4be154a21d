"""The accounts' pages in a real Chromium, with a real SMTP server: sign-up, activation, login,
logout, the session-expiry warning; axe-core finds no accessibility violation."""

import re

import pytest
from playwright.sync_api import expect

from inscriptions.catalog.tests.factories import UserFactory

from .helpers import STRONG_PASSWORD, link_in

pytestmark = pytest.mark.browser


@pytest.fixture
def site(settings, live_server):
    """Links in the emails lead to the live server."""
    settings.SITE_URL = live_server.url
    return live_server


def header_tools(page):
    """The header's tools as shown on a wide screen (the DSFR copies them in the mobile menu)."""
    return page.locator(".fr-header__tools-links")


def fill_sign_up(page, password):
    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Adresse électronique").fill("camille.martin@exemple.fr")
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Créer mon compte").click()


def log_in(page, email, password):
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_candidate_signs_up_activates_logs_in_and_out(page, axe, site, smtp_server):
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name="Créer un compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte")
    axe(page)

    fill_sign_up(page, password="tournesolvelo")

    password = page.get_by_label("Mot de passe", exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_be_focused()
    expect(page.locator("#id_password-messages .fr-message--error")).to_contain_text(
        "Ce mot de passe n'est pas assez varié"
    )
    expect(page.get_by_label("Adresse électronique")).to_have_value("camille.martin@exemple.fr")
    expect(password).to_have_value("")
    assert page.title().startswith("Erreur : Créer un compte")
    axe(page)

    fill_sign_up(page, password=STRONG_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez vos courriels")

    [email] = smtp_server.wait_for(1)
    page.goto(link_in(email.text, "/compte/activation/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Compte activé")
    page.get_by_role("main").get_by_role("link", name="Se connecter").click()

    axe(page)
    log_in(page, "camille.martin@exemple.fr", STRONG_PASSWORD)

    tools = header_tools(page)
    expect(tools.get_by_text("Camille Martin")).to_be_visible()
    tools.get_by_role("button", name="Se déconnecter").click()
    expect(tools.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(page.get_by_text("Camille Martin")).to_have_count(0)


@pytest.mark.parametrize(
    "url", ["/compte/connexion/", "/compte/mot-de-passe/oublie/", "/compte/activation/renvoyer/"]
)
def test_account_page_has_no_accessibility_violation(page, axe, url):
    page.goto(url)

    assert page.locator("h1").count() == 1
    axe(page)


def test_failed_login_and_lockout_pages_have_no_accessibility_violation(page, axe, live_server):
    UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)
    page.goto("/compte/connexion/")

    log_in(page, "camille@exemple.fr", "Pas-le-bon-1234")
    expect(page.get_by_role("alert")).to_contain_text(
        "Adresse électronique ou mot de passe incorrect"
    )
    axe(page)

    for _ in range(4):
        log_in(page, "camille@exemple.fr", "Pas-le-bon-1234")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion bloquée temporairement")
    expect(page.get_by_text("Vous pourrez réessayer à partir de")).to_be_visible()
    axe(page)


def test_password_can_be_shown_while_typing_it(page, live_server):
    page.goto("/compte/inscription/")
    password = page.get_by_label("Mot de passe", exact=True)
    expect(password).to_have_attribute("type", "password")

    page.get_by_text("Afficher", exact=True).click()

    expect(password).to_have_attribute("type", "text")


@pytest.fixture
def short_session(settings):
    """Sessions of 10 seconds, warned 8 seconds before: the dialog opens after 2 seconds."""
    settings.SESSION_COOKIE_AGE = 10
    settings.SESSION_WARNING_SECONDS = 8


def logged_in_home(page):
    UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)
    page.goto("/compte/connexion/?next=/sessions/")
    log_in(page, "camille@exemple.fr", STRONG_PASSWORD)
    page.wait_for_url("**/sessions/")


def test_session_warning_lets_the_user_extend_the_session(page, axe, live_server, short_session):
    logged_in_home(page)
    started = page.evaluate("Date.now()")

    dialog = page.get_by_role("dialog", name="Votre session va expirer dans 8 secondes")
    expect(dialog).to_be_visible(timeout=5000)
    extend = dialog.get_by_role("button", name="Prolonger ma session")
    expect(extend).to_be_focused()
    axe(page)
    extend.click()
    expect(dialog).to_be_hidden()

    # Past the first expiry (10 s after the page loaded), the page stays and the user is in.
    page.wait_for_timeout(max(0, started + 11_500 - page.evaluate("Date.now()")))
    assert page.url.endswith("/sessions/")
    page.reload()
    expect(header_tools(page).get_by_text("Camille Martin")).to_be_visible()


def test_session_warning_closes_with_escape_and_expiry_leads_to_the_login_page(
    page, live_server, short_session
):
    logged_in_home(page)

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=5000)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    page.wait_for_url(re.compile(r"/compte/connexion/\?next=%2Fsessions%2F$"), timeout=15_000)
    expect(header_tools(page).get_by_role("link", name="Se connecter")).to_be_visible()


def test_the_password_is_explained_as_it_is_typed(page, axe, live_server):
    page.goto("/compte/inscription/")
    password = page.get_by_label("Mot de passe", exact=True)

    password.press_sequentially("Azerty123456")
    expect(page.get_by_text("un mot courant (« Azerty »)", exact=False)).to_be_visible()
    axe(page)
    password.fill("")
    password.press_sequentially("Prairie-Hibou-Fenetre-Lumineuse")

    expect(page.get_by_text("Ce mot de passe est assez robuste.")).to_be_visible()
    expect(page.get_by_text("un mot courant (« Azerty »)", exact=False)).to_have_count(0)


def test_the_password_changes_from_the_account_page_with_the_current_one(page, axe, live_server):
    logged_in_home(page)
    page.goto("/compte/donnees/")
    page.get_by_role("link", name="Changer de mot de passe").click()
    axe(page)
    page.get_by_label("Votre mot de passe actuel").fill("pas le bon")
    page.get_by_label("Nouveau mot de passe").press_sequentially("Prairie-Hibou-Fenetre-Lumineuse")
    expect(page.get_by_text("Ce mot de passe est assez robuste.")).to_be_visible()
    page.get_by_role("button", name="Changer le mot de passe").click()
    expect(page.get_by_text("Ce n'est pas le mot de passe actuel de votre compte.")).to_be_visible()
    axe(page)

    page.get_by_label("Votre mot de passe actuel").fill(STRONG_PASSWORD)
    page.get_by_label("Nouveau mot de passe").fill("Prairie-Hibou-Fenetre-Lumineuse")
    page.get_by_role("button", name="Changer le mot de passe").click()
    expect(page.get_by_text("Votre mot de passe est changé")).to_be_visible()
    page.get_by_role("link", name="Changer d'adresse électronique").click()
    axe(page)
