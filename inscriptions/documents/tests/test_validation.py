"""The content checks alone: types from the bytes, PDFs that open without script, images that
hide nothing, names that point nowhere. No database."""

import pytest

from inscriptions.core.files import validation
from inscriptions.documents.tests import samples


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (samples.pdf, "application/pdf"),
        (samples.png, "image/png"),
        (samples.jpeg, "image/jpeg"),
    ],
)
def test_accepted_types_are_recognised_by_their_bytes(build, expected):
    assert validation.check_content(build()) == expected


def test_the_generated_engagement_form_is_itself_accepted():
    from inscriptions.documents.engagement_form import (
        EngagementFormContent,
        render_engagement_form,
    )

    form = render_engagement_form(
        EngagementFormContent(
            candidate_name="Léa Martin",
            dossier_reference="1-0",
            session_label="Session 2027",
            specialty_label="Management commercial opérationnel",
            due_label="4 janvier 2027 10:00",
        )
    )
    assert validation.check_content(form) == "application/pdf"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"MZ\x90\x00\x03" + b"\x00" * 200, "type_not_allowed", id="executable"),
        pytest.param(b"<html><script>alert(1)</script>", "type_not_allowed", id="html"),
        pytest.param(b"GIF89a" + b"\x00" * 50, "type_not_allowed", id="gif"),
        pytest.param(b" %PDF-1.4 leading space", "type_not_allowed", id="pdf-not-at-start"),
        pytest.param(samples.pdf_with_javascript(), "pdf_active_content", id="pdf-javascript"),
        pytest.param(
            samples.pdf_with_disguised_javascript(), "pdf_active_content", id="pdf-escaped-names"
        ),
        pytest.param(samples.encrypted_pdf(), "pdf_encrypted", id="pdf-encrypted"),
        pytest.param(samples.broken_pdf(), "pdf_unreadable", id="pdf-broken"),
        pytest.param(b"%PDF-1.7\n" + b"\x00" * 100, "pdf_unreadable", id="pdf-header-only"),
        pytest.param(samples.png_with_appended_pdf(), "hidden_content", id="png-then-pdf"),
        pytest.param(samples.png_with_html_chunk(), "hidden_content", id="png-html-chunk"),
        pytest.param(samples.jpeg() + b"<script>x</script>", "hidden_content", id="jpeg-script"),
        pytest.param(samples.png()[:60], "image_unreadable", id="png-truncated"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image_unreadable", id="jpeg-garbage"),
    ],
)
def test_refused_content(data, code):
    with pytest.raises(validation.FileRejected) as rejected:
        validation.check_content(data)
    assert rejected.value.code == code


def test_png_with_a_wrong_checksum_is_refused():
    data = bytearray(samples.png())
    data[-5] ^= 0xFF  # inside IEND's checksum
    with pytest.raises(validation.FileRejected) as rejected:
        validation.check_content(bytes(data))
    assert rejected.value.code == "image_unreadable"


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(validation, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(validation.FileRejected) as rejected:
        validation.check_content(samples.png(size=(20, 20)))
    assert rejected.value.code == "image_too_large"


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\system.ini.pdf",
        "/etc/passwd",
        "C:evil.pdf",
        "..",
        ".",
        "",
        "piece\x00.pdf",
        "piece\n.pdf",
    ],
)
def test_names_that_point_elsewhere_are_refused(name):
    with pytest.raises(validation.FileRejected) as rejected:
        validation.display_name(name)
    assert rejected.value.code == "file_name_invalid"


def test_plain_names_are_kept_and_long_ones_shortened_with_their_extension():
    assert validation.display_name("  Carte d'identité.PDF ") == "Carte d'identité.PDF"
    assert validation.display_name("..relevé.pdf") == "..relevé.pdf"
    long_name = validation.display_name("a" * 300 + ".jpeg")
    assert len(long_name) == validation.MAX_NAME_LENGTH
    assert long_name.endswith(".jpeg")
