"""The exports and figures in a real Chromium: the queue's CSV link downloads the filtered list,
the ZIP button of the bulk area downloads the ticked dossiers' documents, and the statistics
page and the service page pass axe-core."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.documents import services as document_services
from inscriptions.documents.tests import samples

from .browser import validated_dossier_and_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, catalogue):
    """Léa Martin's MCO dossier validated now, in a session open around the real clock, and
    the office staff in charge of MCO."""
    registration, staff = validated_dossier_and_staff()
    return {"dossier": registration, "staff": staff}


def _signed_in(browser, live_server, user):
    client = verified_login(Client(), user)
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris", accept_downloads=True
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


@pytest.fixture
def office(browser, live_server, world):
    context = _signed_in(browser, live_server, world["staff"])
    # Closed before the live server stops, so no page still talks to it.
    yield context.new_page()
    context.close()


def test_csv_link_downloads_the_filtered_list(office, world):
    office.goto("/bureau/?q=martin")
    with office.expect_download() as download:
        office.get_by_role("link", name="Exporter la liste filtrée (CSV)").click()

    assert download.value.suggested_filename.startswith("dossiers-")
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [world["dossier"].reference]


def test_zip_button_downloads_the_ticked_dossiers_documents(office, world):
    dossier = world["dossier"]
    document_services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("carte.pdf", samples.pdf()),
        actor=dossier.candidate,
        now=timezone.now(),
    )
    office.goto("/bureau/")
    office.get_by_label(f"Sélectionner le dossier {dossier.reference}").check(force=True)
    with office.expect_download() as download:
        office.get_by_role(
            "button", name="Télécharger les pièces des dossiers cochés (ZIP)"
        ).click()

    archive = zipfile.ZipFile(download.value.path())
    assert archive.namelist() == [f"{dossier.reference}_MARTIN/identity.pdf"]
    assert archive.read(f"{dossier.reference}_MARTIN/identity.pdf") == samples.pdf()


def test_statistics_page_from_the_queue(office, world, axe):
    office.goto("/bureau/")
    office.get_by_role("link", name="Statistiques des inscriptions").click()

    expect(office.get_by_role("heading", level=1)).to_have_text("Statistiques des inscriptions")
    table = office.get_by_role("table", name="Dossiers par état")
    expect(table.get_by_role("row", name="En attente de traitement 1 100,0 %")).to_be_visible()
    axe(office)


def test_service_page_from_the_queue_for_an_administrator(browser, live_server, world, axe):
    from inscriptions.accounts.models import Role
    from inscriptions.catalog.tests.factories import UserFactory
    from inscriptions.core import scheduler

    admin = UserFactory(role=Role.ACADEMY_ADMIN, academy=world["staff"].academy)
    scheduler.run_due_now(
        runner="probe", names=[n for n in scheduler.jobs() if n != "operations.backup"]
    )
    context = _signed_in(browser, live_server, admin)
    page = context.new_page()
    try:
        page.goto("/bureau/")
        page.get_by_role("link", name="État du service").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("État du service")
        table = page.get_by_role("table", name="Tâches périodiques")
        expect(table.get_by_role("row")).to_have_count(len(scheduler.jobs()) + 1)
        expect(page.get_by_text("Aucun planificateur ne fonctionne")).to_be_visible()
        axe(page)
    finally:
        context.close()


def test_a_large_export_is_prepared_then_followed_until_ready(
    office, world, axe, settings, storage
):
    from django.utils import timezone

    from inscriptions.review import export_builds
    from inscriptions.review.models import OfficeExport

    settings.EXPORT_INLINE_MAX_ROWS = 0
    office.goto("/bureau/")
    office.get_by_role("link", name="Exporter la liste filtrée (CSV)").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Exporter la liste filtrée")
    axe(office)
    office.get_by_role("button", name="Préparer le fichier CSV").click()
    expect(office.get_by_text("Le fichier est prêt : 1 dossier.")).to_be_visible()
    axe(office)
    with office.expect_download() as download:
        office.get_by_role("link", name="Télécharger le fichier CSV").click()
    assert Path(download.value.path()).read_bytes().startswith(b"\xef\xbb\xbf")

    # Still to build: the page follows it, and shows the link once the file is ready.
    queued = OfficeExport.objects.create(
        requested_by=world["staff"], kind="csv", query={}, created_at=timezone.now()
    )
    office.goto(f"/bureau/exports/{queued.pk}/")
    expect(office.get_by_text("En attente d'un traitement.")).to_be_visible()
    axe(office)
    export_builds.export_build(queued.pk)
    expect(office.get_by_role("link", name="Télécharger le fichier CSV")).to_be_visible(
        timeout=10_000
    )
