"""Login throttling (django-axes, settings): 5 failures for one account, from any address, lock
the login for 15 minutes, with a French page saying when to retry."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import SESSION_KEY

from inscriptions.catalog.tests.factories import UserFactory

from .helpers import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 10, 15, 10, 0, tzinfo=PARIS)
LOCKED = "<h1>Connexion bloquée temporairement</h1>"


def log_in(client, email="camille@exemple.fr", password=STRONG_PASSWORD):
    return client.post("/compte/connexion/", {"username": email, "password": password})


@pytest.fixture
def candidate():
    return UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)


def test_fifth_failure_locks_the_login_with_a_french_page_saying_when_to_retry(
    client, candidate, time_machine
):
    time_machine.move_to(NOW, tick=False)
    for _ in range(4):
        assert log_in(client, password="Pas-le-bon-1234").status_code == 200

    response = log_in(client, password="Pas-le-bon-1234")

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "<title>Connexion bloquée temporairement — Inscriptions au BTS</title>" in html
    assert "Vous pourrez réessayer à partir de 10:15 (dans 15 minutes)." in html
    assert 'href="/compte/mot-de-passe/oublie/"' in html
    assert '<html lang="fr"' in html


def test_right_password_is_refused_during_the_lockout(client, candidate, time_machine):
    time_machine.move_to(NOW, tick=False)
    for _ in range(5):
        log_in(client, password="Pas-le-bon-1234")

    time_machine.move_to(NOW + timedelta(minutes=5), tick=False)
    response = log_in(client)

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    # Each attempt during the lockout starts the 15 minutes again.
    assert "à partir de 10:20" in html
    assert SESSION_KEY not in client.session


def test_login_works_again_after_the_cool_off(client, candidate, time_machine):
    time_machine.move_to(NOW, tick=False)
    for _ in range(5):
        log_in(client, password="Pas-le-bon-1234")

    time_machine.move_to(NOW + timedelta(minutes=16), tick=False)
    response = log_in(client)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(candidate.pk)


def test_failures_count_together_whatever_the_case_of_the_address(client, candidate):
    for email in ["camille@exemple.fr", "Camille@exemple.fr", "CAMILLE@EXEMPLE.FR"] * 2:
        response = log_in(client, email=email, password="Pas-le-bon-1234")

    assert response.status_code == 429


def test_lockout_of_one_account_leaves_the_others_free(client, candidate):
    other = UserFactory(email="dominique@exemple.fr", password=STRONG_PASSWORD)
    for _ in range(5):
        log_in(client, password="Pas-le-bon-1234")

    response = log_in(client, email="dominique@exemple.fr")

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(other.pk)


def test_lockout_hides_whether_the_address_has_an_account(client):
    for _ in range(5):
        response = log_in(client, email="inconnu@exemple.fr", password="Pas-le-bon-1234")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
