"""The office's second factor in a real Chromium: set-up with the QR code and the recovery
codes, then the code page; axe-core finds no accessibility violation on any of them."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from inscriptions.catalog.tests.factories import UserFactory

from .helpers import totp_code

pytestmark = pytest.mark.browser

PASSWORD = "Gestion-des-dossiers-2027"


def log_in(page, email):
    page.goto("/compte/connexion/?next=/sessions/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_first_login_sets_up_the_app_then_a_recovery_code_logs_in(page, axe, live_server):
    staff = UserFactory(office_staff=True, email="gestionnaire@exemple.fr", password=PASSWORD)

    log_in(page, staff.email)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Configurer la vérification en deux étapes"
    )
    expect(page.locator(".otp-qr svg")).to_be_visible()
    device = TOTPDevice.objects.get(user=staff)
    axe(page)

    code = page.get_by_label("Code de vérification")
    code.fill(wrong(totp_code(device)))
    page.get_by_role("button", name="Activer la vérification en deux étapes").click()
    expect(code).to_be_focused()
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_code-messages .fr-message--error")).to_contain_text("Code incorrect")
    assert page.title().startswith("Erreur : Configurer la vérification en deux étapes")
    axe(page)

    page.get_by_role("link", name="Code de vérification : Code incorrect").click()
    expect(code).to_be_focused()
    page.wait_for_timeout(1100)  # the authenticator's wait after a wrong code
    code.fill(totp_code(device))
    page.get_by_role("button", name="Activer la vérification en deux étapes").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Codes de secours")
    recovery = page.get_by_role("list", name="Vos codes de secours").get_by_role("listitem")
    expect(recovery).to_have_count(10)
    first_code = recovery.first.inner_text().strip()
    axe(page)
    page.get_by_role("link", name="Continuer").click()
    expect(page).to_have_url(f"{live_server.url}/sessions/")

    page.locator(".fr-header__tools-links").get_by_role("button", name="Se déconnecter").click()
    log_in(page, staff.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification en deux étapes")
    page.get_by_label("Code de vérification").fill(first_code)
    page.get_by_role("button", name="Valider le code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Codes de secours")
    expect(page.get_by_text("Il vous reste 9 codes de secours.")).to_be_visible()
    axe(page)


def test_staff_logs_in_with_the_code_of_the_app(page, axe, live_server):
    staff = UserFactory(office_staff=True, email="gestionnaire@exemple.fr", password=PASSWORD)
    device = TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)

    log_in(page, staff.email)

    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification en deux étapes")
    axe(page)
    code = page.get_by_label("Code de vérification")
    code.fill(wrong(totp_code(device)))
    page.get_by_role("button", name="Valider le code").click()
    expect(code).to_be_focused()
    expect(page.locator("#id_code-messages .fr-message--error")).to_contain_text("Code incorrect")
    expect(code).to_have_value("")
    axe(page)

    page.wait_for_timeout(1100)
    code.fill(totp_code(device))
    page.get_by_role("button", name="Valider le code").click()

    expect(page).to_have_url(f"{live_server.url}/sessions/")
