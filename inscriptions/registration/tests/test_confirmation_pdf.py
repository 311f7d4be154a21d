"""The confirmation PDF, read back with pypdf: what the candidate sees, on which page, and the QR.

Plain pytest: no database, no Django (the module under test imports none).
"""

import dataclasses
import re
import subprocess
import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
import qrcode
from pypdf import PdfReader
from pypdf.generic import ContentStream
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from inscriptions.registration.confirmation_pdf import (
    FONT,
    FONT_BOLD,
    QR_MASK,
    SIGNATURE_LABEL,
    TITLE,
    UNIT_POSITIONS,
    Candidate,
    ConfirmationContent,
    Consents,
    DocumentLine,
    OfficeContact,
    UnitLine,
    dossier_heading,
    format_validated_at,
    qr_matrix,
    render_confirmation,
)

URL = "https://inscriptions-bts.ac-toulouse.fr/espace-candidat/verification/q3Zk8WvN2xR7tYb5LmC9/"
WINTER = datetime(2026, 11, 23, 13, 5, tzinfo=UTC)  # 14 h 05 in Paris (UTC+1)
NOVEMBER = "30 novembre 2026"
UNITS = (
    UnitLine(
        "U1", "Culture générale et expression", "Bénéfice conservé", "note 12,5/20 le 04/07/2024"
    ),
    UnitLine("U2", "Communication en langue vivante étrangère : anglais", "Présentée"),
    UnitLine("U3", "Culture économique, juridique et managériale", "Dispense", "DUT (2022)"),
    UnitLine("U4", "Relation client et négociation-vente", "Présentée"),
    UnitLine("UF2", "Engagement étudiant", "Facultative — inscrit", "formulaire à fournir"),
)
DOCUMENTS = (
    DocumentLine("Confirmation d'inscription datée et signée", "Tous les candidats", NOVEMBER),
    DocumentLine("Photocopie d'une pièce d'identité", "Tous les candidats", NOVEMBER),
    DocumentLine("Relevé de notes de la session 2024", "Bénéfice de note (U1)", NOVEMBER),
    DocumentLine("Formulaire d'engagement étudiant", "Unité facultative UF2", "15 mars 2027"),
)


def content(**changes: object) -> ConfirmationContent:
    base = ConfirmationContent(
        dossier_reference="175-1",
        session_label="Session 2027 — académie de Toulouse",
        validated_at=WINTER,
        candidate=Candidate(
            last_name="Lefèvre-Cœur",
            usage_name="Martín",
            first_names="Zoé Anaïs",
            birth_date="00/00/2001",
            birthplace="Toulouse (Haute-Garonne, 31)",
            nationality="française",
            address_lines=("12, rue de l’Œillet", "31000 Toulouse"),
            email="zoe.lefevre@example.org",
            phone="06 12 34 56 78",
        ),
        category_label="Candidat individuel salarié (expérience professionnelle)",
        establishment_label="Candidats individuels — Haute-Garonne (établissement fictif)",
        specialty_label="Négociation et digitalisation de la relation client",
        form_label="Forme progressive",
        languages=(("Langue vivante obligatoire", "anglais"),),
        units=UNITS,
        consents=Consents(press_and_websites=True, local_authorities=False),
        accommodation_requested=True,
        documents=DOCUMENTS,
        office_contact=OfficeContact(
            label="Bureau des examens post-bac (DEC 5) — gestionnaire NDRC",
            email="dec5@ac-toulouse.fr",
            phone="05 36 25 71 28",
            address_lines=("Rectorat de l'académie de Toulouse", "31073 Toulouse Cedex 7"),
        ),
        signature_required=True,
        verification_url=URL,
    )
    return dataclasses.replace(base, **changes)


def read(pdf: bytes) -> tuple[PdfReader, list[str]]:
    """The reader and each page's text, spaces and line breaks made single spaces."""
    reader = PdfReader(BytesIO(pdf))
    pages = [" ".join(page.extract_text().replace("\xa0", " ").split()) for page in reader.pages]
    return reader, pages


@pytest.fixture(scope="module")
def rendered() -> tuple[PdfReader, list[str], str]:
    reader, pages = read(render_confirmation(content()))
    return reader, pages, " ".join(pages)


def test_header_shows_the_dossier_number_its_version_and_the_session(rendered):
    _, pages, _ = rendered
    assert TITLE in pages[0]
    assert "Dossier n° 175 — version 1" in pages[0]
    assert "Session 2027 — académie de Toulouse" in pages[0]


def test_candidate_with_accents_ligatures_and_apostrophes(rendered):
    _, _, text = rendered
    for value in ("Lefèvre-Cœur", "Martín", "Zoé Anaïs", "00/00/2001", "12, rue de l’Œillet"):
        assert value in text
    assert "zoe.lefevre@example.org" in text


def test_the_fonts_embedded_cover_french_text(rendered):
    reader, _, _ = rendered
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans-Bold" in name for name in fonts)
    assert any(name.endswith("DejaVuSans") for name in fonts)
    for name in (FONT, FONT_BOLD):  # a glyph for each, not a blank box
        glyphs = getFont(name).face.charToGlyph
        assert all(ord(char) in glyphs for char in "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ’«»—€…°")


def test_registration_choices(rendered):
    _, _, text = rendered
    for value in (
        "Candidat individuel salarié (expérience professionnelle)",
        "Candidats individuels — Haute-Garonne (établissement fictif)",
        "Négociation et digitalisation de la relation client",
        "Forme progressive",
        "Langue vivante obligatoire anglais",
    ):
        assert value in text
    assert "Option" not in text  # no option: no empty line for it


def test_each_unit_with_its_code_position_and_detail_on_its_row(rendered):
    _, _, text = rendered
    for unit in UNITS:
        row = re.escape(f"{unit.code} {unit.title}") + r"\s+" + re.escape(unit.position_label)
        assert re.search(row, text), unit
        if unit.detail:
            assert unit.detail in text
    assert {unit.position_label for unit in UNITS} <= set(UNIT_POSITIONS)


def test_each_required_document_with_its_reason_and_due_date(rendered):
    _, _, text = rendered
    assert "Pièces justificatives à fournir" in text
    for document in DOCUMENTS:
        assert f"{document.label} {document.reason} {document.due_label}" in text


def test_publication_consents_and_accommodation(rendered):
    _, _, text = rendered
    assert "sociétés de droit privé Oui" in text
    assert "(remise de récompense) Non" in text
    assert "demande d'aménagement à compléter" in text


def test_office_contact(rendered):
    _, _, text = rendered
    assert "Contact du bureau des examens" in text
    for value in (
        "Bureau des examens post-bac (DEC 5) — gestionnaire NDRC",
        "dec5@ac-toulouse.fr",
        "05 36 25 71 28",
        "Rectorat de l'académie de Toulouse",
        "31073 Toulouse Cedex 7",
    ):
        assert value in text


@pytest.mark.parametrize(
    ("moment", "printed"),
    [
        (WINTER, "le 23 novembre 2026 à 14 h 05"),  # UTC+1
        (datetime(2027, 7, 1, 22, 30, tzinfo=UTC), "le 2 juillet 2027 à 0 h 30"),  # UTC+2
        (datetime(2026, 12, 1, 8, 0, tzinfo=UTC), "le 1er décembre 2026 à 9 h 00"),
    ],
)
def test_validation_date_and_time_in_paris(moment, printed):
    _, pages = read(render_confirmation(content(validated_at=moment)))
    assert f"Inscription validée {printed} (heure de Paris)." in " ".join(pages)


def test_validation_date_must_be_aware():
    with pytest.raises(ValueError, match="aware"):
        format_validated_at(datetime(2026, 11, 23, 14, 5))


def test_signature_box_only_when_the_session_requires_it(rendered):
    _, _, text = rendered
    assert SIGNATURE_LABEL in text
    assert "Datez et signez cette confirmation" in text
    _, pages = read(render_confirmation(content(signature_required=False)))
    assert SIGNATURE_LABEL not in " ".join(pages)
    assert "Datez et signez" not in " ".join(pages)


def test_verification_address_printed_in_full(rendered):
    _, pages, _ = rendered
    assert "Vérifiez l'authenticité de ce document" in pages[-1]
    # An address longer than its column is cut after a "/", never past the margin.
    assert "/espace-candidat/verification/ q3Zk8WvN2xR7tYb5LmC9/" in pages[-1]
    assert URL in pages[-1].replace(" ", "")


def test_no_text_past_the_right_margin():
    long_url = URL + "x" * 150
    long_label = "Attestation " + "très " * 60 + "longue"
    documents = (*DOCUMENTS, DocumentLine(long_label, "Motif", "1er décembre 2026"))
    reader = PdfReader(
        BytesIO(render_confirmation(content(verification_url=long_url, documents=documents)))
    )
    right = A4[0] - 18 * mm + 0.01
    for page in reader.pages:
        ends: list[float] = []

        def visit(text, cm, tm, font, size, ends=ends):
            if text.strip() and font is not None:
                name = FONT_BOLD if "Bold" in str(font["/BaseFont"]) else FONT
                ends.append(tm[4] + cm[4] + stringWidth(text.strip("\n"), name, size))

        page.extract_text(visitor_text=visit)
        assert ends
        assert max(ends) <= right


def test_pages_and_footer(rendered):
    reader, pages, _ = rendered
    assert len(reader.pages) == 2
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"Dossier 175-1 — page {number} / 2")


def test_metadata(rendered):
    reader, _, _ = rendered
    assert reader.metadata.title == f"{TITLE} — dossier 175-1"
    assert reader.metadata.author == "Inscriptions au BTS"
    assert reader.metadata.subject == (
        "Négociation et digitalisation de la relation client — Session 2027 — académie de Toulouse"
    )


def test_long_content_paginates_with_the_table_header_on_each_page():
    units = [UnitLine(f"U{n}", f"Unité numéro {n}", "Présentée", f"détail {n}") for n in range(20)]
    documents = [
        DocumentLine(f"Pièce numéro {n} à fournir", f"Motif {n}", f"{n + 1} décembre 2026")
        for n in range(40)
    ]
    reader, pages = read(render_confirmation(content(units=units, documents=documents)))
    count = len(reader.pages)
    assert count >= 3
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"Dossier 175-1 — page {number} / {count}")
    text = " ".join(pages)
    for unit in units:
        assert f"{unit.code} {unit.title} Présentée {unit.detail}" in text
    for document in documents:
        assert f"{document.label} {document.reason} {document.due_label}" in text
    # A page that goes on with the documents starts with their header row again.
    continued = [page for page in pages[1:] if page.startswith("Pièce Motif Date limite")]
    assert continued
    # The closing block stays whole on the last page.
    assert "Validation" in pages[-1]
    assert SIGNATURE_LABEL in pages[-1]
    assert URL in pages[-1].replace(" ", "")


def test_label_value_rows_taller_than_a_page_go_on_over_pages():
    languages = [(f"Langue numéro {n}", "anglais") for n in range(70)]
    reader, pages = read(render_confirmation(content(languages=languages)))
    text = " ".join(pages)
    assert all(f"Langue numéro {n} anglais" in text for n in range(70))
    assert len(reader.pages) >= 3


def test_characters_outside_the_font_do_not_stop_the_rendering():
    candidate = dataclasses.replace(content().candidate, last_name="王小明 Ωμέγα 😀")
    _, pages = read(render_confirmation(content(candidate=candidate)))
    assert "Ωμέγα" in " ".join(pages)


def test_empty_lists_and_a_superseded_note():
    note = "Cette version remplace la version 0 du dossier 175."
    pdf = render_confirmation(
        content(units=(), documents=(), languages=(), option_label="", superseded_note=note)
    )
    _, pages = read(pdf)
    text = " ".join(pages)
    assert note in text
    assert "Pièces justificatives à fournir Aucune pièce à fournir." in text
    assert "Épreuves Aucune." in text


def test_option_shown_when_there_is_one():
    _, pages = read(render_confirmation(content(option_label="Option A — informatique")))
    assert "Option Option A — informatique" in " ".join(pages)


@pytest.mark.parametrize(
    ("reference", "heading"),
    [("175-0", "Dossier n° 175 — version 0"), ("175-12", "Dossier n° 175 — version 12")],
)
def test_dossier_heading(reference, heading):
    assert dossier_heading(reference) == heading


def _qr_from_pdf(reader: PdfReader) -> list[list[bool]]:
    """The QR code drawn on the last page, read back from its inline image mask."""
    page = reader.pages[-1]
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"INLINE IMAGE":
            settings, data = operands["settings"], operands["data"]
            assert bool(settings["/IM"])  # an image mask: dark modules painted, the rest not
            assert settings["/F"] == "/AHx"
            size = settings["/W"]
            rows = data.decode().strip().removesuffix(">").split()  # ">": end of the data
            assert len(rows) == settings["/H"] == size
            bits = [bin(int(row, 16))[2:].zfill(len(row) * 4)[:size] for row in rows]
            return [[bit == "0" for bit in row] for row in bits]  # 0 = painted = dark
    raise AssertionError("no QR code on the last page")


def _reference_qr(data: str) -> list[list[bool]]:
    """qrcode's own choice of version for the same data, mode, level and mask."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=QR_MASK)
    code.add_data(data, optimize=0)
    code.make(fit=True)
    return code.get_matrix()


def test_qr_code_on_the_page_encodes_the_verification_address(rendered):
    reader, _, _ = rendered
    drawn = _qr_from_pdf(reader)
    assert drawn == qr_matrix(URL) == _reference_qr(URL)
    finder = ["1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111"]
    for corner in (drawn[:7], drawn[-7:]):  # top-left and bottom-left finder patterns
        assert ["".join("01"[dark] for dark in row[:7]) for row in corner] == finder


@pytest.mark.parametrize("length", [1, 20, 62, 63, 100, 154, 155, 300, 1000])
def test_qr_version_is_the_smallest_that_holds_the_data(length):
    data = ("https://x.fr/" + "a1" * 600)[:length]
    assert qr_matrix(data) == _reference_qr(data)


def test_no_django_import():
    """The module runs where Django is not set up: a task worker, the benchmark."""
    code = (
        "import sys, inscriptions.registration.confirmation_pdf; "
        "names = [name for name in sys.modules if name.split('.')[0] == 'django']; "
        "assert not names, names"
    )
    root = Path(__file__).parents[3]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=60)
