"""Passwords an attacker would guess are refused, with what makes them guessable said in French
(CNIL délibération 2022-100; OWASP ASVS 2.1.7): French words, AZERTY rows, repeated characters,
the account's own name; the passwords the notices' candidates would choose well pass."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from inscriptions.accounts.validators import GuessabilityValidator, french_words


@pytest.mark.parametrize(
    ("password", "told"),
    [
        ("Azerty123456", "un mot courant (« Azerty »)"),
        ("Motdepasse123", "un mot courant (« Motdepasse »)"),
        ("aaaaaaaaaaaaaaaa", "des caractères répétés"),
        ("Toulouse2027!", "un mot courant (« Toulouse »)"),
        ("Qsdfghjklm!42", "« Qsdfghjklm »"),
    ],
)
def test_guessable_passwords_are_refused_with_the_reason(password, told):
    with pytest.raises(ValidationError) as refused:
        GuessabilityValidator().validate(password)

    (message,) = refused.value.messages
    assert message.startswith("Ce mot de passe se devine trop facilement")
    assert told in message


def test_the_accounts_own_name_makes_a_password_guessable():
    class Account:
        email = "lea.bernardin@example.fr"
        first_name = "Léa"
        last_name = "Bernardin"

    with pytest.raises(ValidationError, match="Bernardin"):
        GuessabilityValidator().validate("Bernardin2027", Account())


@pytest.mark.parametrize(
    "password",
    ["Tournesol-Velo-2027", "Marmotte!Alpage-88", "k8#Lp2!xQ9zR", "Garonne-Capitole-Brique-2027"],
)
def test_strong_passwords_pass_every_validator(password):
    validate_password(password)


def test_the_french_words_include_the_azerty_rows():
    words = french_words()
    assert "azerty" in words and "motdepasse" in words
    assert not any(word.startswith("#") for word in words)


# --- Explained as it is typed (the security issue: « explained in French under the field as the
# candidate types »): the same validators, asked by the page, nothing stored.


@pytest.mark.django_db
def test_the_estimate_says_what_the_rules_say_of_the_password_being_typed(client):
    url = "/compte/mot-de-passe/estimation/"
    weak = client.post(url, {"password": "Azerty123456"}).json()
    strong = client.post(url, {"password": "Prairie-Hibou-Fenetre-Lumineuse"}).json()
    short_for_staff = client.post(url, {"password": "Prairie-Hibou-9", "staff": "1"}).json()

    assert weak["ok"] is False
    assert any("un mot courant (« Azerty »)" in message for message in weak["messages"])
    assert strong == {"ok": True, "messages": []}
    assert short_for_staff["ok"] is False
    assert client.post(url, {"password": ""}).json() == {"ok": False, "messages": []}
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_the_estimate_needs_the_pages_csrf_token_and_is_limited_per_address(settings):
    from django.test import Client

    guarded = Client(enforce_csrf_checks=True)
    assert guarded.post("/compte/mot-de-passe/estimation/", {"password": "x"}).status_code == 403

    from inscriptions.accounts import views

    open_client = Client()
    for _ in range(3):
        open_client.post("/compte/mot-de-passe/estimation/", {"password": "x"})
    views.ESTIMATES_PER_ADDRESS_PER_HOUR, before = 3, views.ESTIMATES_PER_ADDRESS_PER_HOUR
    try:
        refused = open_client.post("/compte/mot-de-passe/estimation/", {"password": "x"})
    finally:
        views.ESTIMATES_PER_ADDRESS_PER_HOUR = before
    assert refused.status_code == 429


@pytest.mark.django_db
def test_the_new_password_of_office_staff_is_estimated_with_their_rules():
    from inscriptions.accounts.forms import NewPasswordForm, SignUpForm
    from inscriptions.accounts.models import Role
    from inscriptions.catalog.tests.factories import UserFactory

    staff = NewPasswordForm(UserFactory(role=Role.OFFICE_STAFF)).fields["new_password"]
    candidate = SignUpForm().fields["password"]

    assert staff.widget.attrs["data-strength-staff"] == "1"
    assert staff.widget.attrs["data-strength-url"] == "/compte/mot-de-passe/estimation/"
    assert "data-strength-staff" not in candidate.widget.attrs
