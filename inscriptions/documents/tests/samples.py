"""Files for the tests, built in memory: good ones, and each kind the upload must refuse."""

import hashlib
import struct
import zlib
from io import BytesIO

from PIL import Image
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

# The EICAR test file (eicar.org), assembled here so that no scanner flags this source file.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def pdf(text: str = "Pièce justificative") -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)  # the same bytes at every call
    canvas.drawString(100, 700, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (0, 0, 145)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (225, 0, 15)).save(buffer, format="JPEG")
    return buffer.getvalue()


def raw_pdf(*objects: bytes, header: bytes = b"%PDF-1.4\n", comment: bytes = b"") -> bytes:
    """A PDF written by hand, object 1 being the catalogue, with a correct cross-reference."""
    body = bytearray(header + comment)
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        body += b"%010d 00000 n \n" % offset
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(body)


_PAGES = (
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
)


def pdf_with_javascript() -> bytes:
    catalogue = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    action = b"<< /S /JavaScript /JS (app.alert\\('bonjour'\\);) >>"
    return raw_pdf(catalogue, *_PAGES, action)


def pdf_with_disguised_javascript() -> bytes:
    """The same action with its names written in hexadecimal escapes (#61 is "a"), which a
    plain search for "/JavaScript" does not see but every PDF reader decodes."""
    catalogue = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    action = b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\);) >>"
    return raw_pdf(catalogue, *_PAGES, action)


def pdf_with_eicar() -> bytes:
    """A valid PDF that carries the EICAR string: only the antivirus can refuse it."""
    catalogue = b"<< /Type /Catalog /Pages 2 0 R >>"
    return raw_pdf(catalogue, *_PAGES, comment=b"%" + EICAR + b"\n")


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\n%%garbage without end"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_appended_pdf() -> bytes:
    """A polyglot: a PNG that ends properly, then a whole PDF after it."""
    return png() + pdf()


def png_with_html_chunk() -> bytes:
    """A polyglot: a valid PNG, every checksum right, whose text chunk holds a web page."""
    image = png()
    html = b"comment\x00<html><body><script>alert(document.cookie)</script></body></html>"
    end = image.rindex(b"IEND") - 4
    return image[:end] + _chunk(b"tEXt", html) + image[end:]


def md5_signature(data: bytes, name: str) -> str:
    """A ClamAV hash signature (.hdb line) of a whole file."""
    return f"{hashlib.md5(data).hexdigest()}:{len(data)}:{name}\n"  # noqa: S324 - ClamAV's format


def body_signature(data: bytes, name: str) -> str:
    """A ClamAV body signature (.ndb line): these bytes anywhere in any file."""
    return f"{name}:0:*:{data.hex()}\n"
