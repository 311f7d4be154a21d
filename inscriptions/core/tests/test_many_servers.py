"""The service on many servers, on this machine: two web servers (gunicorn) on two ports, two task
workers (RQ), the scheduler twice, one PostgreSQL database, one Redis, and an S3 endpoint (moto
in server mode), each a process of its own on loopback, as the deployment files start them.

A candidate signs in on one server and walks the wizard switching server at every screen; a
change to the catalogue made by another process is seen by both servers; the validation sends
its confirmation email exactly once, whichever worker takes it; the confirmation PDF lands in the
bucket and downloads from either server; the scheduler runs each job's time once, from one of
the two schedulers. Runs once, in CI's PostgreSQL run (it needs a PostgreSQL server)."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import psycopg
import pytest
import redis
import requests
import yaml
from django.db import connection

from inscriptions.accounts.tests.helpers import STRONG_PASSWORD
from inscriptions.registration.tests.wizard import IDENTITY, screens

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a PostgreSQL server: runs in CI's PostgreSQL run",
    ),
]

ROOT = Path(__file__).resolve().parents[3]
BUCKET = "inscriptions-test"
CANDIDATE = "multi.serveurs@example.fr"

SEED = f"""
import json
from django.core.management import call_command
from django.utils import timezone
from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import Academy, Establishment, Specialty
from inscriptions.catalog.tests.factories import ExamSessionFactory
call_command("import_reference", stdout=None)
toulouse = Academy.objects.get(code="16")
establishment = Establishment.objects.create(
    academy=toulouse, code="0319999A", name="Candidats individuels", kind="fictitious"
)
session = ExamSessionFactory(academy=toulouse, now=timezone.now())
User.objects.create_user(email="{CANDIDATE}", password="{STRONG_PASSWORD}", role=Role.CANDIDATE)
mco = Specialty.objects.get(bcn_code="32031213")
print(json.dumps({{"session": session.pk, "specialty": mco.pk, "establishment": establishment.pk}}))
"""

RENAME_UNIT = """
from inscriptions.catalog.models import Unit
unit = Unit.objects.filter(specialty__bcn_code="32031213", parent=None).order_by("pk").first()
unit.title = "Unité renommée par un administrateur"
unit.save()
print(unit.pk)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Deployment:
    def __init__(self, tmp_path: Path, smtp_port: int) -> None:
        self.tmp_path = tmp_path
        self.database = f"multi_{uuid.uuid4().hex[:10]}"
        self.redis_cache, self.redis_queue = 13, 14
        self.s3_port = _free_port()
        self.ports = [_free_port(), _free_port()]
        self.processes: list[subprocess.Popen[bytes]] = []
        database = connection.settings_dict
        self.database_url = (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{self.database}"
        )
        self.environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(
                ("DJANGO_", "DATABASE_", "TASK_", "REDIS_", "CACHE_", "S3_", "EMAIL_", "SCHEDULER_")
            )
        }
        self.environment.update(
            DJANGO_SETTINGS_MODULE="inscriptions.settings",
            DJANGO_SECRET_KEY="multi-server-test-" + uuid.uuid4().hex,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            VAR_DIR=str(tmp_path / "var"),
            DATABASE_URL=self.database_url,
            CACHE_URL=f"redis://127.0.0.1:6379/{self.redis_cache}",
            TASK_BACKEND="redis",
            REDIS_URL=f"redis://127.0.0.1:6379/{self.redis_queue}",
            S3_BUCKET=BUCKET,
            S3_ENDPOINT_URL=f"http://127.0.0.1:{self.s3_port}",
            S3_REGION="us-east-1",
            S3_ACCESS_KEY_ID="test",
            S3_SECRET_ACCESS_KEY="test",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            SITE_URL=f"http://127.0.0.1:{self.ports[0]}",
            SCHEDULER_SCHEDULES='{"audit.seal": {"second": "*/2"}}',
            SCHEDULER_LEASE_SECONDS="4",
            LOG_LEVEL="WARNING",
        )

    def manage(self, *arguments: str, code: str = "") -> str:
        command = [sys.executable, "manage.py", *arguments]
        if code:
            command = [sys.executable, "-c", "import django; django.setup()\n" + code]
        done = subprocess.run(
            command, cwd=ROOT, env=self.environment, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self, name: str, command: list[str]) -> None:
        log = (self.tmp_path / f"{name}.log").open("wb")
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=self.environment, stdout=log, stderr=log)
        )

    def url(self, server: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[server]}{path}"

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-2000:]}"
            for path in sorted(self.tmp_path.glob("*.log"))
        )

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait(condition, *, seconds: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (requests.ConnectionError, OSError):
            value = None
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"not reached in {seconds} s: {what() if callable(what) else what}")


@pytest.fixture
def deployment(tmp_path: Path, smtp_server: Any) -> Iterator[Deployment]:
    from moto.server import ThreadedMotoServer

    here = Deployment(tmp_path, smtp_server.port)
    admin = psycopg.connect(
        host=connection.settings_dict["HOST"] or "127.0.0.1",
        port=connection.settings_dict["PORT"] or 5432,
        user=connection.settings_dict["USER"],
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f"CREATE DATABASE {here.database}")
    for number in (here.redis_cache, here.redis_queue):
        redis.Redis(host="127.0.0.1", port=6379, db=number).flushdb()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=here.s3_port, verbose=False)
    moto.start()
    try:
        boto3.client(
            "s3",
            endpoint_url=here.environment["S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        ).create_bucket(Bucket=BUCKET)
        yield here
    finally:
        here.stop()
        moto.stop()
        for number in (here.redis_cache, here.redis_queue):
            redis.Redis(host="127.0.0.1", port=6379, db=number).flushdb()
        admin.execute(f"DROP DATABASE IF EXISTS {here.database} WITH (FORCE)")
        admin.close()


def _signed_in(deployment: Deployment) -> requests.Session:
    browser = requests.Session()
    page = browser.get(deployment.url(0, "/compte/connexion/"), timeout=30)
    assert page.status_code == 200
    response = browser.post(
        deployment.url(0, "/compte/connexion/"),
        data={
            "username": CANDIDATE,
            "password": STRONG_PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    return browser


def _post(browser: requests.Session, url: str, data: dict[str, str]) -> requests.Response:
    return browser.post(
        url,
        data={**data, "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=60,
    )


def test_two_servers_two_workers_two_schedulers_one_database_redis_and_bucket(
    deployment, smtp_server
):
    deployment.manage("migrate", "--noinput", "-v0")
    seeded = json.loads(deployment.manage(code=SEED).strip().splitlines()[-1])
    gunicorn = [sys.executable, "-m", "gunicorn", "inscriptions.wsgi:application", "--workers", "2"]
    for server, port in enumerate(deployment.ports):
        deployment.start(f"web-{server}", [*gunicorn, "--bind", f"127.0.0.1:{port}"])
    # The workers and the schedulers with the commands the compose file gives them.
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())["services"]
    for name in ("worker", "scheduler"):
        command = [sys.executable, *compose[name]["command"][1:]]
        for number in range(2):
            deployment.start(f"{name}-{number}", command)
    for server in range(2):
        _wait(
            lambda server=server: requests.get(deployment.url(server, "/healthz"), timeout=5).ok,
            seconds=60,
            what=lambda server=server: (
                f"server {server} healthy: {_health(deployment, server)}\n{deployment.logs()}"
            ),
        )

    # Signed in on the first server; the session holds on the second (Redis).
    browser = _signed_in(deployment)
    assert browser.get(deployment.url(1, "/espace-candidat/"), timeout=30).status_code == 200
    started = _post(
        browser,
        deployment.url(0, f"/espace-candidat/sessions/{seeded['session']}/inscription/"),
        {},
    )
    assert started.status_code == 302, started.text[:500]
    dossier = int(re.search(r"/dossiers/(\d+)/", started.headers["Location"]).group(1))

    # Each screen on the other server than the one before.
    pages = screens(specialty_pk=seeded["specialty"], establishment_pk=seeded["establishment"])
    for index, (name, data) in enumerate(pages):
        step = f"/espace-candidat/dossiers/{dossier}/etapes/{name}/"
        answered = _post(browser, deployment.url(index % 2, step), {**data, "action": "next"})
        assert answered.status_code == 302, (name, answered.text[:1500])

    # A catalogue change made by another process reaches both servers' copies in memory.
    units_page = f"/espace-candidat/dossiers/{dossier}/recapitulatif/"
    for server in range(2):
        assert "Unité renommée" not in browser.get(deployment.url(server, units_page)).text
    deployment.manage(code=RENAME_UNIT)
    for server in range(2):
        _wait(
            lambda server=server: (
                "Unité renommée par un administrateur"
                in browser.get(deployment.url(server, units_page), timeout=30).text
            ),
            seconds=10,
            what=f"the renamed unit on server {server}",
        )

    validated = _post(
        browser, deployment.url(1, f"/espace-candidat/dossiers/{dossier}/recapitulatif/"), {}
    )
    assert validated.status_code == 302, validated.text[:1500]

    # The confirmation email, once, whichever worker took it.
    smtp_server.wait_for(1, timeout=60)
    time.sleep(3)
    (email,) = smtp_server.received
    assert email.recipients == [IDENTITY["email"]]

    # The PDF in the bucket, and the same bytes from either server.
    s3 = boto3.client(
        "s3",
        endpoint_url=deployment.environment["S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    stored = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    (pdf_key,) = [key for key in stored if key.endswith(".pdf")]
    in_bucket = s3.get_object(Bucket=BUCKET, Key=pdf_key)["Body"].read()
    pdf = validated.headers["Location"] + "confirmation.pdf"
    for server in range(2):
        download = browser.get(deployment.url(server, pdf), timeout=30)
        assert download.status_code == 200
        assert download.content == in_bucket

    # The scheduler: each time of the seal job run once, all by the one holding the lease.
    runs = _job_runs(deployment)
    assert len(runs) >= 3, deployment.logs()
    assert len({at for at, _ in runs}) == len(runs)
    assert len({runner for _, runner in runs}) == 1


def _health(deployment: Deployment, server: int) -> str:
    try:
        return requests.get(deployment.url(server, "/healthz"), timeout=5).text
    except requests.ConnectionError as error:
        return str(error)


def _job_runs(deployment: Deployment) -> list[tuple[str, str]]:
    with psycopg.connect(deployment.database_url.replace("postgres://", "postgresql://")) as db:
        return db.execute(
            "SELECT scheduled_for::text, runner FROM core_jobrun WHERE job = 'audit.seal'"
        ).fetchall()
