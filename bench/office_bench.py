"""The exam office at a million dossiers: the queue with each filter, search by name and by
number, the dossier page, and the exports' time and peak memory.

Run from the repository root (``make bench-office`` does it)::

    .venv/bin/python bench/office_bench.py [--dossiers 1000000] [--repeat 20]

It uses ``DATABASE_URL`` (by default a PostgreSQL database ``inscriptions_office_bench`` on
127.0.0.1, created if missing), migrates it, and adds with ``manage.py generate_dossiers`` the
synthetic dossiers it lacks (a million take about half an hour on two cores, once; later runs
reuse them). Then, in this process, against that database:

- *queue queries*: what the queue page asks the database for one screen: the counts per state
  (which give the filtered list's length) and the page of 50 rows, each scenario timed ``--repeat``
  times after two warm-up runs, for the académie's administrator (every dossier in scope) and
  for an office staff member (three specialties);
- *pages*: the queue page and the dossier page rendered through Django's test client (queries,
  templates, middleware; no HTTP server);
- *exports*: CSV and XLSX of the administrator's whole list, each in a child process that reports
  its own peak resident memory.

Results are merged into ``bench/results/summary.json`` (``office_query_p95_ms_at_1m``: the worst
scenario's p95; ``export_peak_rss_mb``: the larger of the two exports) under
``benchmarks.office``. Targets (reported, never failed on): queue queries p95 < 100 ms, exports
under 200 MB. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/inscriptions_office_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inscriptions.settings")


def _ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


_ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from summary import Target, record  # noqa: E402

from inscriptions.accounts.models import User  # noqa: E402
from inscriptions.accounts.tests.helpers import verified_login  # noqa: E402
from inscriptions.registration.models import Registration  # noqa: E402
from inscriptions.review import selectors  # noqa: E402
from inscriptions.review.pagination import CountedPaginator  # noqa: E402
from inscriptions.review.selectors import QueueFilters  # noqa: E402

PAGE = 50


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _timed(action: Callable[[], Any], repeat: int) -> dict[str, float]:
    for _ in range(2):
        action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(_percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
    }


class _QueryCounter:
    """Counts the SQL statements of a request (the test client's request resets Django's own
    query log as it starts)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def _queue_screen(user: Any, filters: QueueFilters) -> Callable[[], Any]:
    """The queries of one screen of the queue, as the page runs them: the counts per state
    (which give the list's length too) and the first page of rows, read by the page's
    paginator (its rows' numbers, then the rows)."""

    def run() -> Any:
        now = timezone.now()
        counts = selectors.state_counts(user, filters, now=now)
        total = selectors.queue_total(filters, counts)
        dossiers = selectors.dossiers_for_review(user, filters, now=now)
        rows = list(CountedPaginator(dossiers, PAGE, total=total).page(1))
        return rows, total

    return run


def _scenarios(sample: Registration) -> dict[str, QueueFilters]:
    common_name = (
        Registration.objects.exclude(last_name="")
        .values_list("last_name", flat=True)
        .order_by("-number")
        .first()
        or "Martin"
    )
    candidate_number = (
        Registration.objects.exclude(candidate_number="")
        .values_list("candidate_number", flat=True)
        .order_by("-number")
        .first()
        or ""
    )
    session, specialty = sample.session_id, sample.specialty_id
    return {
        "all": QueueFilters(session=session),
        "state=submitted": QueueFilters(session=session, state="submitted"),
        "state=to_complete": QueueFilters(session=session, state="to_complete"),
        "specialty": QueueFilters(session=session, specialty=specialty),
        "category=former_school": QueueFilters(session=session, category="former_school"),
        "documents=missing": QueueFilters(session=session, documents="missing"),
        "documents=refused": QueueFilters(session=session, documents="refused"),
        "deadline=soon": QueueFilters(session=session, deadline="soon"),
        "deadline=passed": QueueFilters(session=session, deadline="passed"),
        "accommodation=yes": QueueFilters(session=session, accommodation=True),
        "sort=name": QueueFilters(session=session, sort="name"),
        "sort=-validated": QueueFilters(session=session, sort="-validated"),
        "specialty+submitted+missing": QueueFilters(
            session=session, specialty=specialty, state="submitted", documents="missing"
        ),
        "search name": QueueFilters(session=session, q=common_name),
        "search dossier number": QueueFilters(session=session, q=str(sample.number)),
        "search candidate number": QueueFilters(session=session, q=candidate_number),
    }


def _export(kind: str) -> dict[str, Any]:
    """One export in a child process, which reports its rows, time and peak memory."""
    completed = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "office_export.py"), "--format", kind],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-exports", action="store_true")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    have = Registration.objects.exclude(number__isnull=True).count()
    if have < args.dossiers:
        print(f"{have} dossiers : génération de {args.dossiers - have} autres…", flush=True)
        call_command("generate_dossiers", count=args.dossiers - have)
    # As the autovacuum leaves a production table: statistics and visibility map up to date
    # (rows just written by COPY are not yet all-visible, which would defeat index-only scans).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    total = Registration.objects.exclude(number__isnull=True).count()
    admin = User.objects.get(email="admin.toulouse@example.org")
    staff = User.objects.get(email="gestionnaire.tertiaire@example.org")
    sample = (
        Registration.objects.filter(specialty__in=staff.specialties.all())
        .exclude(number__isnull=True)
        .order_by("-number")
        .first()
    )
    assert sample is not None
    scenarios = _scenarios(sample)

    queries: dict[str, Any] = {}
    for who, user in (("administrator", admin), ("office_staff", staff)):
        for name, filters in scenarios.items():
            queries[f"{who}: {name}"] = _timed(_queue_screen(user, filters), args.repeat)
            print(f"  {who:<13} {name:<30} {queries[f'{who}: {name}']}", flush=True)

    client = verified_login(Client(), admin)
    pages: dict[str, Any] = {}
    for name, path in (
        ("queue page", "/bureau/"),
        ("queue page, to_complete", "/bureau/?state=to_complete"),
        ("queue page, search name", f"/bureau/?q={sample.last_name}"),
        ("dossier page", f"/bureau/dossiers/{sample.pk}/"),
    ):
        counter = _QueryCounter()
        with connection.execute_wrapper(counter):
            assert client.get(path).status_code == 200
        pages[name] = {**_timed(lambda p=path: client.get(p), args.repeat)}
        pages[name]["queries"] = counter.count
        print(f"  {name:<38} {pages[name]}", flush=True)
    reset_queries()

    exports = {} if args.no_exports else {kind: _export(kind) for kind in ("csv", "xlsx")}
    for kind, figures in exports.items():
        print(f"  export {kind}: {figures}", flush=True)

    worst = max(queries.values(), key=lambda figures: figures["p95_ms"])["p95_ms"]
    peak = max((figures["peak_rss_mb"] for figures in exports.values()), default=None)
    record(
        "office",
        figures={"office_query_p95_ms_at_1m": worst, "export_peak_rss_mb": peak},
        details={
            "dossiers": total,
            "database": connection.vendor,
            "repeat": args.repeat,
            "queue_queries": queries,
            "pages": pages,
            "exports": exports,
        },
        targets=[
            Target("office_query_p95_ms_at_1m", "office queries p95 (ms)", "<", 100, worst),
            Target("export_peak_rss_mb", "exports' peak memory (MB)", "<", 200, peak),
        ],
        notes={
            "office_query_p95_ms_at_1m": (
                f"worst p95 of the queue's queries over {len(queries)} scenarios, "
                f"{total} dossiers, bench/office_bench.py"
            ),
            "export_peak_rss_mb": "peak RSS of the CSV and XLSX exports of every dossier",
        },
    )


if __name__ == "__main__":
    main()
