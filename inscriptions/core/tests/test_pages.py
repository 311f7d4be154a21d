"""The page shell: the calendar, the legal pages, the footer and skip links, the error pages."""

import re
from datetime import UTC, datetime

import pytest
from django.test import RequestFactory

from inscriptions.catalog import views as catalog_views
from inscriptions.catalog.tests.factories import ExamSessionFactory
from inscriptions.core import views

pytestmark = pytest.mark.django_db

LEGAL_PAGES = {
    "/mentions-legales/": "Mentions légales",
    "/accessibilite/": "Déclaration d'accessibilité",
    "/donnees-personnelles/": "Données personnelles",
}
SHELL_PAGES = ["/", "/sessions/", *LEGAL_PAGES, "/page-inexistante/"]


def footer_links(html: str) -> set[str]:
    footer = re.search(r"<footer\b.*?</footer>", html, re.DOTALL)
    assert footer, "no <footer> on the page"
    return set(re.findall(r'href="([^"]+)"', footer.group()))


def test_calendar_lists_every_session_with_its_dates_in_paris_time(client):
    ExamSessionFactory(
        academy__name="Toulouse",
        exam_year=2026,
        registration_opens_at=datetime(2025, 10, 15, 7, 0, tzinfo=UTC),
        registration_closes_at=datetime(2025, 11, 14, 22, 59, tzinfo=UTC),
    )
    ExamSessionFactory(closed=True, academy__name="Nantes")

    response = client.get("/sessions/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Calendrier des sessions d'examen</h1>" in html
    assert "<title>Calendrier des sessions — Inscriptions au BTS</title>" in html
    row = re.search(r"<tr>\s*<th scope=\"row\">2026</th>.*?</tr>", html, re.DOTALL)
    assert row
    assert "<td>Toulouse</td>" in row.group()
    assert "<td>15 octobre 2025 09:00</td>" in row.group()
    assert "<td>14 novembre 2025 23:59</td>" in row.group()
    assert "<td>Nantes</td>" in html


def test_calendar_says_so_when_no_session_is_scheduled(client):
    response = client.get("/sessions/")

    assert "Aucune session n'est encore programmée." in response.content.decode()


@pytest.mark.parametrize(("url", "heading"), LEGAL_PAGES.items())
def test_legal_page_answers(client, url, heading):
    response = client.get(url)

    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


@pytest.mark.parametrize("url", SHELL_PAGES)
def test_every_page_links_the_legal_pages_from_its_footer(client, url):
    html = client.get(url).content.decode()

    assert set(LEGAL_PAGES) <= footer_links(html)


@pytest.mark.parametrize("url", SHELL_PAGES)
def test_every_page_starts_with_skip_links_to_targets_that_exist(client, url):
    html = client.get(url).content.decode()

    skiplinks = re.search(r'<div class="fr-skiplinks">.*?</div>', html, re.DOTALL)
    assert skiplinks
    assert html.index('class="fr-skiplinks"') < html.index("<header")
    assert '<a class="fr-link" href="#content">Contenu</a>' in skiplinks.group()
    for target in re.findall(r'href="#([^"]+)"', skiplinks.group()):
        assert f'id="{target}"' in html, f"skip link to #{target}, which is not on the page"


def test_header_marks_the_current_page(client):
    html = client.get("/sessions/").content.decode()

    assert re.search(r'href="/sessions/"\s*aria-current="page"', html)
    assert not re.search(r'href="/"\s*aria-current="page"', html)


def test_unknown_page_answers_404_with_the_dsfr_page(client, settings):
    settings.DEBUG = False

    response = client.get("/page-inexistante/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page non trouvée</h1>" in html
    assert "Erreur 404" in html
    assert '<header role="banner" class="fr-header">' in html
    assert "dsfr.min.css" in html


def test_unexpected_error_answers_500_with_the_dsfr_page(client, settings, monkeypatch):
    settings.DEBUG = False

    def broken(moment):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(catalog_views.selectors, "sessions_open_at", broken)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Erreur inattendue</h1>" in html
    assert "Erreur 500" in html
    assert "dsfr.min.css" in html
    assert set(LEGAL_PAGES) <= footer_links(html)


def test_error_page_falls_back_to_plain_html_when_its_template_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("gabarit cassé")

    monkeypatch.setattr(views.loader, "render_to_string", broken)

    response = views.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert response.content.decode() == "<h1>Erreur inattendue</h1>"
