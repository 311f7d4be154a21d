"""What an uploaded file is, judged from its bytes: pure functions, no storage, no database.

Only PDF, JPEG and PNG are accepted, recognised by their first bytes, whatever the file is
called. A PDF must open, must not be encrypted, and must carry no JavaScript nor launch action;
an image must decode as what it claims to be and hide nothing else (a PNG with a PDF or a web
page inside it is a polyglot, refused). Each refusal is a ``FileRejected`` with a stable code;
``refusals`` turns it into the message the candidate reads.
"""

import re
import struct
import unicodedata
import warnings
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import Any

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

_PDF_MAGIC = b"%PDF-"
_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# Names that make a PDF run code: JavaScript actions and name trees, and launch actions.
_ACTIVE_KEYS = {"/JS", "/JavaScript"}
_ACTIVE_NAMES = {"/JavaScript", "/Launch"}
# The same names as raw bytes, for objects a lenient reader would rebuild but pypdf did not index.
_RAW_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch)(?=[\s/(<\[\]>]|\d)")
# What a second format inside an image looks like: a PDF header, or markup a browser would run.
_HIDDEN_PAYLOAD = re.compile(
    rb"%PDF-|<\s*(?:html|script|body|iframe|svg|object|embed|!doctype)\b|<\?php",
    re.IGNORECASE,
)
# A phone photo has up to ~50 million pixels; beyond that a small file is a decompression bomb.
MAX_IMAGE_PIXELS = 60_000_000
MAX_NAME_LENGTH = 150
_DRIVE = re.compile(r"^[A-Za-z]:")


class FileRejected(Exception):
    """The file is refused; ``code`` says why (see ``refusals.MESSAGES``)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def detect_type(data: bytes) -> str | None:
    """The MIME type the first bytes announce, or ``None`` for anything else."""
    if data.startswith(_PDF_MAGIC):
        return PDF
    if data.startswith(_PNG_MAGIC):
        return PNG
    if data.startswith(_JPEG_MAGIC):
        return JPEG
    return None


def display_name(name: str) -> str:
    """The name to show, from the name the client sent; a name that tries to point somewhere
    else (a path, a parent directory, a drive, control characters) is refused. The stored name
    never derives from it."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if (
        not name
        or name in {".", ".."}
        or "/" in name
        or "\\" in name
        or _DRIVE.match(name)
        or any(unicodedata.category(char).startswith("C") for char in name)
    ):
        raise FileRejected("file_name_invalid")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if not dot or len(extension) > 10:
            return name[:MAX_NAME_LENGTH]
        return f"{stem[: MAX_NAME_LENGTH - len(extension) - 1]}.{extension}"
    return name


def check_content(data: bytes) -> str:
    """The file's MIME type once every check passed; ``FileRejected`` otherwise."""
    if not data:
        raise FileRejected("empty")
    kind = detect_type(data)
    if kind == PDF:
        check_pdf(data)
    elif kind == PNG:
        check_png_structure(data)
        check_image(data, kind)
    elif kind == JPEG:
        check_image(data, kind)
    else:
        raise FileRejected("type_not_allowed")
    return kind


def _walk(value: Any) -> Iterator[Any]:
    """Every direct object inside ``value`` (indirect ones are enumerated on their own)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, DictionaryObject):
            for key, child in item.items():
                yield key
                stack.append(child)
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _pdf_objects(reader: Any) -> Iterator[Any]:
    from pypdf.generic import IndirectObject

    yield reader.trailer
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield reader.get_object(IndirectObject(number, generation, reader))
    for number in reader.xref_objStm:
        yield reader.get_object(IndirectObject(number, 0, reader))


def check_pdf(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.generic import NameObject

    if _RAW_ACTIVE.search(data):
        raise FileRejected("pdf_active_content")
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise FileRejected("pdf_encrypted")
        if len(reader.pages) == 0:
            raise FileRejected("pdf_unreadable")
        for obj in _pdf_objects(reader):
            for item in _walk(obj):
                if isinstance(item, NameObject) and (item in _ACTIVE_KEYS or item in _ACTIVE_NAMES):
                    raise FileRejected("pdf_active_content")
    except FileRejected:
        raise
    except Exception as error:
        # pypdf raises many kinds of errors on a damaged file; each means the same to the
        # candidate: the office could not open it either.
        raise FileRejected("pdf_unreadable") from error


def check_png_structure(data: bytes) -> None:
    """Chunk by chunk, each with its checksum, up to IEND and nothing after it: bytes appended
    after the image are how a PNG smuggles another file."""
    position = len(_PNG_MAGIC)
    first = True
    while True:
        if position + 8 > len(data):
            raise FileRejected("image_unreadable")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        if end > len(data) or not kind.isalpha() or (first and kind != b"IHDR"):
            raise FileRejected("image_unreadable")
        body = data[position + 4 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : end])
        if zlib.crc32(body) != crc:
            raise FileRejected("image_unreadable")
        position, first = end, False
        if kind == b"IEND":
            break
    if position != len(data):
        raise FileRejected("hidden_content")


def check_image(data: bytes, kind: str) -> None:
    from PIL import Image

    if _HIDDEN_PAYLOAD.search(data):
        raise FileRejected("hidden_content")
    expected = {JPEG: "JPEG", PNG: "PNG"}[kind]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                if image.format != expected:
                    raise FileRejected("image_unreadable")
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise FileRejected("image_too_large", pixels=width * height)
                image.verify()
    except FileRejected:
        raise
    except Exception as error:
        raise FileRejected("image_unreadable") from error
