"""The office's inline preview of a supporting document: the file drawn as PNG pages on the
server (PDF through PDFium), so that nothing of the candidate's file ever runs in the staff's
browser. The image is served with a sandboxing policy and shown in a sandboxed frame."""

import base64
import io
import threading

import pypdfium2 as pdfium
from PIL import Image

from inscriptions.documents.models import FileType, UploadedFile

MAX_PAGES = 5
# 110 dpi: a page of A4 about 900 pixels wide, legible on screen, small to send.
SCALE = 110 / 72
MAX_SIDE = 1600


# PDFium is not thread-safe (pypdfium2's documentation): two previews drawn at once by two
# threads of one server process crashed it. Every call into it holds this lock; processes, each
# with their own PDFium, still draw in parallel.
PDFIUM = threading.Lock()


class PreviewUnavailable(Exception):
    pass


def page_count(uploaded: UploadedFile) -> int:
    if uploaded.content_type != FileType.PDF:
        return 1
    with uploaded.file.open("rb") as handle:
        data = handle.read()
    with PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PreviewUnavailable(str(error)) from error
        try:
            return min(len(document), MAX_PAGES)
        finally:
            document.close()


def render_page(uploaded: UploadedFile, page: int) -> bytes:
    """PNG bytes of one page (1-based) of a PDF, or of the image itself re-encoded."""
    with uploaded.file.open("rb") as handle:
        data = handle.read()
    if uploaded.content_type == FileType.PDF:
        return _pdf_page(data, page)
    if page != 1:
        raise PreviewUnavailable("an image has one page")
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        return _png(image.convert("RGB"))


def _pdf_page(data: bytes, page: int) -> bytes:
    with PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PreviewUnavailable(str(error)) from error
        try:
            if not 1 <= page <= min(len(document), MAX_PAGES):
                raise PreviewUnavailable("no such page")
            bitmap = document[page - 1].render(scale=SCALE)
            image = bitmap.to_pil()
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            return _png(image)
        finally:
            document.close()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def pages_as_data_uris(uploaded: UploadedFile) -> list[str]:
    return [
        "data:image/png;base64," + base64.b64encode(render_page(uploaded, page)).decode()
        for page in range(1, page_count(uploaded) + 1)
    ]
