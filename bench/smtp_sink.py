"""A local SMTP server that accepts every message and keeps only a count, for the load test::

    .venv/bin/python bench/smtp_sink.py --port 8025 --count-file var/bench/emails.json

The confirmations go out through real SMTP, as in production, and are counted here: the count
file is rewritten after each message (messages, bytes, PDF attachments seen).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class Counter:
    def __init__(self, count_file: Path) -> None:
        self.count_file = count_file
        self.lock = threading.Lock()
        self.figures = {"messages": 0, "bytes": 0, "with_pdf": 0}
        self._write()

    def _write(self) -> None:
        temporary = self.count_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.figures), encoding="utf-8")
        temporary.replace(self.count_file)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.content or b""
        with self.lock:
            self.figures["messages"] += 1
            self.figures["bytes"] += len(content)
            self.figures["with_pdf"] += b"application/pdf" in content
            self._write()
        return "250 OK"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--count-file", type=Path, required=True)
    args = parser.parse_args(argv)
    args.count_file.parent.mkdir(parents=True, exist_ok=True)
    controller = Controller(Counter(args.count_file), hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
