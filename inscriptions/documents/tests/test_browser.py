"""« Mes justificatifs » in a real Chromium: upload, replace, a refusal shown beside its field,
and axe-core finding no violation on each state of the page.

Time is not frozen: the browser and the live server run on the real clock, and the session is
built open around the present moment.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from inscriptions.accounts.models import Role
from inscriptions.catalog.models import Academy, Establishment, Specialty
from inscriptions.catalog.tests.factories import ExamSessionFactory, UserFactory
from inscriptions.documents.models import UploadedFile
from inscriptions.documents.tests import samples
from inscriptions.registration import services as registration_services
from inscriptions.registration.tests.wizard import fill, screens

pytestmark = pytest.mark.browser


@pytest.fixture
def dossier(transactional_db, catalogue):
    now = timezone.now()
    toulouse = Academy.objects.get(code="16")
    establishment = Establishment.objects.create(
        academy=toulouse, code="0319999A", name="Candidats individuels", kind="fictitious"
    )
    session = ExamSessionFactory(academy=toulouse, now=now)
    candidate = UserFactory(role=Role.CANDIDATE, email="lea.martin@example.fr")
    mco = Specialty.objects.get(bcn_code="32031213")
    registration = registration_services.registration_start(
        candidate=candidate, session=session, now=now
    )
    registration = fill(
        registration, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=now
    )
    registration_services.registration_validate(registration=registration, actor=candidate, now=now)
    registration.refresh_from_db()
    return registration


@pytest.fixture
def candidate_page(page, live_server, dossier):
    client = Client()
    client.force_login(dossier.candidate)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_default_timeout(10_000)
    return page


def piece(page, label):
    return page.locator("section.document-piece").filter(
        has=page.get_by_role("heading", name=label, exact=True)
    )


def test_upload_replace_and_refusal(candidate_page, dossier, axe, tmp_path, storage):
    page = candidate_page
    identity = "Photocopie d'une pièce d'identité"
    page.goto(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes justificatifs")
    expect(piece(page, identity).get_by_text("À déposer", exact=True)).to_be_visible()
    expect(page.get_by_text("Aucun antivirus n'est configuré sur ce service")).to_be_visible()
    axe(page)

    # Upload.
    recto = tmp_path / "carte-identite.pdf"
    recto.write_bytes(samples.pdf())
    page.get_by_label(re.compile(f"^\\s*Fichier pour « {identity} »")).set_input_files(recto)
    piece(page, identity).get_by_role("button", name=re.compile("^Déposer")).click()
    expect(page.get_by_role("status").first).to_contain_text("fichier déposé")
    section = piece(page, identity)
    expect(section.get_by_text("Déposée, en attente de vérification")).to_be_visible()
    expect(section.get_by_role("link", name="carte-identite.pdf")).to_be_visible()
    axe(page)

    # Replace: the earlier file stays listed.
    scan = tmp_path / "scan.png"
    scan.write_bytes(samples.png())
    section.get_by_label(re.compile("Remplacer le fichier")).set_input_files(scan)
    section.get_by_role("button", name=re.compile("^Remplacer —")).click()
    section = piece(page, identity)
    rows = section.get_by_role("row")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("scan.png")
    expect(rows.nth(2)).to_contain_text("carte-identite.pdf")
    expect(rows.nth(2)).to_contain_text("remplacé")
    assert UploadedFile.objects.count() == 2

    # Refusal: a PNG hiding a PDF, told at the top and beside the field, focus on the summary.
    polyglot = tmp_path / "photo.png"
    polyglot.write_bytes(samples.png_with_appended_pdf())
    jdc = page.locator("#piece-jdc_certificate")
    jdc.get_by_label(re.compile("Fichier pour")).set_input_files(polyglot)
    jdc.get_by_role("button", name=re.compile("^Déposer")).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("un autre document ou du code")
    field = page.locator("#file-jdc_certificate")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#file-jdc_certificate-error")).to_contain_text(
        "un autre document ou du code"
    )
    summary.get_by_role("link").click()
    expect(field).to_be_focused()
    assert UploadedFile.objects.count() == 2
    axe(page)


def test_download_link_serves_the_file(candidate_page, dossier, tmp_path, storage):
    page = candidate_page
    data = samples.pdf()
    document = tmp_path / "releve.pdf"
    document.write_bytes(data)
    page.goto(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/")
    page.locator("#file-transcript").set_input_files(document)
    page.locator("#piece-transcript").get_by_role("button", name=re.compile("^Déposer")).click()

    with page.expect_download() as download:
        page.locator("#piece-transcript").get_by_role("link", name="releve.pdf").click()

    assert download.value.suggested_filename == "releve.pdf"
    assert download.value.path().read_bytes() == data
