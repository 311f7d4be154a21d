"""One export of the office benchmark, in a process of its own so that its peak memory is its
own: every dossier in the académie administrator's scope, as CSV (streamed to nowhere) or XLSX
(written to a temporary file). Prints one JSON line: rows, seconds, peak RSS in MB, bytes.

    .venv/bin/python bench/office_export.py --format csv
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/inscriptions_office_bench"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inscriptions.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from inscriptions.accounts.models import User  # noqa: E402
from inscriptions.review import exports  # noqa: E402
from inscriptions.review.selectors import QueueFilters  # noqa: E402


def _peak_rss_kb() -> int:
    """This process's own high-water mark (VmHWM). Not ``getrusage``: on Linux its ru_maxrss
    survives ``exec`` and would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", choices=["csv", "xlsx"], required=True)
    parser.add_argument("--email", default="admin.toulouse@example.org")
    args = parser.parse_args()
    user = User.objects.get(email=args.email)
    started = time.perf_counter()
    rows = exports.export_rows(user, QueueFilters(), now=timezone.now())
    if args.format == "csv":
        size = count = 0
        for chunk in exports.csv_chunks(rows):
            size += len(chunk)
        count = exports.export_count(user, QueueFilters(), now=timezone.now())
    else:
        with tempfile.TemporaryFile() as target:
            count = exports.write_xlsx(rows, target)
            size = target.tell()
    seconds = time.perf_counter() - started
    peak_kb = _peak_rss_kb()
    print(
        json.dumps(
            {
                "rows": count,
                "seconds": round(seconds, 1),
                "rows_per_second": round(count / seconds) if seconds else None,
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "bytes": size,
            }
        )
    )


if __name__ == "__main__":
    main()
