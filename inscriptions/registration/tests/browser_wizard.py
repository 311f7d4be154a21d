"""Driving the registration wizard in a real browser, the way a candidate does: labels, clicks
and typing, one screen after another (seed 004: « Suite », « Retour », « Abandon »).

Every screen reached through ``Wizard`` is checked by axe-core, so a test that walks the wizard
also checks the accessibility of each screen it sees, error states included.
"""

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.test import Client
from playwright.sync_api import Locator, Page, Response, expect

STEP_URL = re.compile(r"/espace-candidat/dossiers/\d+/etapes/[\w-]+/$")
RECAP_URL = re.compile(r"/espace-candidat/dossiers/\d+/recapitulatif/$")

IDENTITY = {
    "Nom de naissance": "Martin",
    "Premier prénom": "Léa",
    "Deuxième prénom": "Marie",
    "Jour de naissance": "09",
    "Mois de naissance": "03",
    "Année de naissance": "2004",
    "Département de naissance": "31",
    "Commune de naissance": "Toulouse",
    "Adresse Numéro": "3 rue Alsace-Lorraine",
    "Code postal": "31000",
    "Commune À l'étranger": "Toulouse",
    "Département de résidence": "31",
    "Téléphone": "06 12 34 56 78",
}


def log_in(page: Page, live_server: Any, user: Any) -> None:
    """The candidate's session, without the login page: Django's test client opens it and the
    browser context gets its cookie."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def field(scope: Page | Locator, label: str) -> Locator:
    """The form field whose label starts with ``label``: DSFR labels carry their hint text, so
    an exact name would have to repeat it."""
    words = r"\s+".join(re.escape(word) for word in label.split())
    return scope.get_by_label(re.compile(r"^\s*" + words))


def group(scope: Page | Locator, legend: str) -> Locator:
    return scope.get_by_role("group", name=legend)


def choose(scope: Page | Locator, legend: str, option: str) -> None:
    """Click the label of a radio button (DSFR hides the input itself behind its label)."""
    fieldset = group(scope, legend)
    fieldset.get_by_text(option, exact=True).click()
    expect(fieldset.get_by_role("radio", name=option, exact=True)).to_be_checked()


def tick(scope: Page | Locator, legend: str, option: str) -> None:
    """Click the label of a checkbox of a group."""
    fieldset = group(scope, legend)
    fieldset.get_by_text(option, exact=True).click()
    expect(fieldset.get_by_role("checkbox", name=option, exact=True)).to_be_checked()


def fill(page: Page, values: dict[str, str]) -> None:
    for label, value in values.items():
        field(page, label).fill(value)


def expect_values(page: Page, values: dict[str, str]) -> None:
    for label, value in values.items():
        expect(field(page, label)).to_have_value(value)


class Wizard:
    """The candidate's screens, with an axe-core check of each one reached."""

    def __init__(self, page: Page, axe: Callable[[Page], None]) -> None:
        self.page = page
        self.axe = axe

    def go(self, control: Locator) -> Response:
        """Click a button or link that loads another page, and wait for that page."""
        with self.page.expect_navigation() as navigation:
            control.click()
        return navigation.value

    def screen(self, title: str) -> None:
        """Now on the wizard screen titled ``title`` (the stepper's heading), without an
        accessibility violation."""
        summary = self.page.locator("#error-summary")
        # Errors that kept the candidate on the screen say more than a wrong title would.
        assert summary.count() == 0, summary.inner_text()
        expect(self.page.locator(".fr-stepper__title")).to_contain_text(title)
        expect(self.page).to_have_url(STEP_URL)
        self.axe(self.page)

    def suite(self, then: str | None = None) -> Response:
        """« Suite », then the next screen (``then``: its title) is checked."""
        response = self.go(self.page.get_by_role("button", name="Suite", exact=True))
        if then is not None:
            self.screen(then)
        return response

    def retour(self, then: str) -> None:
        self.go(self.page.get_by_role("button", name="Retour", exact=True))
        self.screen(then)

    def errors(self, response: Response) -> Locator:
        """The error summary at the top of the screen sent back, once it has the focus."""
        assert response.status == 422
        summary = self.page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        assert self.page.evaluate("document.activeElement.id") == "error-summary"
        self.axe(self.page)
        return summary

    def expect_field_error(
        self, label: str, message: str, *, within: Locator | None = None
    ) -> None:
        """The summary's link for ``message`` leads to the field (in ``within``), which shows
        the message too and says it is invalid."""
        input_ = field(within or self.page, label)
        expect(input_).to_have_attribute("aria-invalid", "true")
        link = self.page.locator("#error-summary").get_by_role("link", name=message)
        expect(link).to_have_attribute("href", "#" + (input_.get_attribute("id") or "?"))
        described_by = (input_.get_attribute("aria-describedby") or "").split()
        expect(self.page.locator(", ".join(f"#{id_}" for id_ in described_by))).to_contain_text(
            message
        )

    # --- Screens of seed 004, in their order.

    def start_new(self) -> None:
        choose(
            self.page,
            "Avez-vous déjà été candidat au BTS",
            "Non, c'est ma première inscription dans cette académie",
        )
        self.suite(then="État civil et coordonnées")

    def identity(self, values: dict[str, str] | None = None) -> None:
        fill(self.page, IDENTITY if values is None else values)
        choose(self.page, "Êtes-vous de nationalité française ?", "Oui")
        choose(self.page, "Êtes-vous né(e) à l'étranger ?", "Non")
        choose(self.page, "Résidez-vous à l'étranger ?", "Non")

    def establishment(
        self, name: str, *, former: str = "", former_name: str = "", former_city: str = ""
    ) -> None:
        """The establishment; a returning candidate's former one, listed or by name and city."""
        field(self.page, "Établissement de rattachement").select_option(label=name)
        if former:
            field(self.page, "Votre ancien établissement").select_option(label=former)
        if former_name:
            field(self.page, "Nom de l'ancien établissement, s'il n'est pas dans la liste").fill(
                former_name
            )
            field(self.page, "Ville de l'ancien établissement").fill(former_city)
        self.suite(then="Spécialité")

    def specialty(self, label: str) -> None:
        field(self.page, "Spécialité et option").select_option(label=label)
        self.suite(then="Forme de passage")

    def exam_form(self, label: str) -> None:
        choose(self.page, "Forme de passage de l'examen", label)
        self.suite(then="Publication des résultats")

    def consents(self, press: str = "Oui", local_authorities: str = "Non") -> None:
        choose(self.page, "J'accepte la publication de mes résultats", press)
        choose(self.page, "J'accepte la communication de mes résultats", local_authorities)
        self.suite(then="Acquis : bénéfices et dispenses")

    def language(self, name: str = "anglais", followed: str = "Oui") -> None:
        field(self.page, "Langue vivante obligatoire").select_option(label=name)
        choose(self.page, "Avez-vous suivi l'enseignement de cette langue ?", followed)

    def to_recap(self) -> None:
        self.suite()
        assert self.page.locator("#error-summary").count() == 0
        expect(self.page).to_have_url(RECAP_URL)
        expect(self.page.locator(".fr-stepper__title")).to_contain_text("Récapitulatif")
        self.axe(self.page)

    def validate(self, reference: str) -> None:
        """« Valider votre inscription », then the success page with the dossier's reference."""
        self.go(self.page.get_by_role("button", name="Valider votre inscription"))
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(
            f"Votre inscription est validée : dossier {reference}"
        )
        self.axe(self.page)
