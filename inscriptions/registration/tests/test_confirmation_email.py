"""The confirmation reaches the candidate through a real SMTP server, its PDF readable."""

import io

import pytest
from pypdf import PdfReader

from inscriptions.registration import services
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import IDENTITY, fill, screens

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_each_validation_emails_its_confirmation_through_smtp(
    smtp_server, candidate, session, mco, frozen, django_capture_on_commit_callbacks
):
    # 000 ②, 002 ❷, 004: a confirmation at each validation, by email too.
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    pages = screens(specialty_pk=mco.pk, establishment_pk=establishment.pk)
    fill(registration, pages, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_validate(registration=registration, actor=candidate, now=NOW)
    registration.refresh_from_db()
    fill(registration, [("identite", {**IDENTITY, "phone": "07 11 22 33 44"})], now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_validate(registration=registration, actor=candidate, now=NOW)

    first, second = smtp_server.wait_for(2)

    assert first.recipients == ["lea.martin@example.fr"]
    assert "dossier 1-0" in first.message["Subject"]
    assert "dossier 1-1" in second.message["Subject"]
    attachment = next(part for part in second.message.iter_attachments())
    assert attachment.get_filename() == "confirmation-1-1.pdf"
    text = pdf_text(attachment.get_content())
    assert "1-1" in text or "version 1" in text
    assert "MARTIN" in text.upper() and "Léa" in text
    assert "management commercial opérationnel" in text.lower()
    assert "07 11 22 33 44" in text
    assert "U1" in text
    # Seed 002 §V: the office contact of the specialty (Toulouse demo data or the académie's).
    assert "Contact du bureau des examens" in text
