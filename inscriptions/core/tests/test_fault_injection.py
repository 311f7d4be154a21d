"""Faults injected: a private PostgreSQL cluster, started by the test, killed with SIGKILL while
candidates validate their registrations through a real web server, then restarted.

The candidates retry what was not acknowledged, as a person would. Afterwards: every candidate
has exactly one validated version (a retry of a validation that did commit makes no second one),
the dossier numbers run without a gap, every acknowledged validation is there, and each version's
confirmation is emailed exactly once, by the database queue's worker, which waited for the
database instead of exiting, and by the sweep for what the outage lost."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import requests

from inscriptions.accounts.tests.helpers import STRONG_PASSWORD

PG_BIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(__file__).resolve().parents[3]
CANDIDATES = 24

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (PG_BIN / "initdb").exists() or os.environ.get("DATABASE_URL", "")[:8] != "postgres",
        reason="needs PostgreSQL's server programs: runs in CI's PostgreSQL run",
    ),
]

SEED = f"""
import json
from django.core.management import call_command
from django.utils import timezone
from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import Academy, Establishment, Specialty
from inscriptions.catalog.tests.factories import ExamSessionFactory
from inscriptions.registration import services
from inscriptions.registration.tests.wizard import fill, screens
call_command("import_reference", stdout=None)
toulouse = Academy.objects.get(code="16")
establishment = Establishment.objects.create(
    academy=toulouse, code="0319999A", name="Candidats individuels", kind="fictitious"
)
now = timezone.now()
session = ExamSessionFactory(academy=toulouse, now=now)
mco = Specialty.objects.get(bcn_code="32031213")
pages = screens(specialty_pk=mco.pk, establishment_pk=establishment.pk)
found = []
for number in range({CANDIDATES}):
    email = f"candidat{{number}}@example.fr"
    user = User.objects.create_user(email=email, password="{STRONG_PASSWORD}", role=Role.CANDIDATE)
    draft = services.registration_start(candidate=user, session=session, now=now)
    fill(draft, pages, now=now)
    found.append([email, draft.pk])
print(json.dumps(found))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """A PostgreSQL of the test's own, run as the postgres user, in a folder it owns."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        subprocess.run(
            [
                *self._as_postgres(),
                str(PG_BIN / "initdb"),
                "-D",
                str(folder / "data"),
                "-A",
                "trust",
            ],
            check=True,
            capture_output=True,
        )

    @staticmethod
    def _as_postgres() -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *self._as_postgres(),
                str(PG_BIN / "postgres"),
                "-D",
                str(self.folder / "data"),
                "-p",
                str(self.port),
                "-k",
                str(self.folder),
                "-c",
                "listen_addresses=127.0.0.1",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                psycopg.connect(self.url.replace("postgres://", "postgresql://")).close()
                return
            except psycopg.OperationalError:
                time.sleep(0.2)
        raise AssertionError("the private PostgreSQL did not start")

    def kill(self) -> None:
        """SIGKILL to the server: no shutdown, no checkpoint; it recovers at the next start."""
        pid = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
        assert self.process is not None
        self.process.wait(timeout=10)
        # Its backends notice the postmaster's death and exit; wait for the port to be free.
        time.sleep(1.5)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture
def cluster():
    # Not under pytest's folders: the postgres user must reach it.
    here = Cluster(Path(tempfile.mkdtemp(prefix="faults-")))
    here.start()
    try:
        yield here
    finally:
        here.stop()
        shutil.rmtree(here.folder, ignore_errors=True)


def test_validations_survive_the_database_killed_mid_way(cluster, smtp_server, tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "TASK_", "REDIS_", "CACHE_", "EMAIL_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="inscriptions.settings",
        DJANGO_SECRET_KEY="faults-test-key-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=cluster.url,
        TASK_BACKEND="database",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_server.port),
        SCHEDULER_SCHEDULES=json.dumps({"registration.unsent_confirmations": {"second": "*/2"}}),
        SCHEDULER_LEASE_SECONDS="3",
        TASK_SWEEP_AFTER_SECONDS="3",
        LOG_LEVEL="WARNING",
    )

    def manage(*arguments: str, code: str = "") -> str:
        command = (
            [sys.executable, "-c", "import django; django.setup()\n" + code]
            if code
            else [sys.executable, "manage.py", *arguments]
        )
        done = subprocess.run(
            command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    manage("migrate", "--noinput", "-v0")
    drafts = json.loads(manage(code=SEED).strip().splitlines()[-1])
    port = _free_port()
    logs = (tmp_path / "processes.log").open("wb")
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "inscriptions.wsgi:application",
                "--workers",
                "4",
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=environment,
            stdout=logs,
            stderr=logs,
        ),
        subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=environment,
            stdout=logs,
            stderr=logs,
        ),
        subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler"],
            cwd=ROOT,
            env=environment,
            stdout=logs,
            stderr=logs,
        ),
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=5).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the web server did not start"
            time.sleep(0.3)

        browsers = {}
        for email, _ in drafts:
            browser = requests.Session()
            browser.get(f"{base}/compte/connexion/", timeout=30)
            signed = browser.post(
                f"{base}/compte/connexion/",
                data={
                    "username": email,
                    "password": STRONG_PASSWORD,
                    "csrfmiddlewaretoken": browser.cookies["csrftoken"],
                },
                allow_redirects=False,
                timeout=30,
            )
            assert signed.status_code == 302
            browsers[email] = browser

        def validate(email: str, pk: int) -> int:
            browser = browsers[email]
            try:
                return browser.post(
                    f"{base}/espace-candidat/dossiers/{pk}/recapitulatif/",
                    data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
                    allow_redirects=False,
                    timeout=60,
                ).status_code
            except requests.RequestException:
                return 0

        answers: dict[str, int] = {}
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = {pool.submit(validate, email, pk): email for email, pk in drafts}
            # Killed once a few validations are through, while the others are under way.
            while sum(future.done() for future in futures) < 4:
                time.sleep(0.05)
            cluster.kill()
            cluster.start()
            for future, email in futures.items():
                answers[email] = future.result()
        acknowledged = {email for email, status in answers.items() if status == 302}
        # Some went through before the kill, some were refused or cut by it.
        assert 4 <= len(acknowledged) < CANDIDATES, answers

        # What was not acknowledged is tried again, as the candidate would.
        for email, pk in drafts:
            for _ in range(10):
                if answers[email] == 302:
                    break
                time.sleep(0.5)
                answers[email] = validate(email, pk)
            assert answers[email] == 302, (email, answers[email])

        smtp_server.wait_for(CANDIDATES, timeout=90)
        time.sleep(4)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as database:
        versions = database.execute(
            "SELECT r.number, count(v.id), bool_and(v.confirmation_emailed_at IS NOT NULL) "
            "FROM registration_registration r JOIN registration_registrationversion v "
            "ON v.registration_id = r.id GROUP BY r.number ORDER BY r.number"
        ).fetchall()
    # One version each, numbers 1 to N without a gap, every confirmation marked sent.
    assert [number for number, _, _ in versions] == list(range(1, CANDIDATES + 1))
    assert all(count == 1 and sent for _, count, sent in versions)
    subjects = sorted(email.message["Subject"] for email in smtp_server.received)
    assert len(subjects) == CANDIDATES
    assert len(set(subjects)) == CANDIDATES
