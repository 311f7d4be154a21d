"""Backups that restore: the database and every stored file, into one folder, and back.

A backup is a folder holding the database (PostgreSQL: ``pg_dump``'s custom format; SQLite: the
online backup API, consistent while the service writes), every file of the default storage
(local disk or S3) under ``files/``, and ``manifest.json``: the row count of every table, each
file's size and SHA-256, and the head of the audit log's chain. A restore loads them into an
empty database and an empty storage, then checks the counts, every file's checksum and the
audit chain (``audit_chain.verify``), and fails naming what differs.

The nightly job ``operations.backup`` (when ``BACKUP_DIR`` is set) writes one and keeps the
``BACKUP_KEEP`` latest.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

FORMAT = "inscriptions-bts/sauvegarde/1"
MANIFEST = "manifest.json"
FILES = "files"
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def _sha256(stream: Any) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def stored_files(folder: str = "") -> list[str]:
    """Every file of the default storage, by name (local disk and S3 alike)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += stored_files(f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def _tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )


def _count(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - the models' own tables
        counts[table] = cursor.fetchone()[0]
    return counts


def row_counts() -> dict[str, int]:
    """Every table's rows: what a restore must find again."""
    with connection.cursor() as cursor:
        return _count(cursor, _tables())


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} introuvable : installez le client PostgreSQL (postgresql-client)."
        )
    return path


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    database = connection.settings_dict
    arguments = [
        f"--host={database['HOST'] or '127.0.0.1'}",
        f"--port={database['PORT'] or 5432}",
        f"--username={database['USER']}",
    ]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments, environment


def _dump_database(folder: Path) -> tuple[str, dict[str, int]]:
    """The database's copy, and its tables' rows counted in the same snapshot (a backup taken
    while the service writes is consistent with its manifest)."""
    if connection.in_atomic_block:
        raise BackupError("Une sauvegarde ne se prend pas à l'intérieur d'une transaction.")
    if connection.vendor == "postgresql":
        arguments, environment = _pg_environment()
        target = folder / "database.dump"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            counts = _count(cursor, _tables())
            subprocess.run(  # noqa: S603 - fixed program, arguments from the settings
                [
                    _program("pg_dump"),
                    *arguments,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    str(connection.settings_dict["NAME"]),
                ],
                env=environment,
                check=True,
                capture_output=True,
            )
        return target.name, counts
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = folder / "database.sqlite3"
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            counts = _count(copy.cursor(), _tables())
        finally:
            copy.close()
        return target.name, counts
    raise BackupError(f"Base de données non prise en charge : {connection.vendor}.")


def _audit_head() -> dict[str, Any]:
    from .models import AuditSeal

    last = AuditSeal.objects.order_by("-pk").first()
    return {"seals": AuditSeal.objects.count(), "last": last.digest if last else None}


def backup(destination: Path, *, now: datetime | None = None) -> Path:
    """Write a backup into a new folder under ``destination``; returns it."""
    now = now or timezone.now()
    folder = destination / f"sauvegarde-{timezone.localtime(now):%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    try:
        database, rows = _dump_database(folder)
        files = []
        for name in stored_files():
            target = folder / FILES / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy, CHUNK)
            with target.open("rb") as written:
                files.append(
                    {"name": name, "size": target.stat().st_size, "sha256": _sha256(written)}
                )
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "vendor": connection.vendor,
            "database": database,
            "rows": rows,
            "files": files,
            "audit": _audit_head(),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def keep_latest(destination: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` latest backups of ``destination``; returns those deleted."""
    backups = sorted(
        path for path in destination.glob("sauvegarde-*") if (path / MANIFEST).is_file()
    )
    old = backups[:-keep] if keep > 0 else []
    for path in old:
        shutil.rmtree(path)
    return old


# --- Restore.


@dataclass
class Check:
    rows: dict[str, tuple[int, int]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    audit: str = ""

    @property
    def intact(self) -> bool:
        return not (self.rows or self.files or self.audit)


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} n'est pas une sauvegarde lisible : {error}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} n'est pas une sauvegarde de ce service ({FORMAT}).")
    return manifest


def _database_is_empty() -> bool:
    return "django_migrations" not in connection.introspection.table_names()


def _restore_database(folder: Path, manifest: dict[str, Any]) -> None:
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"Sauvegarde {manifest['vendor']}, base {connection.vendor} : restaurez dans une "
            "base du même moteur."
        )
    if not _database_is_empty():
        raise BackupError("La base de destination n'est pas vide : restaurez dans une base neuve.")
    source = folder / manifest["database"]
    if connection.vendor == "postgresql":
        arguments, environment = _pg_environment()
        subprocess.run(  # noqa: S603 - fixed program, arguments from the settings
            [
                _program("pg_restore"),
                *arguments,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            env=environment,
            check=True,
            capture_output=True,
        )
        return
    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()


def _restore_files(folder: Path, manifest: dict[str, Any]) -> None:
    present = set(stored_files())
    if present:
        raise BackupError(
            f"Le stockage de destination contient déjà {len(present)} fichier(s) : restaurez "
            "dans un stockage vide."
        )
    for entry in manifest["files"]:
        with (folder / FILES / entry["name"]).open("rb") as source:
            saved = default_storage.save(entry["name"], File(source))
        if saved != entry["name"]:
            raise BackupError(f"Le fichier {entry['name']} a été enregistré sous {saved}.")


def check(manifest: dict[str, Any]) -> Check:
    """The database and storage in use against a backup's manifest."""
    from . import audit_chain

    found = Check()
    counts = row_counts()
    for label, expected in manifest["rows"].items():
        if counts.get(label) != expected:
            found.rows[label] = (expected, counts.get(label, -1))
    for entry in manifest["files"]:
        try:
            with default_storage.open(entry["name"], "rb") as stored:
                if _sha256(stored) != entry["sha256"]:
                    found.files.append(entry["name"])
        except FileNotFoundError:
            found.files.append(entry["name"])
    verification = audit_chain.verify()
    head = _audit_head()
    if not verification.intact:
        found.audit = f"chaîne rompue au scellé {verification.broken_at} ({verification.reason})"
    elif head != manifest["audit"]:
        found.audit = f"tête de chaîne {head} au lieu de {manifest['audit']}"
    return found


def restore(folder: Path) -> Check:
    manifest = read_manifest(folder)
    _restore_database(folder, manifest)
    connection.close()
    _restore_files(folder, manifest)
    return check(manifest)
