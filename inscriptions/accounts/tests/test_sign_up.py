"""Sign-up: an inactive candidate account, its activation link by email, and the same answer
whether the address already has an account or not."""

import re

import pytest

from inscriptions.accounts.models import Role, User
from inscriptions.catalog.tests.factories import UserFactory

from .helpers import STRONG_PASSWORD, link_in, sign_up_data, without_csrf_tokens

pytestmark = pytest.mark.django_db

URL = "/compte/inscription/"


def test_visitor_sign_up_creates_an_inactive_candidate_with_an_argon2_hash(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, sign_up_data(email="Camille.Martin@Exemple.fr"))

    assert response.status_code == 302
    assert response["Location"] == "/compte/inscription/courriel-envoye/"
    user = User.objects.get()
    assert user.email == "camille.martin@exemple.fr"
    assert (user.first_name, user.last_name) == ("Camille", "Martin")
    assert user.role == Role.CANDIDATE
    assert user.is_active is False
    assert user.awaiting_activation is True
    assert user.password.startswith("argon2")
    assert user.check_password(STRONG_PASSWORD)
    assert not user.is_staff


def test_visitor_sign_up_emails_an_activation_link_after_the_commit(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://inscriptions.exemple.fr"

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(URL, sign_up_data())
        assert mailoutbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()

    [email] = mailoutbox
    assert email.to == ["camille.martin@exemple.fr"]
    assert email.subject == "Inscriptions au BTS : Activez votre compte"
    assert email.body.startswith("Bonjour Camille Martin,\n")
    link = link_in(email.body, "/compte/activation/")
    assert link.startswith("https://inscriptions.exemple.fr/compte/activation/")
    assert "valable jusqu'au" in email.body


def test_sign_up_done_page_tells_to_check_the_mailbox(client):
    response = client.get("/compte/inscription/courriel-envoye/")

    html = response.content.decode()
    assert "<h1>Vérifiez vos courriels</h1>" in html
    assert "Suivez ses instructions pour activer votre compte." in html


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Court-1", "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."),
        ("tournesolvelo", "Ce mot de passe n&#x27;est pas assez varié"),
        ("123456789012345", "Ce mot de passe est entièrement numérique."),
        ("Camille.Martin1", "Le mot de passe est trop semblable"),
    ],
)
def test_weak_password_is_refused_beside_the_field_keeping_what_was_typed(
    client, password, message
):
    response = client.post(URL, sign_up_data(password=password))

    assert response.status_code == 200
    assert not User.objects.exists()
    html = response.content.decode()
    messages = re.search(
        r'<div class="fr-messages-group" id="id_password-messages".*?</div>', html, re.S
    )
    assert messages and message in messages.group()
    assert 'class="fr-message fr-message--error"' in messages.group()
    assert re.search(r'<input type="password" name="password"[^>]*aria-invalid="true"', html)
    assert 'value="camille.martin@exemple.fr"' in html
    assert 'value="Camille"' in html and 'value="Martin"' in html
    # The password typed is never sent back.
    assert f'value="{password}"' not in html
    assert "<title>Erreur : Créer un compte — Inscriptions au BTS</title>" in html


def test_missing_fields_are_refused_each_beside_its_field(client):
    response = client.post(URL, {"email": "pas-une-adresse"})

    html = response.content.decode()
    for field in ["first_name", "last_name", "email", "password"]:
        messages = rf'id="id_{field}-messages" aria-live="polite">\s*'
        assert re.search(messages + r'<p class="fr-message fr-message--error">', html), field
    assert "Saisissez une adresse e-mail valide." in html


def test_sign_up_with_an_existing_address_answers_as_for_a_new_one(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="camille.martin@exemple.fr", first_name="Camille", last_name="Durand")

    with django_capture_on_commit_callbacks(execute=True):
        existing = client.post(URL, sign_up_data(), follow=True)
        new = client.post(URL, sign_up_data(email="dominique@exemple.fr"), follow=True)

    assert existing.redirect_chain == new.redirect_chain
    assert existing.status_code == new.status_code == 200
    assert without_csrf_tokens(existing.content.decode()) == without_csrf_tokens(
        new.content.decode()
    )


def test_sign_up_with_an_existing_address_tells_its_owner_and_changes_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="camille.martin@exemple.fr", first_name="Camille", last_name="Durand")
    password_before = owner.password

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, sign_up_data(email="CAMILLE.MARTIN@exemple.fr", last_name="Autre"))

    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.password == password_before
    assert owner.last_name == "Durand"
    assert owner.is_active
    [email] = mailoutbox
    assert email.to == ["camille.martin@exemple.fr"]
    assert (
        email.subject == "Inscriptions au BTS : Tentative de création de compte avec votre adresse"
    )
    assert "Quelqu'un a essayé de créer un compte" in email.body
    assert "http://127.0.0.1:8000/compte/connexion/" in email.body
    assert "http://127.0.0.1:8000/compte/mot-de-passe/oublie/" in email.body
    assert "/compte/activation/" not in email.body


def test_sign_up_again_before_activation_sends_a_new_activation_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, sign_up_data())
        client.post(URL, sign_up_data(password="Autre-mot-de-passe-1"))

    assert User.objects.count() == 1
    assert User.objects.get().check_password(STRONG_PASSWORD)
    assert [email.subject for email in mailoutbox] == [
        "Inscriptions au BTS : Activez votre compte"
    ] * 2


def test_sign_up_with_the_address_of_a_deactivated_account_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="camille.martin@exemple.fr", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, sign_up_data())

    assert response["Location"] == "/compte/inscription/courriel-envoye/"
    assert mailoutbox == []
