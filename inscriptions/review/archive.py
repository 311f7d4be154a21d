"""The supporting documents of the dossiers ticked in the queue, as one ZIP file.

Each document of each dossier gives its current file (the latest upload) when it may be
downloaded (scanned clean, or stored while no antivirus is configured), under
``<reference>_<NAME>/<document code>.<extension>``. What could not be put in the archive is
listed in a text file at its root, so the reviewer knows a document is missing from it and why.

The archive is streamed with the standard library's ``zipfile``: it writes to an output it
cannot seek (each entry's sizes and checksum follow its data, and the directory comes last), so
each block read from storage is compressed and sent at once. Memory stays at one block and the
compressor's state, whatever the number and size of the files, with no temporary file and no
extra dependency; ZIP64 records are written when the archive passes 4 GiB.
"""

import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from inscriptions.documents.models import UploadedFile
from inscriptions.documents.selectors import label_of
from inscriptions.registration.models import Registration

PARIS = ZoneInfo("Europe/Paris")
MAX_DOSSIERS = 200
BLOCK_BYTES = 64 * 1024
NOTE_NAME = "fichiers-non-inclus.txt"


@dataclass(frozen=True)
class Entry:
    path: str
    uploaded: UploadedFile


@dataclass(frozen=True)
class Omission:
    folder: str
    code: str
    why: str


@dataclass
class ArchivePlan:
    entries: list[Entry]
    omissions: list[Omission]
    # Per dossier, the files it puts in the archive: what the audit log records.
    files_by_dossier: dict[int, list[UploadedFile]]


def _name_part(text: str) -> str:
    """ASCII capitals, digits and hyphens: a folder name every system unpacks alike."""
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    kept = "".join(char if char.isalnum() else "-" for char in bare)
    return "-".join(part for part in kept.split("-") if part) or "DOSSIER"


def folder_name(registration: Registration) -> str:
    return f"{registration.reference}_{_name_part(registration.last_name)}"


def archive_plan(dossiers: Iterable[Registration]) -> ArchivePlan:
    """What the archive holds for these dossiers (their sessions fetched with them): two
    queries, whatever their number."""
    dossiers = list(dossiers)
    folders: dict[int, str] = {}
    taken: set[str] = set()
    for registration in dossiers:
        folder = folder_name(registration)
        if folder in taken:
            # The same number in two sessions: the session's year tells them apart.
            folder = f"{registration.session.exam_year}_{folder}"
        taken.add(folder)
        folders[registration.pk] = folder
    latest: dict[int, UploadedFile] = {}
    for uploaded in (
        UploadedFile.objects.filter(document__registration__in=[d.pk for d in dossiers])
        .select_related("document")
        .order_by("document_id", "-uploaded_at", "-pk")
    ):
        latest.setdefault(uploaded.document_id, uploaded)
    order = {registration.pk: position for position, registration in enumerate(dossiers)}
    entries: list[Entry] = []
    omissions: list[Omission] = []
    files_by_dossier: dict[int, list[UploadedFile]] = {pk: [] for pk in order}
    for uploaded in sorted(
        latest.values(), key=lambda u: (order[u.document.registration_id], u.document.code)
    ):
        folder = folders[uploaded.document.registration_id]
        if uploaded.downloadable:
            path = f"{folder}/{uploaded.document.code}.{uploaded.extension}"
            entries.append(Entry(path, uploaded))
            files_by_dossier[uploaded.document.registration_id].append(uploaded)
        else:
            why = str(uploaded.get_scan_status_display())
            omissions.append(Omission(folder, uploaded.document.code, why))
    with_documents = {u.document.registration_id for u in latest.values()}
    omissions += [
        Omission(folders[registration.pk], "", _("Aucune pièce déposée"))
        for registration in dossiers
        if registration.pk not in with_documents
    ]
    return ArchivePlan(entries=entries, omissions=omissions, files_by_dossier=files_by_dossier)


class _Outbox:
    """Where ``zipfile`` writes: a file it cannot seek, whose bytes are taken out as they come."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes, /) -> int:
        self._parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        self.size = 0
        return data


def _note(omissions: list[Omission]) -> str:
    lines = [_("Pièces absentes de cette archive :"), ""]
    for omission in omissions:
        what = f"{omission.folder}/{omission.code}" if omission.code else omission.folder
        label = f" ({label_of(omission.code)})" if omission.code else ""
        lines.append(f"- {what}{label} : {omission.why}")
    return "\r\n".join(lines) + "\r\n"


def _info(path: str, moment: datetime) -> zipfile.ZipInfo:
    local = moment.astimezone(PARIS)
    info = zipfile.ZipInfo(path, date_time=local.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def zip_chunks(plan: ArchivePlan, *, now: datetime) -> Iterator[bytes]:
    """The archive, in pieces of about ``BLOCK_BYTES``. A file the storage cannot give is left
    out and listed in the note, instead of cutting the download short."""
    outbox = _Outbox()
    omissions = list(plan.omissions)
    with zipfile.ZipFile(outbox, "w") as archive:
        for entry in plan.entries:
            field = entry.uploaded.file
            try:
                field.open("rb")
            except OSError:
                omissions.append(
                    Omission(
                        entry.path.split("/")[0],
                        entry.uploaded.document.code,
                        _("Fichier introuvable sur le stockage"),
                    )
                )
                continue
            try:
                with archive.open(_info(entry.path, entry.uploaded.uploaded_at), "w") as target:
                    for block in field.chunks(BLOCK_BYTES):
                        target.write(block)
                        if outbox.size >= BLOCK_BYTES:
                            yield outbox.take()
            finally:
                field.close()
        if omissions:
            archive.writestr(_info(NOTE_NAME, now), _note(omissions).encode())
    yield outbox.take()
