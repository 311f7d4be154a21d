"""The load test's data, written into the benchmark database: candidates already logged in.

Run by ``registration_bench.py`` with the server's settings (same database, same secret key)::

    .venv/bin/python bench/prepare.py --accounts 6000 --out var/bench/accounts.json

Creates the candidate accounts and one logged-in session for each, as the login page leaves
it: the load test sends each session's cookie instead of logging in, since a login is one
Argon2 hash, measured apart (``passwords_bench.py``). All accounts share one password hash so
that creating thousands of them costs one hash. Then it walks one more candidate through every
page of ``flow.registration_pages`` with Django's test client, checking each page answers as
expected and counting its SQL queries, and counts those of the two ceiling pages.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inscriptions.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.db import connection  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from flow import ONE_QUERY_PAGE, TRIVIAL_PAGE, dossier_from, registration_pages, version_from  # noqa: E402

from inscriptions.accounts.models import Role, User  # noqa: E402
from inscriptions.catalog.models import ExamSession, Specialty  # noqa: E402
from inscriptions.catalog.selectors import sessions_open_at  # noqa: E402
from inscriptions.registration import services  # noqa: E402
from inscriptions.registration.tests.wizard import fill, screens  # noqa: E402

TOULOUSE = "16"
MCO = "32031213"  # management commercial opérationnel, the wizard tests' specialty
BACKEND = "inscriptions.accounts.backends.EmailBackend"
SESSION_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


def create_candidates(count: int, *, prefix: str) -> list[list[Any]]:
    """``count`` candidates, each with a logged-in session."""
    password = make_password("Bench-Candidat-2027!")  # one hash shared by every account
    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix}.{number:06d}@bench.invalid",
                password=password,
                role=Role.CANDIDATE,
                first_name="Léa",
                last_name="Martin",
            )
            for number in range(count)
        ],
        batch_size=2000,
    )
    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    accounts, sessions = [], []
    for user in users:
        key = get_random_string(32, SESSION_KEY_CHARS)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: BACKEND,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
        # Session cookie, CSRF secret, dossier already started (or None), page to start at.
        accounts.append([key, csrf, None, 0, user.pk])
    Session.objects.bulk_create(sessions, batch_size=2000)
    return accounts


def start_points(screens: int) -> list[int]:
    """Where a candidate found mid-way may resume: the beginning, each screen, the recap (as
    indexes into ``flow.registration_pages``: dashboard and start come first, then each screen
    shown and answered)."""
    return [0, *(2 + 2 * number for number in range(screens)), 2 + 2 * screens]


def prefill(
    accounts: list[list[Any]],
    *,
    session: ExamSession,
    wizard: list[tuple[str, dict[str, Any]]],
    seed: int,
) -> None:
    """Candidates already at some point of their registration when the load test starts, at a
    page drawn at random (each page alike): so the load is at once what it is in the steady
    state, instead of every candidate on the same screen at the same time."""
    rng = random.Random(seed)
    pages = len(registration_pages(wizard))
    points = start_points(len(wizard))
    now = timezone.now()
    for account in accounts:
        page = rng.randrange(pages)
        start = max(point for point in points if point <= page)
        if start == 0:
            continue
        user = User.objects.get(pk=account[4])
        registration = services.registration_start(candidate=user, session=session, now=now)
        fill(registration, wizard[: (start - 2) // 2], now=now)
        account[2], account[3] = registration.pk, start


def _fill(path: str, values: dict[str, Any]) -> str:
    return path.format(**values)


@dataclass(frozen=True)
class PageCost:
    name: str
    queries: list[str]  # the SQL the page sent
    cpu_seconds: float  # this process's: test client, view, database driver


def walk(
    client: Client, session_id: int, wizard: list[tuple[str, dict[str, Any]]]
) -> list[PageCost]:
    """One registration through the test client, each page checked, then the two ceiling
    pages anonymously: what each page cost."""
    values: dict[str, Any] = {"session": session_id}
    costs = []
    for page in registration_pages(wizard):
        send = client.get if page.method == "GET" else client.post
        response, cost = _measured(page.name, send, _fill(page.path, values), page.data or None)
        if response.status_code != page.expect:
            raise SystemExit(f"{page.name}: {response.status_code}, expected {page.expect}")
        location = response.headers.get("Location", "")
        if "pk" not in values and dossier_from(location) is not None:
            values["pk"] = dossier_from(location)
        if page.name.startswith("POST …/recapitulatif/"):
            values["version"] = version_from(location)
        costs.append(cost)
    anonymous = Client()
    for path in (TRIVIAL_PAGE, ONE_QUERY_PAGE):
        response, cost = _measured(f"GET {path}", anonymous.get, path, None)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
        costs.append(cost)
    return costs


def _measured(name: str, send: Any, path: str, data: Any) -> tuple[Any, PageCost]:
    """One request, with the SQL it sent and the CPU time it took in this process."""
    with CaptureQueriesContext(connection) as captured:
        started = time.process_time()
        response = send(path, data)
        spent = time.process_time() - started
    return response, PageCost(name, [query["sql"] for query in captured], spent)


def walk_once(session_id: int, wizard: list[tuple[str, dict[str, Any]]]) -> dict[str, int]:
    """One registration by a new candidate: each page checked, its queries counted."""
    user = User.objects.create_user(
        email="candidat.verification@bench.invalid",
        password=None,
        role=Role.CANDIDATE,
    )
    client = Client()
    client.force_login(user)
    return {cost.name: len(cost.queries) for cost in walk(client, session_id, wizard)}


def toulouse_wizard() -> tuple[ExamSession, list[tuple[str, dict[str, Any]]]]:
    """The open Toulouse session of the demo data, and the answers of each screen."""
    session = sessions_open_at(timezone.now()).filter(academy__code=TOULOUSE).first()
    if session is None:
        raise SystemExit("No Toulouse session open now: run load_demo on this database first.")
    specialty = Specialty.objects.get(bcn_code=MCO)
    establishment = session.academy.establishments.order_by("code").first()
    if establishment is None:
        raise SystemExit("No establishment in Toulouse: run load_demo on this database first.")
    return session, screens(specialty_pk=specialty.pk, establishment_pk=establishment.pk)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=6000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--prefill",
        action="append",
        default=[],
        metavar="FIRST:COUNT",
        help="these accounts start mid-way through a registration (repeatable)",
    )
    args = parser.parse_args(argv)

    session, wizard = toulouse_wizard()
    queries = walk_once(session.pk, wizard)
    accounts = create_candidates(args.accounts, prefix="candidat")
    for number, bounds in enumerate(args.prefill):
        first, count = (int(part) for part in bounds.split(":"))
        prefill(accounts[first : first + count], session=session, wizard=wizard, seed=number)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "session": session.pk,
                "screens": wizard,
                "queries": queries,
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "csrf_cookie": settings.CSRF_COOKIE_NAME,
                "accounts": accounts,
            }
        ),
        encoding="utf-8",
    )
    print(f"{len(accounts)} candidates logged in; one registration walked through every page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
