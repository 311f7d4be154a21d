"""The benchmarks' shared results: ``bench/results/summary.json`` and ``summary.md``.

Each benchmark merges its own figures with ``record()``: its headline keys at the top level of
``summary.json``, its targets (replaced by key), its details under ``benchmarks[<name>]``, and
what it knows of the machine. Nothing another benchmark wrote is lost, so they can run alone or
one after the other, in any order. ``summary.md`` is drawn again from the whole JSON each time.

Run alone, it prints the current summary (and writes ``summary.md`` again)::

    .venv/bin/python bench/summary.py
"""

from __future__ import annotations

import json
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
SUMMARY_JSON = RESULTS / "summary.json"
SUMMARY_MD = RESULTS / "summary.md"

# Every headline key the suite promises, with what fills it. A key no benchmark has written
# yet stays null with its note, so readers of the JSON can rely on the key being there.
HEADLINE: dict[str, str] = {
    "registrations_per_second": "bench/registration_bench.py",
    "registration_errors": "bench/registration_bench.py",
    "page_p95_ms": "bench/registration_bench.py",
    "wizard_vs_ceiling_ratio": "bench/registration_bench.py",
    "password_hashes_per_second": "bench/passwords_bench.py",
    "pdf_per_second_per_core": "bench/pdf_bench.py",
    "pdf_vs_bare_reportlab_ratio": "bench/pdf_bench.py",
    "office_query_p95_ms_at_1m": "the office benchmark (exam office at a million dossiers)",
    "export_peak_rss_mb": "the office benchmark (exam office at a million dossiers)",
}


@dataclass(frozen=True)
class Target:
    """A figure the issue asks for; reported against, never failed on."""

    key: str  # the figure, a top-level key of summary.json or a dotted path into it
    label: str
    op: str  # ">=", "<=", "<", ">", "=="
    value: float
    measured: float | None

    @property
    def met(self) -> bool | None:
        if self.measured is None:
            return None
        a, b = self.measured, self.value
        return {
            ">=": a >= b,
            "<=": a <= b,
            "<": a < b,
            ">": a > b,
            "==": a == b,
        }[self.op]


def machine_info() -> dict[str, Any]:
    """What the figures depend on: cores, CPU, memory, OS, Python (PostgreSQL is added by the
    benchmarks that use it)."""
    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": platform.processor() or platform.machine(),
        "ram_gb": None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    os_release = Path("/etc/os-release")
    if os_release.exists():
        for line in os_release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                name = line.split("=", 1)[1].strip('"')
                info["os"] = f"{name} (Linux {platform.release()})"
                break
    return info


def load() -> dict[str, Any]:
    if SUMMARY_JSON.exists():
        data: dict[str, Any] = json.loads(SUMMARY_JSON.read_text(encoding="utf-8"))
        return data
    return {}


def _with_placeholders(data: dict[str, Any]) -> dict[str, Any]:
    notes = data.setdefault("notes", {})
    for key, source in HEADLINE.items():
        if data.get(key) is None:
            data[key] = None
            notes[key] = f"not measured yet: filled by {source}"
        else:
            notes.pop(key, None)
    return data


def record(
    name: str,
    *,
    figures: dict[str, Any],
    details: dict[str, Any],
    targets: Sequence[Target] = (),
    machine: dict[str, Any] | None = None,
    notes: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Merge one benchmark's results into summary.json, then write summary.md again."""
    data = load()
    data["machine"] = {**data.get("machine", {}), **machine_info(), **(machine or {})}
    data.update(figures)
    data.setdefault("notes", {}).update(notes or {})
    by_key = {target["key"]: target for target in data.get("targets", [])}
    for target in targets:
        by_key[target.key] = {**asdict(target), "met": target.met, "benchmark": name}
    data["targets"] = list(by_key.values())
    details = {
        **details,
        "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
        # The machine is shared: how busy it was says how far to trust the figures.
        "load_average_1_5_15_min": [round(load, 2) for load in os.getloadavg()],
    }
    data.setdefault("benchmarks", {})[name] = details
    data["command"] = "make bench"
    data = _with_placeholders(data)
    ordered = {key: data[key] for key in ("machine", "command") if key in data}
    ordered |= {key: data[key] for key in HEADLINE}
    ordered |= {key: value for key, value in data.items() if key not in ordered}
    RESULTS.mkdir(parents=True, exist_ok=True)
    SUMMARY_JSON.write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n", "utf-8")
    SUMMARY_MD.write_text(markdown(ordered), encoding="utf-8")
    return ordered


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def markdown(data: dict[str, Any]) -> str:
    """The short human summary: machine, targets, headline figures, pages."""
    machine = data.get("machine", {})
    lines = [
        "# Benchmark summary",
        "",
        f"Command: `{data.get('command', 'make bench')}`. Machine: {machine.get('cores')} cores "
        f"({machine.get('cpu_model')}), {machine.get('ram_gb')} GB RAM, {machine.get('os')}, "
        f"Python {machine.get('python')}"
        + (f", {machine['postgresql']}" if machine.get("postgresql") else "")
        + ".",
        "",
        *_conditions(data),
        "## Targets (reported, never failed on)",
        "",
        "| figure | target | measured | met |",
        "|---|---|---|---|",
    ]
    for target in data.get("targets", []):
        met = {True: "yes", False: "**no**", None: "—"}[target.get("met")]
        lines.append(
            f"| {target['label']} | {target['op']} {_number(target['value'])} "
            f"| {_number(target['measured'])} | {met} |"
        )
    lines += ["", "## Figures", "", "| key | value |", "|---|---|"]
    notes = data.get("notes", {})
    for key in HEADLINE:
        value = data.get(key)
        if isinstance(value, dict):
            continue
        shown = _number(value) if value is not None else f"— ({notes.get(key, '')})"
        lines.append(f"| `{key}` | {shown} |")
    pages = data.get("page_p95_ms")
    registration = data.get("benchmarks", {}).get("registration", {})
    if isinstance(pages, dict) and pages:
        per_page = registration.get("pages", {})
        lines += [
            "",
            f"## Pages at {registration.get('users', '?')} concurrent candidates (ms)",
            "",
            "| page | requests | req/s | p50 | p95 | p99 | failures | p95 paced |",
            "|---|---|---|---|---|---|---|---|",
        ]
        paced = registration.get("paced", {}).get("page_p95_ms", {})
        for page, p95 in pages.items():
            row = per_page.get(page, {})
            lines.append(
                f"| {page} | {_number(row.get('requests'))} | {_number(row.get('rps'))} "
                f"| {_number(row.get('p50'))} | {_number(p95)} | {_number(row.get('p99'))} "
                f"| {_number(row.get('failures'))} | {_number(paced.get(page))} |"
            )
    lines += _registration_lines(registration)
    for name, details in data.get("benchmarks", {}).items():
        findings = details.get("findings")
        if findings:
            lines += ["", f"## {name}: what is slow and why", ""]
            lines += [f"- {finding}" for finding in findings]
    return "\n".join(lines) + "\n"


def _conditions(data: dict[str, Any]) -> list[str]:
    """How busy the shared machine was while each benchmark ran."""
    benchmarks = data.get("benchmarks", {})
    loads = ", ".join(
        f"{name} {details['load_average_1_5_15_min'][0]:g}"
        for name, details in benchmarks.items()
        if details.get("load_average_1_5_15_min")
    )
    lines = [f"Load average (1 min) at the end of each benchmark: {loads}."] if loads else []
    others = (
        benchmarks.get("registration", {})
        .get("cpu", {})
        .get("share_of_cores", {})
        .get("other processes")
    )
    if others is not None:
        lines.append(
            f"Other work on the machine took {others:.0%} of its cores during the registrations: "
            "throughputs and latencies are those of the cores left. Figures by CPU time move "
            "less, though a busy machine makes each request cost more too (shared caches)."
        )
    return [*lines, ""] if lines else []


def _registration_lines(registration: dict[str, Any]) -> list[str]:
    """The ceilings the pages are compared with, and who used the cores."""
    if not registration.get("ceilings"):
        return []
    lines = [
        "",
        f"## Same server, {registration.get('users')} users",
        "",
        "| phase | requests/s | p95 ms | busy cores: web / PostgreSQL / worker / locust / others |",
        "|---|---|---|---|",
    ]

    def cores(cpu: dict[str, Any]) -> str:
        share = cpu.get("share_of_cores", {})
        names = ("server", "postgresql", "worker", "locust", "other processes")
        return " / ".join(f"{share.get(name, 0):.0%}" for name in names)

    for name, ceiling in registration["ceilings"].items():
        lines.append(
            f"| ceiling, {name.replace('_', '-')} page `{ceiling['page']}` "
            f"| {_number(ceiling['requests_per_second'])} | {_number(ceiling['p95_ms'])} "
            f"| {cores(ceiling['cpu'])} |"
        )
    pages = registration.get("pages", {})
    worst = max((row.get("p95", 0) for row in pages.values()), default=None)
    lines.append(
        f"| registrations, no pause ({_number(registration.get('registrations_per_second'))} "
        f"registrations/s) | {_number(registration.get('requests_per_second'))} "
        f"| {_number(worst)} (worst page) | {cores(registration.get('cpu', {}))} |"
    )
    paced = registration.get("paced") or {}
    if paced:
        worst_paced = max(paced.get("page_p95_ms", {}).values(), default=None)
        lines.append(
            f"| registrations, paced ({_number(paced.get('think_seconds'))} s between pages) "
            f"| {_number(paced.get('requests_per_second'))} | {_number(worst_paced)} (worst page) "
            f"| {cores(paced.get('cpu', {}))} |"
        )
    return lines


def main() -> int:
    data = _with_placeholders(load())
    if not data.get("machine"):
        print("No results yet: run `make bench`.")
        return 1
    text = markdown(data)
    SUMMARY_MD.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
