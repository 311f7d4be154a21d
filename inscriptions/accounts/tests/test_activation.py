"""Activation: the emailed link activates the account once; a tampered or expired link shows a
page that offers a new link."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing

from inscriptions.accounts import services
from inscriptions.accounts.models import User
from inscriptions.accounts.tokens import SALT, activation_token
from inscriptions.catalog.tests.factories import UserFactory

from .helpers import link_in, path_of, sign_up_data

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 10, 15, 8, 0, tzinfo=UTC)


@pytest.fixture
def signed_up(client, mailoutbox, django_capture_on_commit_callbacks):
    """A candidate who just signed up, and the path of the activation link they received."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/inscription/", sign_up_data())
    [email] = mailoutbox
    mailoutbox.clear()
    return User.objects.get(), path_of(link_in(email.body, "/compte/activation/"))


def test_candidate_activates_the_account_with_the_emailed_link(client, signed_up):
    user, link = signed_up

    response = client.get(link)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Compte activé</h1>" in html
    assert 'href="/compte/connexion/"' in html
    user.refresh_from_db()
    assert user.is_active is True
    assert user.awaiting_activation is False


def test_activation_link_works_only_once(client, signed_up):
    _, link = signed_up
    client.get(link)

    again = client.get(link)

    assert again.status_code == 200
    html = again.content.decode()
    assert "<h1>Compte déjà activé</h1>" in html
    assert "un lien d'activation ne sert qu'une fois" in html


def test_tampered_activation_link_is_refused_with_an_offer_of_a_new_one(client, signed_up):
    user, link = signed_up
    forged = signing.TimestampSigner(salt=SALT, key="une-autre-clef").sign_object(
        {"user": user.pk, "email": user.email}
    )

    altered = link[:-2] + ("A" if link[-2] != "A" else "B") + "/"

    for path in [altered, f"/compte/activation/{forged}/", "/compte/activation/n-importe-quoi/"]:
        response = client.get(path)

        assert response.status_code == 400
        html = response.content.decode()
        assert "<h1>Lien d&#x27;activation non valide</h1>" in html
        assert 'action="/compte/activation/renvoyer/"' in html
        assert 'value="camille.martin@exemple.fr"' not in html
    user.refresh_from_db()
    assert user.is_active is False


def test_expired_activation_link_is_refused_with_the_address_ready_for_a_new_one(
    client, mailoutbox, django_capture_on_commit_callbacks, settings, time_machine
):
    time_machine.move_to(NOW, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/inscription/", sign_up_data())
    link = path_of(link_in(mailoutbox[0].body, "/compte/activation/"))

    time_machine.move_to(NOW + timedelta(seconds=settings.ACCOUNT_ACTIVATION_MAX_AGE + 1))
    response = client.get(link)

    assert response.status_code == 410
    html = response.content.decode()
    assert "<h1>Lien d&#x27;activation expiré</h1>" in html
    assert 'action="/compte/activation/renvoyer/"' in html
    assert 'value="camille.martin@exemple.fr"' in html
    assert User.objects.get().is_active is False


def test_activation_link_still_works_just_before_it_expires(
    client, mailoutbox, django_capture_on_commit_callbacks, settings, time_machine
):
    time_machine.move_to(NOW, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/inscription/", sign_up_data())
    link = path_of(link_in(mailoutbox[0].body, "/compte/activation/"))

    time_machine.move_to(NOW + timedelta(seconds=settings.ACCOUNT_ACTIVATION_MAX_AGE - 1))

    assert client.get(link).status_code == 200
    assert User.objects.get().is_active is True


@pytest.mark.parametrize(
    "account",
    [
        {"is_active": False, "awaiting_activation": False},  # deactivated by an administrator
        {"is_active": True, "awaiting_activation": False},  # created in the back office
    ],
)
def test_activation_link_never_reopens_an_account_that_was_not_signed_up_online(account):
    user = UserFactory(**account)

    with pytest.raises(services.ActivationRefused):
        services.account_activate(token=activation_token(user))

    user.refresh_from_db()
    assert user.is_active is account["is_active"]


def test_activation_link_of_a_former_address_is_refused(signed_up):
    user, _ = signed_up
    token = activation_token(user)
    User.objects.filter(pk=user.pk).update(email="nouvelle@exemple.fr")

    with pytest.raises(services.ActivationRefused) as refusal:
        services.account_activate(token=token)

    assert refusal.value.reason == services.ActivationRefusal.INVALID


def test_new_activation_link_sent_on_request_with_the_same_answer_for_any_address(
    client, signed_up, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="active@exemple.fr")
    responses = []

    with django_capture_on_commit_callbacks(execute=True):
        for email in ["Camille.Martin@exemple.fr", "inconnu@exemple.fr", "active@exemple.fr"]:
            responses.append(client.post("/compte/activation/renvoyer/", {"email": email}))

    assert {response["Location"] for response in responses} == {
        "/compte/activation/renvoyer/courriel-envoye/"
    }
    [email] = mailoutbox
    assert email.to == ["camille.martin@exemple.fr"]
    client.get(path_of(link_in(email.body, "/compte/activation/")))
    assert User.objects.get(email="camille.martin@exemple.fr").is_active


def test_resend_page_answers_with_a_message_that_reveals_nothing(client):
    response = client.get("/compte/activation/renvoyer/courriel-envoye/")

    assert "Si un compte en attente d'activation correspond à cette adresse" in (
        response.content.decode()
    )
