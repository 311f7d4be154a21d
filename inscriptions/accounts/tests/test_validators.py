"""The password strength rule: CNIL délibération n° 2022-100, article 3 (passwords of 12
characters at least mixing character kinds, or longer passphrases)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from inscriptions.accounts.validators import CharacterClassesValidator, character_classes

CNIL = "CNIL délibération 2022-100"


@pytest.mark.parametrize(
    ("password", "classes", "source"),
    [
        ("abc", {"lower"}, CNIL),
        ("ABC", {"upper"}, CNIL),
        ("123", {"digit"}, CNIL),
        ("-!_ ", {"special"}, CNIL),
        ("éÉ9€", {"lower", "upper", "digit", "special"}, CNIL),
    ],
)
def test_character_classes_of_a_password(password, classes, source):
    assert character_classes(password) == classes, source


@pytest.mark.parametrize(
    ("password", "accepted", "source"),
    [
        ("tournesolvelo", False, f"{CNIL}: one kind of characters"),
        ("tournesolvelo2027", True, f"{CNIL}: 16 characters or more, a passphrase"),
        ("tournesol2027", False, f"{CNIL}: two kinds"),
        ("Tournesol2027", True, f"{CNIL}: three kinds (lower, upper, digit)"),
        ("tournesol-2027", True, f"{CNIL}: three kinds (lower, special, digit)"),
        ("TOURNESOL-VÉLO", False, f"{CNIL}: two kinds (upper, special), 14 characters"),
        ("un vélo sur la route", True, f"{CNIL}: a passphrase with spaces"),
        ("Tourne-sol", True, "length is the MinimumLengthValidator's business, not this rule's"),
    ],
)
def test_three_kinds_of_characters_or_a_passphrase(password, accepted, source):
    validator = CharacterClassesValidator()

    if accepted:
        validator.validate(password)
    else:
        with pytest.raises(ValidationError) as refusal:
            validator.validate(password)
        assert refusal.value.error_list[0].code == "password_not_varied", source


def test_refusal_explains_the_rule_in_french():
    with pytest.raises(ValidationError) as refusal:
        CharacterClassesValidator().validate("tournesolvelo")

    assert refusal.value.messages == [
        "Ce mot de passe n'est pas assez varié : utilisez au moins 3 types de caractères parmi "
        "les minuscules, les majuscules, les chiffres et les caractères spéciaux, ou bien une "
        "phrase de passe d'au moins 16 caractères."
    ]


@pytest.mark.parametrize(
    "password",
    ["Court-1", "tournesolvelo", "123456789012345", "azertyuiop12"],
)
def test_settings_refuse_weak_passwords(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_settings_accept_a_strong_password():
    validate_password("Tournesol-Velo-2027")
