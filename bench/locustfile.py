"""The load test's users, run headless by ``registration_bench.py`` in a process of its own::

    locust -f bench/locustfile.py --headless Candidate ...   # registrations
    locust -f bench/locustfile.py --headless PageVisitor ... # a page's ceiling

Configured through the environment (the orchestrator sets it):
``BENCH_ACCOUNTS`` the file ``prepare.py`` wrote; ``BENCH_ACCOUNTS_FROM``/``BENCH_ACCOUNTS_TO``
the slice of its accounts this run may use (each registers once); ``BENCH_THINK`` the mean
pause between two pages of a candidate, in seconds (0: as fast as the server answers);
``BENCH_WARMUP`` seconds after the last user started before the figures are reset, so they
count a steady state only; ``BENCH_PAGE`` the ceiling page.

Every request says it came through HTTPS (``X-Forwarded-Proto``, as the TLS-terminating proxy
of a production deployment does), so the production settings (secure cookies, HSTS, the HTTPS
redirect, the CSRF origin check) stay as they are. Cookies are sent by hand: a candidate's
logged-in session and CSRF secret, created by ``prepare.py``.
"""

from __future__ import annotations

import json
import os
import random
import time
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

import gevent
from flow import Page, dossier_from, registration_pages, version_from
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

FLOW_TYPE = "FLOW"
FLOW_NAME = "registration, start to PDF"
RESUMED_NAME = "registration, resumed mid-way"
FORWARDED = {"X-Forwarded-Proto": "https"}


@cache
def setup() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(open(os.environ["BENCH_ACCOUNTS"], encoding="utf-8").read())  # noqa: PTH123, SIM115
    first = int(os.environ.get("BENCH_ACCOUNTS_FROM", "0"))
    last = int(os.environ.get("BENCH_ACCOUNTS_TO", str(len(data["accounts"]))))
    data["pool"] = iter(data["accounts"][first:last])
    data["pages"] = registration_pages([tuple(screen) for screen in data["screens"]])
    return data


@events.init.add_listener
def _reset_after_warmup(environment: Any, **_kwargs: Any) -> None:
    warmup = float(os.environ.get("BENCH_WARMUP", "0"))

    def measure() -> None:
        environment.runner.stats.reset_all()
        mark = os.environ.get("BENCH_MARK")
        if mark:  # tells the orchestrator that the measured window starts now
            with open(mark, "w", encoding="utf-8") as handle:  # noqa: PTH123
                handle.write(f"{time.time()}\n")

    def reset(**_ignored: Any) -> None:
        gevent.spawn_later(warmup, measure)

    environment.events.spawning_complete.add_listener(reset)


class Candidate(FastHttpUser):
    """A logged-in candidate registering from the dashboard to the confirmation PDF, then the
    next candidate (an account registers once: one dossier per session)."""

    wait_time = constant(0)
    think = float(os.environ.get("BENCH_THINK", "0"))

    def on_start(self) -> None:
        origin = urlsplit(self.host)
        self.origin = f"https://{origin.netloc}"
        if self.think > 0:
            # Candidates who pause between pages do not all ask at the moment they start.
            gevent.sleep(random.uniform(0, 2 * self.think))

    def _pause(self) -> None:
        if self.think > 0:
            gevent.sleep(random.uniform(0.5, 1.5) * self.think)

    @task
    def register(self) -> None:
        data = setup()
        try:
            session_key, csrf, dossier, start, _user = next(data["pool"])
        except StopIteration:
            raise StopUser() from None
        cookies = f"{data['session_cookie']}={session_key}; {data['csrf_cookie']}={csrf}"
        values: dict[str, Any] = {"session": data["session"]}
        if dossier is not None:  # found mid-way through a registration (prepare.py)
            values["pk"] = dossier
        started = time.perf_counter()
        for page in data["pages"][start:]:
            if not self._send(page, values, cookies, csrf):
                return  # the failure is counted on its page; the next candidate starts over
            self._pause()
        events.request.fire(
            request_type=FLOW_TYPE,
            name=FLOW_NAME if start == 0 else RESUMED_NAME,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=None,
            context={},
        )

    def _send(self, page: Page, values: dict[str, Any], cookies: str, csrf: str) -> bool:
        path = page.path.format(**values)
        headers = {**FORWARDED, "Cookie": cookies}
        body = None
        if page.method == "POST":
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": f"{self.origin}{path}",
            }
            body = urlencode({**page.data, "csrfmiddlewaretoken": csrf}).encode()
        with self.client.request(
            page.method,
            path,
            data=body,
            headers=headers,
            name=page.name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != page.expect:
                response.failure(f"{response.status_code} (expected {page.expect}) {location}")
                return False
            if page.expect == 302 and "/compte/" in location:
                response.failure(f"redirected to {location}")
                return False
            if page.name.endswith("confirmation.pdf") and not response.content.startswith(b"%PDF"):
                response.failure("not a PDF")
                return False
            if "pk" not in values and page.method == "POST":
                values["pk"] = dossier_from(location)
                if values["pk"] is None:
                    response.failure(f"no dossier in {location}")
                    return False
            if "validation" in page.name:
                values["version"] = version_from(location)
                if values["version"] is None:
                    response.failure(f"no version in {location}")
                    return False
        return True


class PageVisitor(FastHttpUser):
    """A visitor asking for one page again and again, as fast as the server answers."""

    wait_time = constant(0)
    page = os.environ.get("BENCH_PAGE", "/mentions-legales/")

    @task
    def visit(self) -> None:
        with self.client.get(
            self.page,
            headers=FORWARDED,
            name=f"GET {self.page}",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
