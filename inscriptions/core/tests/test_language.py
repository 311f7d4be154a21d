"""French first: English only when the visitor chooses it."""

import pytest

pytestmark = pytest.mark.django_db


def test_french_even_when_the_browser_prefers_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="fr"' in response.content.decode()
    assert response.headers["Content-Language"] == "fr"


def test_the_language_switcher_keeps_the_choice(client):
    switch = client.post("/i18n/setlang/", {"language": "en", "next": "/sessions/"})
    assert switch.status_code == 302
    assert switch.headers["Location"] == "/sessions/"

    response = client.get("/")

    assert '<html lang="en"' in response.content.decode()
    assert response.headers["Content-Language"] == "en"


def test_an_unknown_language_cookie_falls_back_to_french(client):
    client.cookies["django_language"] = "xx"
    assert '<html lang="fr"' in client.get("/").content.decode()
