"""Peak registration: candidates registering at once against a production-like deployment.

Run from the repository root (``make bench`` runs it with the defaults)::

    .venv/bin/python bench/registration_bench.py [--users 200] [--duration 45] [--no-profile]

On this machine: gunicorn (2 sync workers), PostgreSQL (a database of its own, created anew),
the database task worker, an SMTP sink (see ``deployment.py``). Locust, headless in a process of
its own, then runs four phases against the same server, each with ``--users`` users:

1. the ceiling of a trivial page (a static page in the site's shell, no query);
2. the ceiling of a one-query page (the session calendar);
3. saturation: logged-in candidates (``prepare.py``) go through every page of a registration
   (``flow.py``) — dashboard, start, each screen shown and answered, recap, validation, the
   confirmation page, the PDF — as fast as the server answers, one account after another; the
   confirmation email is queued at each validation and sent by the worker through SMTP;
4. paced: the same candidates pausing between pages so that they ask for ``--paced-load``
   (half) of the throughput measured in phase 3: the latency a candidate sees when the server
   is busy but not overrun.

Figures count a steady state only: each phase's figures are reset ``--warmup`` seconds after
its last user started. Who used the cores in each phase (server, worker, PostgreSQL, locust,
anything else on the machine) is measured too. Not a test: nothing fails on a time.

The figures read from locust's CSV and the report written to the summary are in
``registration_report.py``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deployment
import profiling
from flow import ONE_QUERY_PAGE, TRIVIAL_PAGE, registration_pages
from registration_report import read_stats, registration_figures, report

LOCUST_DIR = deployment.WORK / "locust"
ACCOUNTS_FILE = deployment.WORK / "accounts.json"


def run_locust(
    dep: deployment.Deployment,
    *,
    name: str,
    user_class: str,
    users: int,
    spawn_seconds: float,
    warmup: float,
    duration: float,
    env: dict[str, str],
    groups: dict[str, list[int]],
    profile_seconds: float = 0,
) -> dict[str, Any]:
    """One phase: locust headless for spawn + warm-up + duration; its CSV figures and the CPU
    used by each process group over the measured window."""
    LOCUST_DIR.mkdir(parents=True, exist_ok=True)
    prefix = LOCUST_DIR / name
    mark = LOCUST_DIR / f"{name}.reset"
    mark.unlink(missing_ok=True)
    spawn_rate = max(1.0, users / spawn_seconds)
    run_time = math.ceil(spawn_seconds + warmup + duration)
    command = [
        str(deployment.BIN / "locust"),
        "-f",
        str(Path(__file__).with_name("locustfile.py")),
        "--headless",
        "--host",
        dep.url,
        "--users",
        str(users),
        "--spawn-rate",
        f"{spawn_rate:g}",
        "--run-time",
        f"{run_time}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
        user_class,
    ]
    environment = {
        **os.environ,
        **env,
        "BENCH_ACCOUNTS": str(ACCOUNTS_FILE),
        "BENCH_WARMUP": str(warmup),
        "BENCH_MARK": str(mark),
    }
    with (deployment.LOGS / f"locust-{name}.log").open("wb") as log:
        locust = subprocess.Popen(
            command, cwd=deployment.ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        groups = {**groups, "locust": [locust.pid]}
        while not mark.exists() and locust.poll() is None:
            time.sleep(0.1)
        profile = None
        if profile_seconds:
            profile = profiling.start(dep.server_pid(), seconds=min(profile_seconds, duration))
            groups["profiler"] = [profile.process.pid]
        before = deployment.cpu_snapshot(groups)
        after = before
        while locust.poll() is None:
            after = deployment.cpu_snapshot(groups)  # the last one before locust stops
            time.sleep(0.5)
        if locust.returncode != 0:
            raise SystemExit(f"locust failed: see {deployment.LOGS}/locust-{name}.log")
    phase = read_stats(prefix)
    phase["cpu"] = deployment.cpu_used(before, after)
    phase["users"] = users
    if profile is not None:
        phase["profile"] = profiling.finish(profile)
    return phase


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent users, every phase")
    parser.add_argument("--duration", type=float, default=45, help="seconds measured, phase 3, 4")
    parser.add_argument("--ceiling-duration", type=float, default=15, help="seconds, phase 1, 2")
    parser.add_argument("--warmup", type=float, default=10, help="seconds before measuring")
    parser.add_argument("--spawn-seconds", type=float, default=5, help="to start every user")
    parser.add_argument(
        "--paced-load", type=float, default=0.5, help="phase 4's share of phase 3's rate (0: skip)"
    )
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--task-workers", type=int, default=1)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", deployment.DEFAULT_DATABASE_URL),
    )
    parser.add_argument(
        "--no-profile",
        dest="profile",
        action="store_false",
        help="without py-spy sampling the web workers during the registrations",
    )
    parser.add_argument("--no-summary", action="store_true", help="do not touch summary.json")
    args = parser.parse_args(argv)

    print(f"Database {args.database_url.rpartition('/')[2]}: created anew, data loaded…")
    postgresql = deployment.recreate_database(args.database_url)
    # Enough accounts for 50 registrations a second over both registration phases.
    per_phase = int(args.users + 60 * (args.spawn_seconds + args.warmup + args.duration))
    dep = deployment.Deployment(
        args.database_url, server_workers=args.server_workers, task_workers=args.task_workers
    )
    started = time.monotonic()
    # The first account of each user is found mid-way through its registration.
    dep.load_data(
        accounts=2 * per_phase,
        accounts_file=ACCOUNTS_FILE,
        prefill=[f"0:{args.users}", f"{per_phase}:{args.users}"],
    )
    prepared = json.loads(ACCOUNTS_FILE.read_text(encoding="utf-8"))
    pages = registration_pages([tuple(screen) for screen in prepared["screens"]])
    print(f"  ready in {time.monotonic() - started:.0f} s; {2 * per_phase} candidates logged in")

    with deployment.running(dep):
        groups = {
            "server": [dep.server_pid()],
            "worker": [p.pid for n, p in dep.processes.items() if n.startswith("worker")],
            "smtp": [dep.processes["smtp"].pid],
        }
        common = {
            "users": args.users,
            "spawn_seconds": min(args.spawn_seconds, 2),
            "groups": groups,
        }
        ceilings = {}
        for name, path in (("trivial", TRIVIAL_PAGE), ("one_query", ONE_QUERY_PAGE)):
            print(f"Phase: ceiling of {path}, {args.users} users…")
            ceilings[name] = run_locust(
                dep,
                name=f"ceiling-{name}",
                user_class="PageVisitor",
                warmup=3,
                duration=args.ceiling_duration,
                env={"BENCH_PAGE": path},
                **common,
            )
            ceilings[name]["page"] = path
            ceilings[name]["rps"] = ceilings[name]["pages"][f"GET {path}"]["rps"]
            print(f"  {ceilings[name]['rps']:.0f} requests/s")

        print(f"Phase: registrations, {args.users} candidates with no pause…")
        common["spawn_seconds"] = args.spawn_seconds
        saturated = run_locust(
            dep,
            name="registrations",
            user_class="Candidate",
            warmup=args.warmup,
            duration=args.duration,
            env={
                "BENCH_THINK": "0",
                "BENCH_ACCOUNTS_FROM": "0",
                "BENCH_ACCOUNTS_TO": str(per_phase),
            },
            profile_seconds=args.duration if args.profile else 0,
            **common,
        )
        drain = dep.wait_for_tasks(timeout=180)
        tasks_saturated = dep.tasks()
        figures = registration_figures(saturated, pages)
        print(
            f"  {figures['registrations_per_second']:.1f} registrations/s, "
            f"{figures['requests_per_second']:.0f} requests/s, {figures['failures']} failures; "
            f"task queue empty {drain:.0f} s after the end"
        )

        paced: dict[str, Any] = {}
        if args.paced_load > 0 and figures["requests_per_second"] > 0:
            target_rps = args.paced_load * figures["requests_per_second"]
            think = args.users / target_rps
            print(f"Phase: paced, {args.users} candidates, {think:.2f} s between pages…")
            paced_phase = run_locust(
                dep,
                name="paced",
                user_class="Candidate",
                # Until every candidate has asked for a page or two.
                warmup=max(args.warmup, 3 * think),
                duration=args.duration,
                env={
                    "BENCH_THINK": f"{think:.3f}",
                    "BENCH_ACCOUNTS_FROM": str(per_phase),
                    "BENCH_ACCOUNTS_TO": str(2 * per_phase),
                },
                **common,
            )
            dep.wait_for_tasks(timeout=180)
            paced = registration_figures(paced_phase, pages)
            paced |= {
                "think_seconds": round(think, 3),
                "worst_page_p95_ms": max(paced["page_p95_ms"].values(), default=None),
                "offered_share_of_saturation": args.paced_load,
                "failures_by_page": paced_phase["failures"],
                "cpu": paced_phase["cpu"],
            }
            print(
                f"  {paced['requests_per_second']:.0f} requests/s, worst p95 "
                f"{max(paced['page_p95_ms'].values(), default=0):.0f} ms"
            )
        tasks = dep.tasks()
        emails = dep.emails()
        versions = dep.count("registration_registrationversion")
    return report(
        args,
        postgresql=postgresql,
        prepared=prepared,
        pages=pages,
        ceilings=ceilings,
        saturated=saturated,
        figures=figures,
        paced=paced,
        drain=drain,
        tasks_saturated=tasks_saturated,
        tasks=tasks,
        emails=emails,
        versions=versions,
    )


if __name__ == "__main__":
    sys.exit(main())
