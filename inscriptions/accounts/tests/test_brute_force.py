"""Brute force and automation (OWASP ASVS 2.2.1, 11.1.4): failed logins counted per account
whatever the address and per address whatever the account; sign-ups, password resets and
activation links limited per address; the emails one account receives limited per hour."""

import pytest
from django.contrib.auth import SESSION_KEY

from inscriptions.catalog.tests.factories import UserFactory

from .helpers import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/compte/connexion/"
WRONG = "Pas-le-bon-1234"


def log_in(client, email, password=WRONG, ip="192.0.2.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_failures_from_many_addresses_lock_the_account(client):
    UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)
    for number in range(5):
        log_in(client, "camille@exemple.fr", ip=f"192.0.2.{number + 10}")

    response = log_in(client, "camille@exemple.fr", STRONG_PASSWORD, ip="198.51.100.4")

    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_one_password_tried_on_many_accounts_from_one_address_is_stopped(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 30
    victim = UserFactory(email="victime@exemple.fr", password=STRONG_PASSWORD)
    for number in range(30):
        assert log_in(client, f"compte{number}@exemple.fr").status_code == 200

    refused = log_in(client, victim.email, STRONG_PASSWORD)
    elsewhere = log_in(client, victim.email, STRONG_PASSWORD, ip="198.51.100.4")

    assert refused.status_code == 429
    assert "Trop de demandes depuis votre connexion" in refused.content.decode()
    # The account itself is not locked: from another address, its owner signs in.
    assert elsewhere.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_address_limit(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 5
    for number in range(5):
        client.post(
            LOGIN,
            {"username": f"compte{number}@exemple.fr", "password": WRONG},
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )

    response = client.post(
        LOGIN,
        {"username": "autre@exemple.fr", "password": WRONG},
        REMOTE_ADDR="192.0.2.1",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )

    assert response.status_code == 429


def test_fifteen_resets_for_one_address_send_three_emails(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.ACCOUNT_REQUESTS_PER_ADDRESS_PER_HOUR = 100
    UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(15):
            client.post(
                "/compte/mot-de-passe/oublie/",
                {"email": "camille@exemple.fr"},
                REMOTE_ADDR=f"192.0.2.{number + 1}",
            )

    assert len([m for m in mailoutbox if m.to == ["camille@exemple.fr"]]) == 3


def test_sign_ups_from_one_address_are_limited(client, mailoutbox):
    codes = [
        client.post(
            "/compte/inscription/",
            {
                "email": f"personne{number}@exemple.fr",
                "password": STRONG_PASSWORD,
                "first_name": "Camille",
                "last_name": "Martin",
            },
            REMOTE_ADDR="192.0.2.1",
        ).status_code
        for number in range(11)
    ]

    assert codes[:10] == [302] * 10
    assert codes[10] == 429
