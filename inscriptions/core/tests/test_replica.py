"""A read replica (DATABASE_REPLICA_URL) for the office's queue, exports and statistics: their
reads go there, every other read and every write to the primary; without a replica, nothing
changes."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from inscriptions.core import replica

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]

COUNT = """
import django
django.setup()
from inscriptions.accounts.models import User
from inscriptions.core.replica import from_replica
primary = User.objects.count()
with from_replica():
    on_replica = User.objects.count()
    User.objects.create_user(email="ecrit@example.fr", password=None)
print(primary, on_replica, User.objects.count())
"""

SEED = """
import django, sys
django.setup()
from inscriptions.accounts.models import User
User.objects.create_user(email=sys.argv[1], password=None)
"""


def test_the_router_sends_marked_reads_to_the_replica_when_there_is_one(monkeypatch):
    router = replica.ReplicaRouter()
    assert router.db_for_read(None) is None
    with replica.from_replica():
        assert router.db_for_read(None) is None
    monkeypatch.setattr(replica, "configured", lambda: True)
    with replica.from_replica():
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) is None
    assert router.db_for_read(None) is None
    assert router.allow_migrate("replica", "core") is False
    assert router.allow_migrate("default", "core") is True


def test_in_another_process_reads_come_from_the_replica_and_writes_go_to_the_primary(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="inscriptions.settings",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'primary.sqlite3'}",
    )

    def run(*command: str, **extra: str) -> str:
        done = subprocess.run(
            [sys.executable, *command],
            cwd=ROOT,
            env={**environment, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("manage.py", "migrate", "-v0")
    run("-c", SEED, "premier@example.fr")
    # The replica as it was a moment ago: one account behind the primary.
    shutil.copy(tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3")
    run("-c", SEED, "second@example.fr")

    counts = run("-c", COUNT, DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'replica.sqlite3'}")

    assert counts.split() == ["2", "1", "3"]
