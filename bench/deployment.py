"""A production-like deployment on this machine, for the load test.

A dedicated PostgreSQL database, created anew each run and filled as ``make run`` fills its own
(migrations, reference data, the demo's Toulouse sessions, one of them open now); gunicorn with
its sync workers; the database task backend's worker (``manage.py db_worker``); an SMTP sink.
The server runs with ``DJANGO_ENV=production``, a secret key generated for the run, DEBUG off,
static files collected and compressed; the load test says its requests came through HTTPS, as
behind the TLS-terminating proxy of a real deployment.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORK = ROOT / "var" / "bench"
LOGS = WORK / "logs"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/inscriptions_bench"
TASKS_TABLE = "django_tasks_database_dbtaskresult"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _admin_url(database_url: str) -> tuple[str, str]:
    """The server's maintenance database and the benchmark database's name."""
    base, _, name = database_url.rpartition("/")
    return f"{base}/postgres", name


def recreate_database(database_url: str) -> str:
    """Drop and create the benchmark database; return the server's version."""
    admin, name = _admin_url(database_url)
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Unexpected database name: {name!r}")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
        version = connection.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {version[0].split()[0]}" if version else "PostgreSQL"


@dataclass
class Deployment:
    database_url: str
    server_workers: int = 2
    task_workers: int = 1
    port: int = field(default_factory=free_port)
    smtp_port: int = field(default_factory=free_port)
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def emails_file(self) -> Path:
        return WORK / "emails.json"

    def _env(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "EMAIL_", "TASK_", "S3_", "CLAMD_"))
        }
        env.update(
            DATABASE_URL=self.database_url,
            DJANGO_SECRET_KEY=self.secret_key,
            VAR_DIR=str(WORK / "var"),
            MEDIA_ROOT=str(WORK / "media"),
            STATIC_ROOT=str(WORK / "static"),
            PYTHONPATH=str(ROOT),
        )
        env.update(extra)
        return env

    def setup_env(self) -> dict[str, str]:
        """Development settings on the benchmark database: for loading data only."""
        return self._env(
            TASK_BACKEND="immediate",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )

    def production_env(self) -> dict[str, str]:
        return self._env(
            DJANGO_ENV="production",
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            TASK_BACKEND="database",
            # One cache for the workers (Redis runs on this machine): see settings, CACHE_URL.
            CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/2"),
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.smtp_port),
            SITE_URL=f"https://127.0.0.1:{self.port}",
        )

    def manage(self, *args: str, env: dict[str, str]) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        with (LOGS / "setup.log").open("ab") as log:
            subprocess.run(
                [str(BIN / "python"), "manage.py", *args],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )

    def load_data(self, *, accounts: int, accounts_file: Path, prefill: list[str]) -> None:
        env = self.setup_env()
        for step in (("migrate", "--noinput"), ("import_reference",), ("load_demo",)):
            self.manage(*step, env=env)
        self.collect_static()
        with (LOGS / "setup.log").open("ab") as log:
            subprocess.run(
                [
                    str(BIN / "python"),
                    str(ROOT / "bench" / "prepare.py"),
                    f"--accounts={accounts}",
                    f"--out={accounts_file}",
                    *(f"--prefill={bounds}" for bounds in prefill),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )

    def collect_static(self) -> None:
        """Collected and compressed as for production, once: again only when the static files
        of the working tree changed."""
        sources = sorted(
            path for path in (ROOT / "inscriptions").rglob("static/**/*") if path.is_file()
        )
        stamp = WORK / "static.stamp"
        newest = max((path.stat().st_mtime for path in sources), default=0)
        fingerprint = f"{len(sources)} {newest} django-dsfr {version('django-dsfr')}"
        if stamp.exists() and stamp.read_text() == fingerprint and (WORK / "static").exists():
            return
        self.manage("collectstatic", "--noinput", env=self.production_env())
        stamp.write_text(fingerprint)

    def _start(self, name: str, command: list[str], env: dict[str, str]) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        log = (LOGS / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start(self) -> None:
        env = self.production_env()
        self._start(
            "smtp",
            [
                str(BIN / "python"),
                str(ROOT / "bench" / "smtp_sink.py"),
                f"--port={self.smtp_port}",
                f"--count-file={self.emails_file}",
            ],
            env,
        )
        self._start(
            "server",
            [
                str(BIN / "gunicorn"),
                "inscriptions.wsgi:application",
                f"--workers={self.server_workers}",
                f"--bind=127.0.0.1:{self.port}",
                "--backlog=2048",
                "--timeout=120",
            ],
            env,
        )
        for number in range(self.task_workers):
            self._start(
                f"worker-{number}",
                [str(BIN / "python"), "manage.py", "db_worker", "--interval=0.2", "--no-reload"],
                env,
            )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(  # noqa: S310 - our own server on the loopback
            f"{self.url}/healthz", headers={"X-Forwarded-Proto": "https"}
        )
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise SystemExit(f"{name} stopped at start: see {LOGS / name}.log")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(request, timeout=5) as response,  # noqa: S310
            ):
                if response.status == 200 and self.emails_file.exists():
                    return
            time.sleep(0.5)
        raise SystemExit(f"The server did not answer /healthz within {timeout:.0f} s")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()

    def server_pid(self) -> int:
        return self.processes["server"].pid

    def emails(self) -> dict[str, int]:
        figures: dict[str, int] = json.loads(self.emails_file.read_text(encoding="utf-8"))
        return figures

    def tasks(self) -> dict[str, int]:
        """The confirmation tasks by status (READY, RUNNING, SUCCESSFUL, FAILED)."""
        with psycopg.connect(self.database_url) as connection:
            rows = connection.execute(
                f"SELECT status, count(*) FROM {TASKS_TABLE} GROUP BY status"  # noqa: S608
            ).fetchall()
        return dict(rows)

    def count(self, table: str) -> int:
        with psycopg.connect(self.database_url) as connection:
            row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        return int(row[0]) if row else 0

    def wait_for_tasks(self, timeout: float) -> float:
        """Seconds until the task queue is empty (or the timeout)."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            waiting = self.tasks()
            if not waiting.get("READY") and not waiting.get("RUNNING"):
                break
            time.sleep(0.5)
        return time.monotonic() - started


@contextlib.contextmanager
def running(deployment: Deployment) -> Iterator[Deployment]:
    try:
        deployment.start()
        yield deployment
    finally:
        deployment.stop()


# --- CPU accounting: who used the two cores during a phase.


def _tree(pid: int) -> list[psutil.Process]:
    try:
        parent = psutil.Process(pid)
        return [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _cpu(process: psutil.Process) -> float:
    with contextlib.suppress(psutil.Error):
        times = process.cpu_times()
        return float(times.user + times.system)
    return 0.0


@dataclass
class CpuSnapshot:
    at: float
    groups: dict[str, dict[int, float]]
    machine: float


def cpu_snapshot(groups: dict[str, list[int]]) -> CpuSnapshot:
    """CPU seconds so far of each group of processes (the listed ones and their children), of
    PostgreSQL's processes, and of the whole machine."""
    taken: dict[str, dict[int, float]] = {}
    for name, pids in groups.items():
        taken[name] = {p.pid: _cpu(p) for pid in pids for p in _tree(pid)}
    taken["postgresql"] = {
        p.pid: _cpu(p) for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"
    }
    machine = psutil.cpu_times()
    busy = machine.user + machine.system + machine.nice + getattr(machine, "softirq", 0.0)
    return CpuSnapshot(time.monotonic(), taken, busy + getattr(machine, "irq", 0.0))


def cpu_used(before: CpuSnapshot, after: CpuSnapshot) -> dict[str, Any]:
    """CPU seconds of each group between two snapshots, and the share of the machine's cores."""
    seconds = {
        name: sum(cpu - before.groups.get(name, {}).get(pid, 0.0) for pid, cpu in pids.items())
        for name, pids in after.groups.items()
    }
    total = after.machine - before.machine
    seconds["other processes"] = max(0.0, total - sum(seconds.values()))
    wall = after.at - before.at
    capacity = wall * (os.cpu_count() or 1)
    return {
        "wall_seconds": round(wall, 1),
        "cpu_seconds": {name: round(value, 1) for name, value in seconds.items()},
        "share_of_cores": {name: round(value / capacity, 3) for name, value in seconds.items()},
        "machine_busy": round(total / capacity, 3),
    }
