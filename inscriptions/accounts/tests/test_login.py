"""Login with the address, logout by POST, the account awaiting activation, the header."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.views import redirect_to_login

from inscriptions.catalog.tests.factories import UserFactory

from .helpers import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/compte/connexion/"
INVALID = "Adresse électronique ou mot de passe incorrect."
NOT_ACTIVATED = "Votre compte n&#x27;est pas encore activé"


def log_in(client, email="camille@exemple.fr", password=STRONG_PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def test_candidate_logs_in_with_address_and_password(client):
    user = UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)

    response = log_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(user.pk)


def test_address_is_not_case_sensitive_at_login(client):
    user = UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)

    log_in(client, email="  Camille@Exemple.FR ")

    assert client.session[SESSION_KEY] == str(user.pk)


def test_login_goes_back_to_the_page_asked_for(client):
    UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)

    response = log_in(client, next="/sessions/")

    assert response["Location"] == "/sessions/"


def test_wrong_password_is_refused_with_a_message_that_reveals_nothing(client):
    UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)

    wrong_password = log_in(client, password="Pas-le-bon-1234")
    unknown = log_in(client, email="inconnu@exemple.fr")

    for response in [wrong_password, unknown]:
        assert response.status_code == 200
        html = response.content.decode()
        assert re.search(r'<div class="fr-alert fr-alert--error[^"]*" role="alert">', html)
        assert INVALID in html
        assert "<title>Erreur : Se connecter — Inscriptions au BTS</title>" in html
    assert SESSION_KEY not in client.session


def test_account_awaiting_activation_is_told_so_only_after_the_right_password(client):
    UserFactory(
        email="camille@exemple.fr",
        password=STRONG_PASSWORD,
        is_active=False,
        awaiting_activation=True,
    )

    wrong = log_in(client, password="Pas-le-bon-1234").content.decode()
    right = log_in(client).content.decode()

    assert INVALID in wrong
    assert NOT_ACTIVATED not in wrong
    assert 'action="/compte/activation/renvoyer/"' not in wrong
    assert NOT_ACTIVATED in right
    assert INVALID not in right
    resend = re.search(
        r'<form method="post" action="/compte/activation/renvoyer/">.*?</form>', right, re.S
    )
    assert resend
    assert '<input type="hidden" name="email" value="camille@exemple.fr">' in resend.group()
    assert SESSION_KEY not in client.session


def test_deactivated_account_gets_the_same_refusal_as_a_wrong_password(client):
    UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD, is_active=False)

    html = log_in(client).content.decode()

    assert INVALID in html
    assert NOT_ACTIVATED not in html
    assert SESSION_KEY not in client.session


def test_logout_is_a_post(client):
    user = UserFactory()
    client.force_login(user)

    assert client.get("/compte/deconnexion/").status_code == 405
    assert client.session[SESSION_KEY] == str(user.pk)

    response = client.post("/compte/deconnexion/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session


def test_header_offers_login_and_sign_up_to_a_visitor(client):
    html = client.get("/").content.decode()

    tools = re.search(r'<div class="fr-header__tools-links">.*?</ul>', html, re.S).group()
    assert 'href="/compte/connexion/">Se connecter</a>' in tools
    assert 'href="/compte/inscription/">Créer un compte</a>' in tools
    assert 'href="/admin/login/">Espace du bureau des examens</a>' in tools
    assert "Se déconnecter" not in tools


def test_header_shows_the_candidate_name_and_a_logout_button(client):
    client.force_login(UserFactory(first_name="Camille", last_name="Martin"))

    html = client.get("/").content.decode()

    tools = re.search(r'<div class="fr-header__tools-links">.*?</ul>', html, re.S).group()
    assert ">Camille Martin</span>" in tools
    logout = re.search(r'<form method="post" action="/compte/deconnexion/">.*?</form>', tools, re.S)
    assert logout
    assert 'name="csrfmiddlewaretoken"' in logout.group()
    assert ">Se déconnecter</button>" in logout.group()
    assert "Se connecter" not in tools
    assert "Espace du bureau des examens" not in tools


def test_header_links_office_staff_to_the_back_office(client):
    client.force_login(UserFactory(office_staff=True))

    html = client.get("/").content.decode()

    assert 'href="/admin/">Espace du bureau des examens</a>' in html


def test_pages_for_logged_in_users_send_visitors_to_the_login_page():
    response = redirect_to_login("/espace-candidat/")

    assert response["Location"] == "/compte/connexion/?next=/espace-candidat/"
