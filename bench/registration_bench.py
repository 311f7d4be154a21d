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
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deployment
import profiling
import summary
from flow import ONE_QUERY_PAGE, TRIVIAL_PAGE, Page, registration_pages

LOCUST_DIR = deployment.WORK / "locust"
ACCOUNTS_FILE = deployment.WORK / "accounts.json"
FLOW = "registration, start to PDF"
RESUMED = "registration, resumed mid-way"
# The targets (reported against, never failed on).
TARGET_REGISTRATIONS = 50.0
TARGET_RATIO = 0.4
TARGET_P95_MS = 150.0


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


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def read_stats(prefix: Path) -> dict[str, Any]:
    """Locust's CSV: per page, its count, failures, rate and percentiles."""
    pages: dict[str, dict[str, Any]] = {}
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pages[row["Name"] if row["Type"] != "" else "Aggregated"] = {
                "type": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(_number(row["Requests/s"]), 1),
                "mean": round(_number(row["Average Response Time"]), 1),
                "p50": _number(row["50%"]),
                "p95": _number(row["95%"]),
                "p99": _number(row["99%"]),
                "max": round(_number(row["Max Response Time"]), 1),
            }
    failures: list[dict[str, Any]] = []
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        with failures_file.open(encoding="utf-8") as handle:
            failures = [
                {"page": row["Name"], "error": row["Error"], "count": int(row["Occurrences"])}
                for row in csv.DictReader(handle)
            ]
    # Locust's rate of a row ends at that row's last request: every rate is taken over the
    # whole measured window instead (the aggregate's, which ends with the run).
    total = pages.pop("Aggregated", {"requests": 0, "rps": 0})
    window = total["requests"] / total["rps"] if total["rps"] else 0.0
    for row in pages.values():
        row["rps"] = round(row["requests"] / window, 2) if window else 0.0
    return {
        "pages": pages,
        "window_seconds": round(window, 1),
        "failures": sorted(failures, key=lambda f: -f["count"])[:20],
    }


def registration_figures(phase: dict[str, Any], flow_pages: list[Page]) -> dict[str, Any]:
    # In the order a candidate meets them.
    pages = {
        page.name: phase["pages"][page.name] for page in flow_pages if page.name in phase["pages"]
    }
    wizard_names = {page.name for page in flow_pages if page.wizard}
    flow = phase["pages"].get(FLOW, {"requests": 0, "p50": None, "p95": None})
    resumed = phase["pages"].get(RESUMED, {"requests": 0})
    # Complete registrations: validated and their PDF downloaded, whether the candidate began
    # in the window or was found mid-way at its start.
    registrations = flow["requests"] + resumed["requests"]
    window = phase["window_seconds"]
    requests = sum(row["requests"] for row in pages.values())
    cpu = phase["cpu"]["cpu_seconds"]
    service_cpu = sum(cpu.get(name, 0.0) for name in ("server", "worker", "postgresql", "smtp"))
    return {
        "window_seconds": window,
        "registrations": registrations,
        "registrations_per_second": round(registrations / window, 2) if window else 0.0,
        "registrations_from_the_start": flow["requests"],
        "registration_seconds_p50": round((flow["p50"] or 0) / 1000, 1),
        "registration_seconds_p95": round((flow["p95"] or 0) / 1000, 1),
        "requests": requests,
        "failures": sum(row["failures"] for row in pages.values()),
        "requests_per_second": round(sum(row["rps"] for row in pages.values()), 1),
        "wizard_requests_per_second": round(
            sum(row["rps"] for name, row in pages.items() if name in wizard_names), 1
        ),
        "page_p95_ms": {name: row["p95"] for name, row in pages.items()},
        # What one registration costs the service, all processes together: the ceiling of
        # registrations per second on this machine's cores follows from it. Counted per page
        # served (a registration is that many pages), so that the few registrations a short
        # window completes or not do not sway it.
        "cpu_ms_per_registration": (
            round(service_cpu * 1000 * len(flow_pages) / requests, 1) if requests else None
        ),
        "registrations_per_second_ceiling_by_cpu": (
            round((os.cpu_count() or 1) * requests / (service_cpu * len(flow_pages)), 2)
            if service_cpu
            else None
        ),
        "server_cpu_ms_per_request": (
            round(cpu.get("server", 0.0) * 1000 / requests, 2) if requests else None
        ),
        "web_and_database_cpu_ms_per_request": web_and_database_cost(phase["cpu"], requests),
    }


def web_and_database_cost(cpu: dict[str, Any], requests: int) -> float | None:
    """CPU milliseconds of the web workers and PostgreSQL per request: what a page costs,
    whatever else runs on the machine."""
    seconds = cpu["cpu_seconds"].get("server", 0.0) + cpu["cpu_seconds"].get("postgresql", 0.0)
    return round(seconds * 1000 / requests, 2) if requests else None


def ratio_by_cpu(figures: dict[str, Any], ceiling: dict[str, Any]) -> float | None:
    page = ceiling["pages"][f"GET {ceiling['page']}"]
    trivial = web_and_database_cost(ceiling["cpu"], page["requests"])
    wizard = figures["web_and_database_cpu_ms_per_request"]
    return round(trivial / wizard, 4) if trivial and wizard else None


def findings(saturated: dict[str, Any], figures: dict[str, Any], cores: int) -> list[str]:
    """What limits the figures, read from the measurements themselves."""
    found = []
    share = saturated["cpu"]["share_of_cores"]
    cost = figures["cpu_ms_per_registration"]
    if cost:
        found.append(
            f"One registration ({figures['pages_per_registration']} pages, its PDF and its "
            f"email) costs {cost:.0f} ms of CPU across the web workers, the task worker and "
            f"PostgreSQL: {cores} cores can do at most {cores * 1000 / cost:.1f} registrations/s "
            f"however the work is spread; {TARGET_REGISTRATIONS:.0f}/s would need "
            f"{TARGET_REGISTRATIONS * cost / 1000:.1f} cores."
        )
    found.append(
        "During saturation the cores were busy at "
        f"{saturated['cpu']['machine_busy']:.0%}: web workers {share.get('server', 0):.0%}, "
        f"PostgreSQL {share.get('postgresql', 0):.0%}, task worker {share.get('worker', 0):.0%}, "
        f"locust {share.get('locust', 0):.0%}, other processes on the machine "
        f"{share.get('other processes', 0):.0%}."
    )
    found.append(
        f"At {saturated['users']} candidates with no pause, a page waits its turn behind the "
        f"others: the p95 is mostly queueing ({saturated['users']} users / "
        f"{figures['requests_per_second']:.0f} requests/s ≈ "
        f"{saturated['users'] / max(figures['requests_per_second'], 1) * 1000:.0f} ms a round)."
    )
    return found


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

    cores = os.cpu_count() or 1
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

    failed_tasks = tasks.get("FAILED", 0)
    errors = figures["failures"] + tasks_saturated.get("FAILED", 0)
    figures["pages_per_registration"] = len(pages)
    trivial, one_query = ceilings["trivial"]["rps"], ceilings["one_query"]["rps"]
    ratio = figures["requests_per_second"] / trivial if trivial else None
    worst_p95 = max(figures["page_p95_ms"].values(), default=None)
    details = {
        "users": args.users,
        "duration_seconds": args.duration,
        "warmup_seconds": args.warmup,
        "deployment": {
            "server": f"gunicorn {version('gunicorn')}, {args.server_workers} sync workers",
            "task_worker": f"manage.py db_worker (django-tasks-db), {args.task_workers} process",
            "database": f"{postgresql}, database {args.database_url.rpartition('/')[2]}",
            "settings": "DJANGO_ENV=production, generated secret key, DEBUG off, "
            "X-Forwarded-Proto: https from the load test",
            "email": "SMTP to a local sink (bench/smtp_sink.py)",
            "load_generator": f"locust {version('locust')} (FastHttpUser), one process",
            "login": "session cookie created for each pre-created candidate (prepare.py); "
            "a login is one Argon2 hash, see password_hashes_per_second",
        },
        "ceilings": {
            name: {
                "page": phase["page"],
                "requests_per_second": phase["rps"],
                "p95_ms": phase["pages"][f"GET {phase['page']}"]["p95"],
                "failures": phase["pages"][f"GET {phase['page']}"]["failures"],
                "web_and_database_cpu_ms_per_request": web_and_database_cost(
                    phase["cpu"], phase["pages"][f"GET {phase['page']}"]["requests"]
                ),
                "cpu": phase["cpu"],
            }
            for name, phase in ceilings.items()
        },
        **{key: value for key, value in figures.items() if key != "page_p95_ms"},
        # The same comparison by CPU cost per request: unlike throughputs, it does not move
        # when other work on the machine takes cores away from one phase more than another.
        "wizard_vs_ceiling_ratio_by_cpu": ratio_by_cpu(figures, ceilings["trivial"]),
        "wizard_vs_one_query_ratio": round(figures["requests_per_second"] / one_query, 4)
        if one_query
        else None,
        "pages": {
            page.name: saturated["pages"][page.name]
            for page in pages
            if page.name in saturated["pages"]
        },
        "queries_per_page": prepared["queries"],
        "failures_by_page": saturated["failures"],
        "cpu": saturated["cpu"],
        "task_queue_empty_after_seconds": round(drain, 1),
        "tasks": tasks,
        "emails_received": emails,
        "versions_validated": versions,
        "paced": paced,
        "profile": saturated.get("profile"),
    }
    details["findings"] = findings(saturated, figures, cores)
    trivial_cost = details["ceilings"]["trivial"]["web_and_database_cpu_ms_per_request"]
    if trivial_cost and figures["web_and_database_cpu_ms_per_request"]:
        details["findings"].append(
            f"A page of the registration costs {figures['web_and_database_cpu_ms_per_request']:.1f}"
            f" ms of CPU (web worker and PostgreSQL) on average, the trivial page "
            f"{trivial_cost:.1f} ms: by cost, the ratio is "
            f"{details['wizard_vs_ceiling_ratio_by_cpu']:.2f}."
        )
    details["findings"] += profiling.findings(details.get("profile"))
    if failed_tasks:
        details["findings"].append(f"{failed_tasks} confirmation tasks failed: see the worker log.")
    print("\n".join(f"- {line}" for line in details["findings"]))
    if args.no_summary:
        print(json.dumps(details, indent=2, ensure_ascii=False))
        return 0
    summary.record(
        "registration",
        figures={
            "registrations_per_second": figures["registrations_per_second"],
            "registration_errors": errors,
            "page_p95_ms": figures["page_p95_ms"],
            "wizard_vs_ceiling_ratio": round(ratio, 4) if ratio is not None else None,
        },
        details=details,
        targets=[
            summary.Target(
                "registrations_per_second",
                f"complete registrations per second at {args.users} candidates",
                ">=",
                TARGET_REGISTRATIONS,
                figures["registrations_per_second"],
            ),
            summary.Target("registration_errors", "registration errors", "==", 0, errors),
            summary.Target(
                "wizard_vs_ceiling_ratio",
                "registration pages' throughput / trivial page's ceiling",
                ">=",
                TARGET_RATIO,
                round(ratio, 4) if ratio is not None else None,
            ),
            summary.Target(
                "page_p95_ms",
                f"p95 of the slowest page at {args.users} candidates (ms)",
                "<",
                TARGET_P95_MS,
                worst_p95,
            ),
            # The same candidates as people are, pausing between pages: what they wait for a
            # page when the server is not saturated (half its saturation throughput).
            *(
                [
                    summary.Target(
                        "benchmarks.registration.paced.worst_page_p95_ms",
                        f"p95 of the slowest page at {args.users} candidates pausing "
                        f"{paced['think_seconds']:.1f} s between pages (ms)",
                        "<",
                        TARGET_P95_MS,
                        paced["worst_page_p95_ms"],
                    )
                ]
                if paced
                else []
            ),
        ],
        machine={"postgresql": postgresql},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
