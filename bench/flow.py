"""The pages one candidate's registration goes through, in order, as the load test sends them.

Plain Python, shared by ``prepare.py`` (which walks them once through Django's test client to
check them and count their queries) and ``locustfile.py`` (which sends them under load).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The trivial page (a static page in the site's shell, no query) and the one-query page (the
# session calendar) whose ceilings the wizard is compared with.
TRIVIAL_PAGE = "/mentions-legales/"
ONE_QUERY_PAGE = "/sessions/"


@dataclass(frozen=True)
class Page:
    name: str  # as reported: method and path, the dossier's number left out
    method: str
    path: str  # with {session}, {pk} and {version} to fill in
    expect: int  # the status a working page answers
    data: dict[str, Any] = field(default_factory=dict)
    wizard: bool = True  # a screen of the wizard (steps and recap), not the pages around it


def registration_pages(screens: list[tuple[str, dict[str, Any]]]) -> list[Page]:
    """Dashboard, start, each screen shown then answered, recap shown then validated, the
    confirmation page, the PDF: a registration from start to finish."""
    dossier = "/espace-candidat/dossiers/{pk}"
    pages = [
        Page("GET /espace-candidat/", "GET", "/espace-candidat/", 200, wizard=False),
        Page(
            "POST /sessions/…/inscription/",
            "POST",
            "/espace-candidat/sessions/{session}/inscription/",
            302,
            wizard=False,
        ),
    ]
    for name, answers in screens:
        path = f"{dossier}/etapes/{name}/"
        pages.append(Page(f"GET …/etapes/{name}/", "GET", path, 200))
        pages.append(
            Page(f"POST …/etapes/{name}/", "POST", path, 302, {**answers, "action": "next"})
        )
    pages += [
        Page("GET …/recapitulatif/", "GET", f"{dossier}/recapitulatif/", 200),
        Page("POST …/recapitulatif/ (validation)", "POST", f"{dossier}/recapitulatif/", 302),
        Page(
            "GET …/versions/…/ (done)", "GET", f"{dossier}/versions/{{version}}/", 200, wizard=False
        ),
        Page(
            "GET …/confirmation.pdf",
            "GET",
            f"{dossier}/versions/{{version}}/confirmation.pdf",
            200,
            wizard=False,
        ),
    ]
    return pages


def dossier_from(location: str) -> int | None:
    """The dossier's number in the address the start page redirects to."""
    parts = location.split("/dossiers/", 1)
    if len(parts) != 2:
        return None
    number = parts[1].split("/", 1)[0]
    return int(number) if number.isdigit() else None


def version_from(location: str) -> int | None:
    """The version number in the address the validation redirects to."""
    parts = location.split("/versions/", 1)
    if len(parts) != 2:
        return None
    number = parts[1].split("/", 1)[0]
    return int(number) if number.isdigit() else None
