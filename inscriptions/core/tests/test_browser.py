"""The pages in a real Chromium: axe-core finds no accessibility violation, the skip link works."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError

from inscriptions.catalog.tests.factories import ExamSessionFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "url",
    ["/sessions/", "/mentions-legales/", "/accessibilite/", "/donnees-personnelles/"],
)
def test_page_has_no_accessibility_violation(page, axe, url):
    ExamSessionFactory(academy__name="Toulouse")
    ExamSessionFactory(upcoming=True, academy__name="Lyon")

    page.goto(url)

    assert page.locator("h1").count() == 1
    axe(page)


def test_home_page_with_an_open_session_has_no_accessibility_violation(page, axe):
    ExamSessionFactory(academy__name="Toulouse")

    page.goto("/")

    card = page.locator("#content .fr-card", has_text="académie de Toulouse")
    assert card.get_by_text("Clôture dans").is_visible()
    axe(page)


def test_unknown_page_answers_404_without_accessibility_violation(page, axe):
    response = page.goto("/page-inexistante/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page non trouvée"
    axe(page)


def test_admin_login_page_has_no_accessibility_violation(page, axe):
    page.goto("/admin/login/")

    assert page.get_by_label("Adresse électronique").is_visible()
    axe(page)


def focused_element(page) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            return {text: element.textContent.trim(), href: element.getAttribute("href") || ""};
        }"""
    )


def focus_follows_content(page) -> bool:
    """Whether the focused element is inside #content or after it, in the document order."""
    return page.evaluate(
        """() => {
            const content = document.getElementById("content");
            const position = content.compareDocumentPosition(document.activeElement);
            return Boolean(position & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )


@pytest.mark.parametrize("url", ["/", "/page-inexistante/"])
def test_skip_link_to_content_is_the_first_focusable_element(page, url):
    ExamSessionFactory()
    page.goto(url)

    page.keyboard.press("Tab")

    assert focused_element(page) == {"text": "Contenu", "href": "#content"}
    assert focus_follows_content(page) is False


def test_skip_link_moves_focus_to_the_content(page):
    ExamSessionFactory()
    page.goto("/")
    page.keyboard.press("Tab")

    page.keyboard.press("Enter")

    assert page.evaluate("location.hash") == "#content"
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")
    assert focus_follows_content(page) is True


def test_skip_link_leads_to_the_first_link_of_the_content(page):
    page.goto("/page-inexistante/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.keyboard.press("Tab")

    assert focused_element(page) == {"text": "Page d'accueil", "href": "/"}


def test_the_policy_blocks_inline_code_and_the_pages_scripts_still_run(browser, live_server):
    """ASVS V14.4.3: an inline script injected into a page does not run (the browser reports the
    policy it breaks), while the site's own scripts do (the DSFR marks the page as started)."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    reported: list[str] = []
    page.on("console", lambda message: reported.append(message.text))
    page.goto("/")
    page.wait_for_function("() => document.documentElement.hasAttribute('data-fr-js')")

    # Playwright raises when the page refuses the script; what matters is that it did not run.
    with contextlib.suppress(PlaywrightError):
        page.add_script_tag(content="window.injected = true;")

    assert page.evaluate("() => window.injected === undefined")
    assert any("Content Security Policy" in text for text in reported)
    context.close()
