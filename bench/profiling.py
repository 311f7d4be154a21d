"""Where the web workers spend their time under load: py-spy sampling, summed by function.

``registration_bench.py`` samples gunicorn and its workers with py-spy while the
registrations run, keeps the raw stacks in ``bench/results/profile-registration.txt`` (the
collapsed format that flame graph tools read) and summarises them: the share of samples in
which each function of the project, and each area (templates, ORM, database driver, PDF…), was
on the stack. Idle samples (a worker waiting for a connection) are left out.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import deployment

OUTPUT = Path(__file__).resolve().parent / "results" / "profile-registration.txt"
# An area is named after the first of these path fragments found in a frame of the stack.
AREAS = {
    "templates (django.template)": "django/template/",
    "forms (django.forms)": "django/forms/",
    "ORM (django.db.models)": "django/db/models/",
    "database driver (psycopg)": "psycopg/",
    "sessions": "django/contrib/sessions/",
    "PDF (reportlab)": "reportlab/",
    "rules engine (inscriptions.rules)": "inscriptions/rules/",
    "translations (gettext)": "gettext.py",
    "URL reversing": "django/urls/",
}
IDLE = ("wait (gunicorn/", "select (", "sleep (gunicorn/", "accept (")


@dataclass
class Profile:
    process: subprocess.Popen[bytes]
    output: Path


def start(pid: int, *, seconds: float) -> Profile:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    log = (deployment.LOGS / "py-spy.log").open("wb")
    process = subprocess.Popen(
        [
            str(deployment.BIN / "py-spy"),
            "record",
            "--pid",
            str(pid),
            "--subprocesses",
            "--format",
            "raw",
            "--rate",
            "50",
            # Read the workers' stacks without stopping them: the figures stay as they are.
            "--nonblocking",
            "--duration",
            str(int(seconds)),
            "--output",
            str(OUTPUT),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return Profile(process, OUTPUT)


def finish(profile: Profile, top: int = 25) -> dict[str, Any]:
    profile.process.wait(timeout=120)
    if not profile.output.exists():
        return {"error": f"py-spy wrote nothing: see {deployment.LOGS / 'py-spy.log'}"}
    return summarise(profile.output.read_text(encoding="utf-8"), top=top)


def summarise(raw: str, *, top: int = 25) -> dict[str, Any]:
    inclusive: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = stack.split(";")
        if any(frame.startswith(IDLE) for frame in frames[-2:]):
            continue
        count = int(count_text)
        total += count
        for name in {frame for frame in frames if "inscriptions/" in frame}:
            inclusive[_short(name)] += count
        for area, fragment in AREAS.items():
            if any(fragment in frame for frame in frames):
                areas[area] += count
    if not total:
        return {"busy_samples": 0}
    return {
        "busy_samples": total,
        "raw_stacks": str(OUTPUT.relative_to(deployment.ROOT)),
        "areas_share": {area: round(count / total, 3) for area, count in areas.most_common()},
        "project_functions_share": {
            name: round(count / total, 3) for name, count in inclusive.most_common(top)
        },
    }


def _short(frame: str) -> str:
    """A frame as ``registration/views.py:step_view``."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rpartition(":")[0]
    return f"{path.split('inscriptions/', 1)[-1]}:{name}"


def findings(profile: dict[str, Any] | None, top: int = 6) -> list[str]:
    """The profile in two sentences: where the busy samples were."""
    if not profile or not profile.get("busy_samples"):
        return []
    areas = ", ".join(
        f"{area} {share:.0%}" for area, share in list(profile["areas_share"].items())[:top]
    )
    functions = ", ".join(
        f"{name} {share:.0%}"
        for name, share in list(profile["project_functions_share"].items())
        if not name.endswith(("__call__", "wrapped"))
    )
    return [
        f"py-spy, web workers, {profile['busy_samples']} busy samples; share of samples with "
        f"each on the stack (they overlap): {areas}.",
        f"Project functions on the stack: {', '.join(functions.split(', ')[:8])}.",
    ]
