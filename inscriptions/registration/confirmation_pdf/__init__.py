"""The confirmation of registration (PDF): what the candidate validated, what to provide, by when.

Plain data in, PDF bytes out, no Django: it runs in a request, a task worker or a benchmark.
Fonts, colours and glyph widths are set up once, at import. The font is DejaVu Sans, shipped in
``fonts/`` with its licence, so that every French character ("œ", "’", "€") prints anywhere.

Platypus lays the pages out (SimpleDocTemplate, KeepTogether, page breaks, rows split across
pages under a repeated header) with lean flowables of plain text, wrapped once and drawn in one
text object per block: none of this text needs Paragraph's markup or Table's styles, and with
them a confirmation rendered at 35-45 % of the rate of bare reportlab drawing the same text,
against about 80 % now, the QR code included (bench/pdf_bench.py)."""

from .content import (
    AUTHOR,
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
)
from .document import render_confirmation
from .layout import FONT, FONT_BOLD
from .qr import QR_MASK, qr_matrix

__all__ = [
    "AUTHOR",
    "FONT",
    "FONT_BOLD",
    "QR_MASK",
    "SIGNATURE_LABEL",
    "TITLE",
    "UNIT_POSITIONS",
    "Candidate",
    "ConfirmationContent",
    "Consents",
    "DocumentLine",
    "OfficeContact",
    "UnitLine",
    "dossier_heading",
    "format_validated_at",
    "qr_matrix",
    "render_confirmation",
]
