"""« Mes données personnelles » in a real Chromium: reached from the header, the archive
downloaded, the closure's password field with its error in place; axe-core finds nothing."""

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import STRONG_PASSWORD
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.registration.tests.browser_wizard import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def candidate_page(page, live_server, transactional_db, catalogue):
    user = UserFactory(role=Role.CANDIDATE, email="camille@example.fr", password=STRONG_PASSWORD)
    log_in(page, live_server, user)
    page.set_default_timeout(10_000)
    return page


def test_download_and_closure_from_the_header(candidate_page, axe):
    page = candidate_page
    page.goto("/espace-candidat/")
    page.get_by_role("link", name="Mes données personnelles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes données personnelles")
    axe(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données (ZIP)").click()
    assert download.value.suggested_filename.startswith("mes-donnees-")
    with zipfile.ZipFile(Path(download.value.path())) as archive:
        assert "donnees.json" in archive.namelist()

    page.get_by_label("Votre mot de passe, pour confirmer").fill("pas le bon")
    page.get_by_role("button", name="Fermer définitivement mon compte").click()
    expect(page.get_by_text("Ce n'est pas le mot de passe de votre compte")).to_be_visible()
    axe(page)

    page.get_by_label("Votre mot de passe, pour confirmer").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Fermer définitivement mon compte").click()
    expect(page.get_by_text("Votre compte est fermé")).to_be_visible()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
