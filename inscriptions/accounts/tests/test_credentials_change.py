"""Changing the password or the login address asks for the current password again (OWASP ASVS
2.1.5, 3.7.1; the security issue: « re-authentication before changing the login email or
password »): a wrong one changes nothing; the owner is told by email; a new address counts only
once the link sent to it is opened, once, and the former address is told."""

import re

import pytest
from django.core import mail
from django.test import Client

from inscriptions.accounts.models import Role, User
from inscriptions.accounts.tests.helpers import STRONG_PASSWORD
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Prairie-Hibou-Fenetre-Lumineuse"


@pytest.fixture
def camille():
    return UserFactory(role=Role.CANDIDATE, email="camille@example.fr", password=STRONG_PASSWORD)


@pytest.fixture(autouse=True)
def emails_after_commit(monkeypatch):
    """The emails queued for after the commit leave at once: the test's transaction never
    commits."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def signed_in(camille):
    client = Client()
    client.force_login(camille)
    return client


def test_a_new_password_needs_the_current_one(signed_in, camille):
    wrong = signed_in.post(
        "/compte/mot-de-passe/changer/",
        {"current_password": "pas le bon", "new_password": NEW_PASSWORD},
    )
    camille.refresh_from_db()
    assert wrong.status_code == 400
    assert "Ce n&#x27;est pas le mot de passe actuel de votre compte." in wrong.content.decode()
    assert camille.check_password(STRONG_PASSWORD)

    weak = signed_in.post(
        "/compte/mot-de-passe/changer/",
        {"current_password": STRONG_PASSWORD, "new_password": "Azerty123456"},
    )
    assert weak.status_code == 400

    mail.outbox.clear()
    done = signed_in.post(
        "/compte/mot-de-passe/changer/",
        {"current_password": STRONG_PASSWORD, "new_password": NEW_PASSWORD},
    )

    assert done.status_code == 302
    camille.refresh_from_db()
    assert camille.check_password(NEW_PASSWORD)
    # Still signed in, and told.
    assert signed_in.get("/compte/donnees/").status_code == 200
    (email,) = mail.outbox
    assert email.to == ["camille@example.fr"]
    assert "mot de passe a été changé" in email.subject
    assert AuditEntry.objects.filter(action="account.password_changed", actor=camille).exists()


def test_a_new_address_counts_once_its_link_is_opened_and_the_old_one_is_told(signed_in, camille):
    wrong = signed_in.post(
        "/compte/adresse/changer/",
        {"current_password": "pas le bon", "new_email": "camille.nouvelle@example.fr"},
    )
    assert wrong.status_code == 400
    assert mail.outbox == []

    asked = signed_in.post(
        "/compte/adresse/changer/",
        {"current_password": STRONG_PASSWORD, "new_email": "camille.nouvelle@example.fr"},
    )

    assert asked.status_code == 302
    camille.refresh_from_db()
    assert camille.email == "camille@example.fr"
    (link_email,) = mail.outbox
    assert link_email.to == ["camille.nouvelle@example.fr"]
    link = re.search(r"http\S+/compte/adresse/confirmer/\S+/", link_email.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    confirmed = Client().get(f"/{path}")

    assert confirmed.status_code == 200
    camille.refresh_from_db()
    assert camille.email == "camille.nouvelle@example.fr"
    told = mail.outbox[-1]
    assert told.to == ["camille@example.fr"]
    assert "a été changée" in told.subject
    # Once only.
    assert Client().get(f"/{path}").status_code == 400


def test_an_address_of_another_account_gets_no_link_and_the_page_says_the_same(signed_in):
    UserFactory(email="deja.pris@example.fr")

    asked = signed_in.post(
        "/compte/adresse/changer/",
        {"current_password": STRONG_PASSWORD, "new_email": "deja.pris@example.fr"},
        follow=True,
    )

    assert "Un lien de confirmation a été envoyé à deja.pris@example.fr" in asked.content.decode()
    assert mail.outbox == []


def test_a_forged_or_altered_link_is_refused(camille):
    assert Client().get("/compte/adresse/confirmer/pas-un-jeton/").status_code == 400
    assert User.objects.get(pk=camille.pk).email == "camille@example.fr"


def test_the_account_page_offers_both_changes(signed_in):
    page = signed_in.get("/compte/donnees/").content.decode()
    assert "/compte/mot-de-passe/changer/" in page
    assert "/compte/adresse/changer/" in page
    assert Client().get("/compte/mot-de-passe/changer/").status_code == 302
