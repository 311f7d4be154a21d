"""Password reset: the same answer for any address, a single-use link, the new password's
strength, and the lockout lifted once the mailbox proved its owner."""

import pytest
from django.contrib.auth import SESSION_KEY

from inscriptions.accounts.models import User
from inscriptions.catalog.tests.factories import UserFactory

from .helpers import OTHER_STRONG_PASSWORD, STRONG_PASSWORD, link_in, path_of, without_csrf_tokens

pytestmark = pytest.mark.django_db

URL = "/compte/mot-de-passe/oublie/"


def request_reset(client, email):
    return client.post(URL, {"email": email}, follow=True)


@pytest.fixture
def candidate():
    return UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)


@pytest.fixture
def reset_link(client, candidate, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request_reset(client, "camille@exemple.fr")
    [email] = mailoutbox
    return path_of(link_in(email.body, "/compte/mot-de-passe/nouveau/"))


def test_reset_request_answers_the_same_for_a_known_and_an_unknown_address(
    client, candidate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = request_reset(client, "camille@exemple.fr")
        unknown = request_reset(client, "inconnu@exemple.fr")

    assert known.redirect_chain == unknown.redirect_chain
    assert known.redirect_chain == [("/compte/mot-de-passe/oublie/courriel-envoye/", 302)]
    assert known.status_code == unknown.status_code == 200
    assert without_csrf_tokens(known.content.decode()) == without_csrf_tokens(
        unknown.content.decode()
    )
    assert [email.to for email in mailoutbox] == [["camille@exemple.fr"]]


def test_reset_email_carries_a_link_valid_for_an_hour(
    client, candidate, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://inscriptions.exemple.fr"
    with django_capture_on_commit_callbacks(execute=True):
        request_reset(client, "Camille@Exemple.fr")

    [email] = mailoutbox
    assert email.subject == "Inscriptions au BTS : Réinitialisation de votre mot de passe"
    link = link_in(email.body, "/compte/mot-de-passe/nouveau/")
    assert link.startswith("https://inscriptions.exemple.fr/")


def test_candidate_chooses_a_new_password_with_the_link_once(client, candidate, reset_link):
    form = client.get(reset_link, follow=True)
    assert "<h1>Choisir un nouveau mot de passe</h1>" in form.content.decode()
    set_password_url = form.redirect_chain[-1][0]

    weak = client.post(set_password_url, {"new_password": "tournesolvelo"})
    assert weak.status_code == 200
    assert "Ce mot de passe n&#x27;est pas assez varié" in weak.content.decode()

    done = client.post(set_password_url, {"new_password": OTHER_STRONG_PASSWORD})
    assert done["Location"] == "/compte/mot-de-passe/modifie/"
    candidate.refresh_from_db()
    assert candidate.check_password(OTHER_STRONG_PASSWORD)
    assert candidate.password.startswith("argon2")

    again = client.get(reset_link, follow=True)
    assert "<h1>Lien de réinitialisation non valide</h1>" in again.content.decode()


def test_reset_lifts_the_login_lockout(client, candidate, reset_link):
    for _ in range(5):
        client.post(
            "/compte/connexion/", {"username": "camille@exemple.fr", "password": "Faux-1234567"}
        )
    form = client.get(reset_link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password": OTHER_STRONG_PASSWORD})

    response = client.post(
        "/compte/connexion/", {"username": "camille@exemple.fr", "password": OTHER_STRONG_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(candidate.pk)


def test_reset_request_for_an_account_awaiting_activation_sends_the_activation_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="camille@exemple.fr", is_active=False, awaiting_activation=True)

    with django_capture_on_commit_callbacks(execute=True):
        request_reset(client, "camille@exemple.fr")

    [email] = mailoutbox
    assert email.subject == "Inscriptions au BTS : Activez votre compte"
    link_in(email.body, "/compte/activation/")


def test_reset_request_for_a_deactivated_account_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="camille@exemple.fr", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = request_reset(client, "camille@exemple.fr")

    assert response.redirect_chain == [("/compte/mot-de-passe/oublie/courriel-envoye/", 302)]
    assert mailoutbox == []
    assert User.objects.count() == 1
