"""Password hashes per second with the project's hasher: the ceiling of account creations (and
of logins, which cost the same hash) on this machine.

Run from the repository root (``make bench`` runs it)::

    .venv/bin/python bench/passwords_bench.py [--hashes 40] [--processes 2]

Hashes with ``make_password`` under the project's settings (Argon2 first in PASSWORD_HASHERS,
its parameters as Django sets them), first in one process, then in ``--processes`` processes
at once (default: one per core). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import summary  # noqa: E402

PASSWORD = "Un-mot-de-passe-de-candidat-2027!"  # noqa: S105 - hashed, never stored


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inscriptions.settings")
    import django

    django.setup()


def hash_many(count: int) -> tuple[float, float]:
    """Wall and CPU seconds of ``count`` hashes."""
    from django.contrib.auth.hashers import make_password

    make_password(PASSWORD)  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        make_password(PASSWORD)
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hashes", type=int, default=40, help="hashes per process")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-summary", action="store_true", help="do not touch summary.json")
    args = parser.parse_args(argv)

    _setup()
    from django.contrib.auth.hashers import get_hasher

    hasher = get_hasher()
    parameters = {
        name: getattr(hasher, name)
        for name in ("time_cost", "memory_cost", "parallelism")
        if hasattr(hasher, name)
    }
    wall, cpu = hash_many(args.hashes)
    one_process = args.hashes / wall
    with ProcessPoolExecutor(args.processes, initializer=_setup) as pool:
        started = time.perf_counter()
        results = list(pool.map(hash_many, [args.hashes] * args.processes))
        elapsed = time.perf_counter() - started
    machine = args.hashes * args.processes / elapsed
    cpu_per_hash = sum(cpu for _, cpu in results) / (args.hashes * args.processes)
    # The ceiling: every core hashing, from the CPU time of one hash (Argon2's lanes run on
    # threads, so one process already uses more than one core). It does not move when other
    # work shares the machine; the measured rate does.
    ceiling = (os.cpu_count() or 1) / cpu_per_hash
    details = {
        "hasher": hasher.algorithm,
        "parameters": parameters,
        "hashes_per_process": args.hashes,
        "processes": args.processes,
        "one_process_per_second": round(one_process, 2),
        "one_process_cpu_ms_per_hash": round(cpu * 1000 / args.hashes, 1),
        "all_processes_per_second": round(machine, 2),
        "all_processes_cpu_ms_per_hash": round(cpu_per_hash * 1000, 1),
        "ceiling_per_second": round(ceiling, 2),
        "note": "a login checks one hash of the same cost: the same ceiling applies to logins",
    }
    print(
        f"{hasher.algorithm} {parameters}: {one_process:.1f} hashes/s in one process "
        f"({details['one_process_cpu_ms_per_hash']:.0f} ms of CPU each), {machine:.1f} hashes/s "
        f"in {args.processes} processes; ceiling with every core free {ceiling:.1f} hashes/s"
    )
    if not args.no_summary:
        summary.record(
            "passwords",
            figures={"password_hashes_per_second": round(ceiling, 2)},
            details=details,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
