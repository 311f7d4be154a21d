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
