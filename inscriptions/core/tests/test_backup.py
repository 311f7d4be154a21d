"""Backups that restore (``core.backup``): a populated database and its files backed up, then
restored by ``manage.py restore_backup`` in another process into a fresh database and an empty
storage, where every table's rows, every file's checksum and the audit chain are found again;
an altered backup, or a destination that is not empty, refused with what is wrong."""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from inscriptions.core import audit_chain, backup, scheduler
from inscriptions.core.models import AuditSeal
from inscriptions.privacy.tests.conftest import *  # noqa: F403
from inscriptions.privacy.tests.helpers import furnish
from inscriptions.registration.tests.conftest import NOW

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]

READ_BACK = """
import hashlib, json, django
django.setup()
from django.core.files.storage import default_storage
from inscriptions.core import audit_chain, backup
files = {}
for name in backup.stored_files():
    with default_storage.open(name, "rb") as stored:
        files[name] = hashlib.sha256(stored.read()).hexdigest()
print(json.dumps({"rows": backup.row_counts(), "files": files,
                  "audit": audit_chain.verify().intact}))
"""


@pytest.fixture
def fresh_database():
    """A database no one has used: a new PostgreSQL database, or a new SQLite file."""
    if connection.vendor == "postgresql":
        name = f"restore_{uuid.uuid4().hex[:10]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        database = connection.settings_dict
        yield (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{name}"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        yield f"sqlite:///{Path(settings.VAR_DIR) / f'restored-{uuid.uuid4().hex[:10]}.sqlite3'}"


def _in_fresh_place(tmp_path: Path, database_url: str, *arguments: str, code: str = ""):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "MEDIA_", "S3_", "AUDIT_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="inscriptions.settings",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DATABASE_URL=database_url,
        VAR_DIR=str(tmp_path / "restored-var"),
        MEDIA_ROOT=str(tmp_path / "restored-media"),
    )
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *arguments]
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )


def _populated(dossier):
    furnish(dossier)
    audit_chain.seal_pending(now=NOW.replace(year=NOW.year + 1))
    assert AuditSeal.objects.count() >= 3
    assert len(backup.stored_files()) >= 3


def test_a_backup_restores_into_a_fresh_database_and_storage(
    storage, dossier, tmp_path, fresh_database
):
    _populated(dossier)
    files = {}
    for name in backup.stored_files():
        with default_storage.open(name, "rb") as stored:
            files[name] = hashlib.sha256(stored.read()).hexdigest()
    rows = backup.row_counts()

    call_command("backup", destination=tmp_path / "backups")
    (folder,) = (tmp_path / "backups").iterdir()
    restored = _in_fresh_place(tmp_path, fresh_database, "restore_backup", str(folder))

    assert restored.returncode == 0, restored.stderr
    assert "Restauration vérifiée" in restored.stdout
    read_back = _in_fresh_place(tmp_path, fresh_database, code=READ_BACK)
    assert read_back.returncode == 0, read_back.stderr
    found = json.loads(read_back.stdout)
    assert found["rows"] == rows
    assert found["rows"]["registration_registration"] == 1
    assert found["files"] == files
    assert found["audit"] is True
    # The restored service runs: its own checks pass on the restored data.
    verified = _in_fresh_place(tmp_path, fresh_database, "verify_audit")
    assert verified.returncode == 0, verified.stderr


def test_an_altered_backup_is_refused_naming_the_file(storage, dossier, tmp_path, fresh_database):
    _populated(dossier)
    folder = backup.backup(tmp_path / "backups")
    manifest = backup.read_manifest(folder)
    altered = manifest["files"][0]["name"]
    (folder / "files" / altered).write_bytes(b"%PDF-1.4 altered")

    restored = _in_fresh_place(tmp_path, fresh_database, "restore_backup", str(folder))

    assert restored.returncode != 0
    assert f"fichier {altered} absent ou différent" in restored.stderr


def test_a_restore_refuses_a_database_in_use(storage, dossier, tmp_path):
    folder = backup.backup(tmp_path / "backups")

    with pytest.raises(backup.BackupError, match="n'est pas vide"):
        backup.restore(folder)


def test_the_nightly_job_keeps_the_latest_backups(storage, catalogue, tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "nightly"
    settings.BACKUP_KEEP = 2
    job = scheduler.jobs()["operations.backup"]
    nights = [NOW + timedelta(days=day) for day in range(3)]
    for night in nights:
        job.function(now=night)

    kept = sorted(path.name for path in (tmp_path / "nightly").iterdir())
    assert kept == [f"sauvegarde-{timezone.localtime(n):%Y%m%d-%H%M%S}" for n in nights[1:]]
