"""What each page of a registration costs, without load: SQL queries and CPU time, per page.

The quick loop for working on the registration's speed (the load test, ``registration_bench``,
takes minutes; this takes seconds). It walks ``flow.registration_pages`` through Django's test
client several times in one process, against the database of the environment (``DATABASE_URL``;
the demo data must be loaded), and prints for each page its queries and its median CPU time,
then the queries sent more than once by one page::

    DATABASE_URL=postgres://postgres@127.0.0.1/bench_costs .venv/bin/python bench/page_costs.py

The CPU time is the process's (the test client, the view and the database driver; PostgreSQL's
own work is in its process). The first walk warms the caches and is not counted.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.test import Client
from prepare import PageCost, toulouse_wizard, walk

from inscriptions.accounts.models import Role, User


def candidate_walk(session_id: int, wizard: list, number: int) -> list[PageCost]:
    """One registration by a new candidate, through HTTPS as behind the production proxy."""
    user = User.objects.create_user(
        email=f"cout.{number}.{time.time_ns()}@bench.invalid", password=None, role=Role.CANDIDATE
    )
    client = Client(secure=True)
    client.force_login(user)
    return walk(client, session_id, wizard)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--walks", type=int, default=5, help="registrations measured")
    parser.add_argument("--repeated", type=int, default=3, help="repeated queries shown per page")
    parser.add_argument(
        "--profile", type=Path, metavar="FILE", help="also write cProfile's statistics of the walks"
    )
    args = parser.parse_args(argv)
    logging.disable(logging.INFO)  # the inline task runner logs each task

    session, wizard = toulouse_wizard()
    candidate_walk(session.pk, wizard, 0)  # warms the process's caches
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    walks = [candidate_walk(session.pk, wizard, number) for number in range(1, args.walks + 1)]
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)

    print(f"{'page':<40} {'queries':>7} {'CPU ms':>7}")
    total_queries = total_cpu = 0.0
    for index, cost in enumerate(walks[-1]):
        cpu = statistics.median(w[index].cpu_seconds for w in walks) * 1000
        if not cost.name.startswith("GET /"):  # the ceiling pages are not the registration's
            total_queries += len(cost.queries)
            total_cpu += cpu
        print(f"{cost.name:<40} {len(cost.queries):>7} {cpu:>7.1f}")
        for text, count in Counter(cost.queries).most_common(args.repeated):
            if count > 1:
                print(f"    {count}× {text[:150]}")
    print(f"{'one registration':<40} {total_queries:>7.0f} {total_cpu:>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
