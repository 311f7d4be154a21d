"""Shared fixtures: a real Chromium driven by Playwright, and an axe-core accessibility check.

Browser tests are marked ``@pytest.mark.browser`` and use the ``page`` fixture, which opens pages
of pytest-django's ``live_server`` (``page.goto("/")``). Without a Chromium they are skipped,
unless ``REQUIRE_BROWSER=1`` (set by CI), where they fail: a CI that silently skips its browser
tests checks nothing.
"""

import os
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an asyncio event loop in the test thread, and Django then refuses
# every ORM call made from that thread (SynchronousOnlyOperation), factories included. The loop
# only drives the browser and never touches the database, so the check is switched off.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_MISSING = (
    "Chromium introuvable : installez le paquet Debian chromium ou définissez CHROMIUM_PATH"
)
# Headless, and quiet: the machines have no network, and Chromium's background services would
# otherwise flood refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BrowserMissingError(RuntimeError):
    """Not pytest.fail: a test marked xfail(raises=pytest.fail.Exception) for a known
    accessibility violation would count a missing browser as the expected failure."""


def chromium_executable() -> str | None:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return path
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise BrowserMissingError(f"{CHROMIUM_MISSING} (REQUIRE_BROWSER=1)")
        pytest.skip(CHROMIUM_MISSING)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A fresh browser context (no cookies) on the live server, in French and Paris time.

    Every page it shows must work under the site's Content-Security-Policy: a violation the
    browser reports in its console fails the test."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris"
    )
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    if violations:
        pytest.fail("\n".join(violations))


def describe_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} violation(s) axe-core sur {url} :"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}) : {violation['help']}"
            f" — {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))} : {node['html']}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_engine() -> Axe:
    return Axe()


@pytest.fixture
def axe(axe_engine: Axe) -> Callable[[Page], None]:
    """``axe(page)`` asserts that axe-core finds no violation on the page as it is now."""

    def assert_no_violations(page: Page) -> None:
        __tracebackhide__ = True
        violations = axe_engine.run(page).response["violations"]
        if violations:
            pytest.fail(describe_violations(page.url, violations))

    return assert_no_violations


@pytest.fixture(autouse=True)
def _fresh_counters() -> Iterator[None]:
    """The limits on logins, requests and emails count in the cache, which outlives a test."""
    from django.core.cache import cache

    cache.clear()
    yield


# --- A real SMTP server (aiosmtpd) on a free local port, for the email tests.


@dataclass
class ReceivedEmail:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        if body is None:
            pytest.fail("no text/plain part in the email")
        # The lines as a reader sees them: SMTP carries them with CRLF endings.
        return str(body.get_content()).replace("\r\n", "\n")


class CollectingHandler:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.received: list[ReceivedEmail] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content or envelope.content, policy=default)
        with self.arrived:
            self.received.append(
                ReceivedEmail(
                    sender=envelope.mail_from,
                    recipients=list(envelope.rcpt_tos),
                    message=message,  # type: ignore[arg-type]
                )
            )
            self.arrived.notify_all()
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    host: str
    port: int
    handler: CollectingHandler

    @property
    def received(self) -> list[ReceivedEmail]:
        return list(self.handler.received)

    def wait_for(self, count: int = 1, timeout: float = 10) -> list[ReceivedEmail]:
        """The messages received, once there are at least ``count`` of them."""
        with self.handler.arrived:
            self.handler.arrived.wait_for(lambda: len(self.handler.received) >= count, timeout)
        received = self.received
        if len(received) < count:
            pytest.fail(f"{len(received)} email(s) received, {count} expected")
        return received


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """A real SMTP server that Django's SMTP backend sends to; ``smtp_server.wait_for()`` returns
    the messages it received."""
    host = "127.0.0.1"
    handler = CollectingHandler()
    controller = Controller(handler, hostname=host, port=free_port(host))
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = host
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield SmtpServer(host=host, port=controller.port, handler=handler)
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def fresh_catalogue_cache() -> Iterator[None]:
    """Each test starts with the catalogue read from its own database: the rows a test wrote
    were rolled back with it, and the process's copy of the catalogue (``catalog.cache``) must
    not outlive them."""
    from inscriptions.catalog import cache

    cache.clear_local()
    yield
    cache.clear_local()
