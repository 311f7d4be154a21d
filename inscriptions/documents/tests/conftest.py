"""Fixtures of the documents' tests: a validated dossier, a storage of its own per test, and a
real clamd on a temporary socket with a signature database written here.

Without ``clamd`` installed (Debian: ``apt-get install clamav-daemon``) the antivirus tests are
skipped with a message, unless ``REQUIRE_CLAMD=1`` (set by CI), where they fail.
"""

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inscriptions.documents.tests import samples
from inscriptions.registration import services as registration_services
from inscriptions.registration.tests.conftest import *  # noqa: F403
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import fill, screens


def _stop_with_the_tests() -> None:
    """Linux: clamd gets SIGTERM when the test process dies, even killed before its teardown."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


CLAMD_MISSING = (
    "clamd introuvable : installez le paquet Debian clamav-daemon pour les tests de l'antivirus"
)


@pytest.fixture(autouse=True)
def storage(settings: Any, tmp_path: Path) -> Path:
    """Each test's files in a directory of its own, so "nothing stored" can be checked."""
    root = tmp_path / "media"
    root.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root},
        },
    }
    settings.MEDIA_ROOT = root
    # The newcomer's default: no scanner, unless a test asks for the ``scanner`` fixture.
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST = ""
    return root


def stored_files(root: Path) -> list[str]:
    """The documents' files in the storage (uploads and quarantine; not the confirmations the
    registration keeps beside them)."""
    return sorted(
        str(path.relative_to(root))
        for area in ("justificatifs", "quarantaine")
        for path in (root / area).rglob("*")
        if path.is_file()
    )


def validate(candidate: Any, session: Any, specialty: Any, **overrides: Any) -> Any:
    """A dossier walked through every screen and validated at NOW."""
    registration = registration_services.registration_start(
        candidate=candidate, session=session, now=NOW
    )
    establishment = session.academy.establishments.get(code="0319999A")
    pages = screens(specialty_pk=specialty.pk, establishment_pk=establishment.pk, **overrides)
    registration = fill(registration, pages, now=NOW)
    registration_services.registration_validate(registration=registration, actor=candidate, now=NOW)
    registration.refresh_from_db()
    return registration


@pytest.fixture
def dossier(candidate: Any, session: Any, mco: Any, frozen: Any) -> Any:
    return validate(candidate, session, mco)


@pytest.fixture
def candidate_client(client: Any, candidate: Any) -> Any:
    client.force_login(candidate)
    return client


@pytest.fixture(scope="session")
def clamd_socket(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real clamd, started once, whose only signatures detect the EICAR test file: as a whole
    file (MD5 hash, .hdb) and anywhere inside another file (body signature, .ndb)."""
    executable = shutil.which("clamd") or (
        "/usr/sbin/clamd" if Path("/usr/sbin/clamd").exists() else None
    )
    if executable is None:
        if os.environ.get("REQUIRE_CLAMD") == "1":
            pytest.fail(f"{CLAMD_MISSING} (REQUIRE_CLAMD=1)")
        pytest.skip(CLAMD_MISSING)
    directory = tmp_path_factory.mktemp("clamd")
    database = directory / "db"
    database.mkdir()
    (database / "eicar.hdb").write_text(samples.md5_signature(samples.EICAR, "Eicar-Test-File"))
    (database / "eicar.ndb").write_text(samples.body_signature(samples.EICAR, "Eicar-Test-Body"))
    socket_path = directory / "clamd.sock"
    config = directory / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                f"LocalSocket {socket_path}",
                f"DatabaseDirectory {database}",
                f"PidFile {directory / 'clamd.pid'}",
                "Foreground yes",
                "StreamMaxLength 30M",
                "",
            ]
        )
    )
    log = (directory / "clamd.log").open("w")
    process = subprocess.Popen(
        [executable, "--config-file", str(config)],
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=_stop_with_the_tests,
    )
    try:
        deadline = time.monotonic() + 60
        while not socket_path.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"clamd did not start:\n{(directory / 'clamd.log').read_text()}")
            time.sleep(0.1)
        yield str(socket_path)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def scanner(settings: Any, clamd_socket: str) -> str:
    settings.CLAMD_SOCKET = clamd_socket
    return clamd_socket
