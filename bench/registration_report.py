"""The peak registration's figures and report, for ``registration_bench.py``: locust's CSV
read back page by page, the figures of a registration phase (registrations per second, their
CPU cost, the pages' percentiles), what limits them, and the details and targets recorded in
``bench/results/summary.json`` (or printed, with ``--no-summary``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any

import profiling
import summary
from flow import Page

FLOW = "registration, start to PDF"
RESUMED = "registration, resumed mid-way"
# The targets (reported against, never failed on).
TARGET_REGISTRATIONS = 50.0
TARGET_RATIO = 0.4
TARGET_P95_MS = 150.0


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


def report(
    args: argparse.Namespace,
    *,
    postgresql: str,
    prepared: dict[str, Any],
    pages: list[Page],
    ceilings: dict[str, dict[str, Any]],
    saturated: dict[str, Any],
    figures: dict[str, Any],
    paced: dict[str, Any],
    drain: float,
    tasks_saturated: dict[str, int],
    tasks: dict[str, int],
    emails: dict[str, int],
    versions: int,
) -> int:
    """The run's details and findings, printed, then recorded with their targets in the
    summary (or printed in full with ``--no-summary``)."""
    cores = os.cpu_count() or 1
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
