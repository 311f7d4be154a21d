"""Lean flowables of plain text for the confirmation: fonts and glyph widths set up once, text
wrapped once and drawn in one text object per block, rows split across pages under a repeated
header, the QR code and the footer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .content import TITLE
from .qr import qr_matrix

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


for _name in (FONT, FONT_BOLD):
    registerFont(TTFont(_name, str(Path(__file__).parent.parent / "fonts" / f"{_name}.ttf")))


# Advances at size 1 of Latin letters, digits, signs and French punctuation, for _width.
_COMMON = [*map(chr, [*range(32, 127), *range(160, 384)]), *"’‘“”—–…€\u202f"]


_WIDTHS = {font: {c: stringWidth(c, font, 1) for c in _COMMON} for font in (FONT, FONT_BOLD)}


# Colours as RGB tuples, greys as levels: reportlab's Color objects carry an alpha that costs a
# graphics state each time, and a grey level is one number instead of three.
Colour = tuple[float, float, float] | float


BLUE, TINT, RULE = (HexColor(code).rgb() for code in ("#000091", "#ECECFE", "#B8B8C8"))


BLACK, GREY = 0.0, 0.37


MARGIN, TOP_MARGIN, BOTTOM_MARGIN = 18 * mm, 15 * mm, 20 * mm


WIDTH = A4[0] - 2 * MARGIN


PAGE_ROOM = A4[1] - TOP_MARGIN - BOTTOM_MARGIN - 12  # the frame's height, less its padding


SIZE, LEADING, PAD = 8.5, 10.5, 3.5  # table cells


TITLE_HEIGHT = 19  # a section's title above its block


Part = tuple[str, float, Colour, str]  # font, size, colour, text
Row = tuple[float, list[list[str]]]  # its height, the lines of each of its cells


def _width(text: str, font: str, size: float) -> float:
    try:  # a sum run in C: as exact as reportlab's measure, three times faster
        return float(sum(map(_WIDTHS[font].__getitem__, text))) * size
    except KeyError:
        return float(stringWidth(text, font, size))


def _split(text: str, font: str, size: float, width: float) -> list[str]:
    """The lines of ``text`` within ``width``; words (no-break spaces included) kept whole."""
    lines: list[str] = []
    for part in text.split("\n"):
        if _width(part, font, size) <= width:
            lines.append(part)
            continue
        words: list[str] = []
        used, space = 0.0, _width(" ", font, size)
        for word in filter(None, part.split(" ")):
            advance = _width(word, font, size)
            if words and used + space + advance > width:
                lines.append(" ".join(words))
                words, used = [], 0.0
            if advance > width:  # longer than a line (an address): cut, after a "/" if any
                *whole, word = _cut(word, font, size, width)
                lines += whole
                advance = _width(word, font, size)
            used += (space if words else 0) + advance
            words.append(word)
        lines.append(" ".join(words))
    return lines


def _cut(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, start, used = [], 0, 0.0
    for index, char in enumerate(word):
        advance = _width(char, font, size)
        if used + advance > width and index > start:
            cut = word.rfind("/", start + 1, index) + 1 or index
            pieces.append(word[start:cut])
            start, used = cut, _width(word[cut:index], font, size)
        used += advance
    return [*pieces, word[start:]]


class _Block(Flowable):  # type: ignore[misc]
    """A section's title (never alone at the foot of a page: it is drawn by its block)."""

    def __init__(self, title: str, space: float) -> None:
        super().__init__()
        self.title, self.spaceBefore = title, 9 if title else space
        self.top = TITLE_HEIGHT if title else 0

    def begin_text(self, height: float) -> Any:
        """The text object of the block, its title already in it."""
        text = self.canv.beginText()
        if self.title:
            text.setFont(FONT_BOLD, 11)
            text.setFillColor(BLUE)
            text.setTextOrigin(0, height - 11)
            text.textLine(self.title)
        return text


class _Text(_Block):
    """Lines of text, each part on new lines, under an optional title; framed as "band" (the
    header) or "box" (the signature). With ``keep``, it goes to the next page when less room
    than that is left (to stay with what follows)."""

    def __init__(self, *parts: Part, title: str = "", space: float = 4, frame: str = "",
                 keep: float = 0) -> None:  # fmt: skip
        super().__init__(title, space)
        self.parts, self.frame, self.keep = parts, frame, keep
        self.inset = {"band": 9, "box": 4}.get(frame, 0)
        self.laid: tuple[float, list[Part], float] = (0, [], 0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.laid[0] != avail_width:
            inner = avail_width - 2 * self.inset
            lines = [
                (f, s, c, line) for f, s, c, t in self.parts for line in _split(t, f, s, inner)
            ]
            height = self.top + sum(size * 1.3 for _, size, _, _ in lines) + 1.6 * self.inset
            self.laid = avail_width, lines, 30 * mm if self.frame == "box" else height
        if avail_height < self.keep:  # too tall to fit here, then
            return avail_width, avail_height + 1
        return avail_width, self.laid[2]

    def draw(self) -> None:
        canvas, (width, lines, height) = self.canv, self.laid
        if self.frame == "band":
            canvas.setFillColor(TINT)
            canvas.rect(0, 0, width, height, stroke=0, fill=1)
            canvas.setFillColor(BLUE)
            canvas.rect(0, 0, 3, height, stroke=0, fill=1)
        elif self.frame == "box":
            canvas.setStrokeGray(GREY)
            canvas.rect(0, 0, width, height)
        text, y = self.begin_text(height), height - self.top - 0.8 * self.inset
        face: tuple[str, float] | None = (FONT_BOLD, 11) if self.title else None
        colour = BLUE if self.title else None
        for font, size, tint, line in lines:
            y -= size * 1.3
            if (font, size) != face:  # then each line moves down by the leading set here
                text.setFont(font, size, size * 1.3)
                text.setTextOrigin(self.inset, y + size * 0.3)
                face = font, size
            if tint != colour:
                _fill(text, colour := tint)
            text.textLine(line)
        canvas.drawText(text)


def _fill(text: Any, colour: Colour) -> None:
    if isinstance(colour, float):
        text.setFillGray(colour)
    else:
        text.setFillColor(colour)


def _prose(text: str, bold: str = "", title: str = "", space: float = 4, keep: float = 0) -> _Text:
    parts = [(FONT_BOLD, 9, BLACK, bold)][: bool(bold)]
    return _Text(*parts, (FONT, 9, BLACK, text), title=title, space=space, keep=keep)


class _Rows(_Block):
    """Rows of cells under an optional title: label/value pairs, kept on one page when a page
    holds them, or a table whose header row repeats on each page it spans."""

    def __init__(self, rows: Sequence[Sequence[str]], widths: Sequence[float], header: bool,
                 title: str = "", laid: list[Row] | None = None) -> None:  # fmt: skip
        super().__init__(title, 2)
        self.widths, self.header = widths, header
        self.laid = laid or [self._lay(row) for row in rows]
        self.height = self.top + sum(height for height, _ in self.laid)

    def _lay(self, row: Sequence[str]) -> Row:
        texts = zip(row, self.widths, strict=True)
        cells = [_split(text, FONT, SIZE, w - 2 * PAD) if text else [] for text, w in texts]
        return max(1, *map(len, cells)) * LEADING + 2 * PAD, cells

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return sum(self.widths), self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        head = self.laid[: int(self.header)]
        used, count = self.top + sum(height for height, _ in head), len(head)
        while count < len(self.laid) and used + self.laid[count][0] <= avail_height:
            used, count = used + self.laid[count][0], count + 1
        if count == len(head) or (not self.header and self.height <= PAGE_ROOM):
            return []  # not even a row here, or pairs that the next page holds whole
        first = _Rows((), self.widths, self.header, self.title, self.laid[:count])
        return [first, _Rows((), self.widths, self.header, "", head + self.laid[count:])]

    def draw(self) -> None:
        canvas, width, y = self.canv, sum(self.widths), self.height - self.top
        if self.header:
            canvas.setFillColor(TINT)
            canvas.rect(0, y - self.laid[0][0], width, self.laid[0][0], stroke=0, fill=1)
        text, rules, face = self.begin_text(self.height), [], ""
        colour = BLUE if self.title else None
        for index, (height, cells) in enumerate(self.laid):  # rows in reading order
            x, bold = PAD, self.header and index == 0
            if face != (face := FONT_BOLD if bold else FONT):
                text.setFont(face, SIZE, LEADING)
            for column, lines in enumerate(cells):
                tint = BLUE if bold else GREY if column == 0 and not self.header else BLACK
                if tint != colour:
                    _fill(text, colour := tint)
                if lines:
                    text.setTextOrigin(x, y - PAD - SIZE * 0.9)
                    for line in lines:
                        text.textLine(line)
                x += self.widths[column]
            y -= height
            rules.append((0, y, width, y))
        canvas.drawText(text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.25)
        canvas.lines(rules if self.header else rules[:-1])


def _pairs(title: str, rows: Sequence[tuple[str, str]], label_width: float = 46 * mm) -> _Rows:
    return _Rows(rows, (label_width, WIDTH - label_width), False, title)


class _Beside(Flowable):  # type: ignore[misc]
    """Two flowables side by side, the first ``left`` wide, vertically centred."""

    def __init__(self, first: Flowable, second: Flowable, left: float, space: float = 6) -> None:
        super().__init__()
        self.first, self.second, self.left, self.spaceBefore = first, second, left, space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        second = self.second.wrap(avail_width - self.left - 6 * mm, avail_height)[1]
        self.heights = self.first.wrap(self.left, avail_height)[1], second
        return avail_width, max(self.heights)

    def draw(self) -> None:
        height = max(self.heights)
        self.first.drawOn(self.canv, 0, (height - self.heights[0]) / 2)
        self.second.drawOn(self.canv, self.left + 6 * mm, (height - self.heights[1]) / 2)


class _QrCode(Flowable):  # type: ignore[misc]
    """The QR code as a 1-bit image mask inline in the page (a few hundred bytes, crisp at any
    scale), inside its quiet zone of four modules."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.matrix, self.size = qr_matrix(data), size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.matrix)
        digits = (count + 7) // 8 * 2  # hexadecimal digits per row of whole bytes
        pad, module = "1" * (digits * 4 - count), self.size / (count + 8)  # 1 = not painted
        rows = (int(bytes(row).translate(_PAINT).decode() + pad, 2) for row in self.matrix)
        data = " ".join(format(row, f"0{digits}x") for row in rows)
        side, offset = round(count * module, 3), round(4 * module, 3)
        self.canv.addLiteral(
            f"q 0 g {side} 0 0 {side} {offset} {offset} cm "
            f"BI /W {count} /H {count} /IM true /F /AHx ID {data}> EI Q"
        )


_PAINT = bytes.maketrans(b"\x00\x01", b"10")  # a dark module (True) is a 0: painted


class _FooterCanvas(Canvas):  # type: ignore[misc]
    """Keeps the pages until the end to print "page X / Y" after a single layout pass."""

    def __init__(self, *args: Any, footer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self._saved, start=1):
            self.__dict__.update(state)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 13 * mm, A4[0] - MARGIN, 13 * mm)
            self.setFont(FONT, 7.5)
            self.setFillGray(GREY)
            self.drawString(MARGIN, 9 * mm, TITLE)
            page = f"{self._footer} — page {number} / {len(self._saved)}"
            self.drawRightString(A4[0] - MARGIN, 9 * mm, page)
            super().showPage()
        super().save()
