"""The confirmation's pages: its sections in order, laid out and rendered to PDF bytes."""

from __future__ import annotations

import functools
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate

from .content import (
    ACCOMMODATION,
    ACCOMMODATION_TITLE,
    AUTHOR,
    DOCUMENTS,
    INTRODUCTION,
    SIGNATURE_LABEL,
    SIGNATURE_NOTE,
    TITLE,
    VERIFY_LABEL,
    ConfirmationContent,
    dossier_heading,
    format_validated_at,
)
from .layout import (
    BLACK,
    BLUE,
    BOTTOM_MARGIN,
    FONT,
    FONT_BOLD,
    GREY,
    MARGIN,
    SIZE,
    TOP_MARGIN,
    WIDTH,
    _Beside,
    _FooterCanvas,
    _pairs,
    _prose,
    _QrCode,
    _Rows,
    _Text,
)


def _story(c: ConfirmationContent) -> list[Flowable]:
    who, office, yes_no = c.candidate, c.office_contact, ("Non", "Oui")
    heading = (FONT_BOLD, 20, BLACK, dossier_heading(c.dossier_reference))
    session = (FONT, 11, BLACK, c.session_label)
    story: list[Flowable] = [_Text((FONT_BOLD, 15, BLUE, TITLE), heading, session, frame="band")]
    if c.superseded_note:
        story.append(_prose(c.superseded_note, space=6))
    story.append(_prose(INTRODUCTION, space=6))
    story.append(_pairs("Candidat", [
        ("Nom de famille", who.last_name), ("Nom d'usage", who.usage_name or "—"),
        ("Prénoms", who.first_names), ("Date de naissance", who.birth_date),
        ("Lieu de naissance", who.birthplace), ("Nationalité", who.nationality),
        ("Adresse", "\n".join(who.address_lines)), ("Courriel", who.email),
        ("Téléphone", who.phone or "—"),
    ]))  # fmt: skip
    story.append(_pairs("Inscription", [
        ("Catégorie", c.category_label), ("Établissement", c.establishment_label),
        ("Spécialité", c.specialty_label), *[("Option", c.option_label)][: bool(c.option_label)],
        ("Forme de passage", c.form_label), *c.languages,
    ]))  # fmt: skip
    units = [("Code", "Intitulé", "Position", "Détail")]
    units += [(u.code, u.title, u.position_label, u.detail) for u in c.units]
    columns = (17 * mm, 72 * mm, 36 * mm, WIDTH - 125 * mm)
    story.append(
        _Rows(units, columns, True, "Épreuves") if c.units else _prose("Aucune.", title="Épreuves")
    )
    story.append(_pairs("Publication des résultats", [
        ("Communication des résultats à la presse et aux sites internet de sociétés de droit "
         "privé", yes_no[c.consents.press_and_websites]),
        ("Communication du nom et de l'adresse aux collectivités territoriales (remise de "
         "récompense)", yes_no[c.consents.local_authorities]),
    ], WIDTH - 30 * mm))  # fmt: skip
    title = "Aménagement d'épreuves"
    accommodation = _prose("Aucune demande d'aménagement d'épreuves.", title=title)
    if c.accommodation_requested:
        bold = "Handicap déclaré\xa0: " + ACCOMMODATION_TITLE
        accommodation = _prose(ACCOMMODATION, bold, title=title)
    story.append(accommodation)
    title = "Pièces justificatives à fournir"
    if c.documents:
        documents = [("Pièce", "Motif", "Date limite")]
        documents += [(d.label, d.reason, d.due_label) for d in c.documents]
        story.append(_prose(DOCUMENTS, title=title, keep=40 * mm))  # with a few rows
        story.append(_Rows(documents, (72 * mm, WIDTH - 112 * mm, 40 * mm), True))
    else:
        story.append(_prose("Aucune pièce à fournir.", title=title))
    contact = [("Service", office.label), ("Courriel", office.email), ("Téléphone", office.phone)]
    contact += [("Adresse", "\n".join(office.address_lines))][: bool(office.address_lines)]
    story.append(_pairs("Contact du bureau des examens", contact))
    validated = f"Inscription validée {format_validated_at(c.validated_at)} (heure de Paris)."
    closing: list[Flowable] = [_prose(validated, title="Validation")]
    if c.signature_required:
        box = _Text((FONT, SIZE, GREY, SIGNATURE_LABEL), frame="box")
        closing.append(_Beside(_prose(SIGNATURE_NOTE, space=0), box, WIDTH - 96 * mm))
    note, url = "Flashez le code ou consultez l'adresse\xa0:", c.verification_url
    verify = _Text(
        (FONT_BOLD, 9, BLACK, VERIFY_LABEL), (FONT, 9, BLACK, note), (FONT, 8.5, BLACK, url)
    )
    closing.append(_Beside(_QrCode(c.verification_url, 30 * mm), verify, 30 * mm, space=10))
    return [*story, KeepTogether(closing)]


def render_confirmation(content: ConfirmationContent) -> bytes:
    """The confirmation as an A4 PDF in French, "Dossier 175-1 — page X / Y" on every page."""
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN - 6,  # the frame's padding, 6 pt, brings the text to the margin
        rightMargin=MARGIN - 6,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"{TITLE} — dossier {content.dossier_reference}",
        subject=f"{content.specialty_label} — {content.session_label}",
        author=AUTHOR,
        creator=AUTHOR,
        lang="fr-FR",
    )
    footer = functools.partial(_FooterCanvas, footer=f"Dossier {content.dossier_reference}")
    document.build(_story(content), canvasmaker=footer)
    return buffer.getvalue()
