"""Password strength beyond length, after CNIL délibération n° 2022-100 (recommendation on
passwords): with 12 characters at least, the password mixes three of the four kinds of
characters; a passphrase of 16 characters or more is strong enough by its length alone."""

import functools
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy


def character_classes(password: str) -> set[str]:
    """Which of the four kinds of characters the password uses."""
    classes = set()
    for character in password:
        if character.islower():
            classes.add("lower")
        elif character.isupper():
            classes.add("upper")
        elif character.isdigit():
            classes.add("digit")
        else:
            classes.add("special")
    return classes


class CharacterClassesValidator:
    """At least ``min_classes`` kinds of characters, unless the password is a passphrase of
    ``passphrase_length`` characters or more."""

    def __init__(self, min_classes: int = 3, passphrase_length: int = 16) -> None:
        self.min_classes = min_classes
        self.passphrase_length = passphrase_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) >= self.passphrase_length:
            return
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(
                _(
                    "Ce mot de passe n'est pas assez varié : utilisez au moins %(min_classes)d "
                    "types de caractères parmi les minuscules, les majuscules, les chiffres et "
                    "les caractères spéciaux, ou bien une phrase de passe d'au moins "
                    "%(passphrase_length)d caractères."
                ),
                code="password_not_varied",
                params={
                    "min_classes": self.min_classes,
                    "passphrase_length": self.passphrase_length,
                },
            )

    def get_help_text(self) -> str:
        return _(
            "Au moins %(min_classes)d types de caractères parmi les minuscules, les majuscules, "
            "les chiffres et les caractères spéciaux, ou bien au moins %(passphrase_length)d "
            "caractères."
        ) % {"min_classes": self.min_classes, "passphrase_length": self.passphrase_length}


class OfficeMemberLengthValidator:
    """At least ``min_length`` characters for the exam office's accounts (office staff and
    académie administrators), whose password opens every candidate's dossier; the candidates
    keep the rules above.

    Django gives the validators the account whose password it is (the sign-up's new person, the
    admin's new or edited account, the reset's account), so the rule follows its role.
    """

    def __init__(self, min_length: int = 16) -> None:
        self.min_length = min_length

    def applies_to(self, user: Any) -> bool:
        return bool(getattr(user, "is_office_member", False))

    def validate(self, password: str, user: Any = None) -> None:
        if self.applies_to(user) and len(password) < self.min_length:
            raise ValidationError(
                _(
                    "Ce mot de passe est trop court pour un compte du bureau des examens : "
                    "il doit contenir au moins %(min_length)d caractères."
                ),
                code="office_password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self) -> str:
        # Empty: the rules listed to a candidate do not mention it (see ``help_text_for``).
        return ""

    def help_text_for(self, user: Any) -> str:
        if not self.applies_to(user):
            return ""
        return _("Compte du bureau des examens : au moins %(min_length)d caractères.") % {
            "min_length": self.min_length
        }


# The French words and AZERTY rows the estimator learns (``data/french_words.txt``).
FRENCH_WORDS_FILE = Path(__file__).with_name("data") / "french_words.txt"


@functools.cache
def french_words() -> tuple[str, ...]:
    lines = FRENCH_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# How each kind of weakness the estimator finds is told, in French.
WEAKNESSES = {
    "dictionary": _lazy("un mot courant (« %(token)s »)"),
    "spatial": _lazy("une suite de touches du clavier (« %(token)s »)"),
    "repeat": _lazy("des caractères répétés (« %(token)s »)"),
    "sequence": _lazy("une suite de caractères (« %(token)s »)"),
    "date": _lazy("une date (« %(token)s »)"),
    "regex": _lazy("une année (« %(token)s »)"),
}


class GuessabilityValidator:
    """A password an attacker would not guess: zxcvbn's estimate of the guesses it takes, with
    the French words and AZERTY rows it does not know by itself and the account's own name and
    address, at least ``10 ** min_guesses_log10`` (CNIL délibération 2022-100: strong enough
    given the login throttling). The refusal says, in French, what makes it guessable."""

    def __init__(self, min_guesses_log10: float = 10) -> None:
        self.min_guesses_log10 = min_guesses_log10

    def validate(self, password: str, user: Any = None) -> None:
        from zxcvbn import zxcvbn

        personal = [
            str(getattr(user, name, "") or "") for name in ("email", "first_name", "last_name")
        ]
        personal += [value.split("@")[0] for value in personal if "@" in value]
        result = zxcvbn(password[:100], user_inputs=[*french_words(), *filter(None, personal)])
        if result["guesses_log10"] >= self.min_guesses_log10:
            return
        weaknesses = [
            str(WEAKNESSES[match["pattern"]]) % {"token": match["token"]}
            for match in result["sequence"]
            if match["pattern"] in WEAKNESSES
        ]
        raise ValidationError(
            _(
                "Ce mot de passe se devine trop facilement%(why)s. Allongez-le, par exemple avec "
                "plusieurs mots sans rapport entre eux séparés par des signes."
            ),
            code="password_guessable",
            params={"why": _(" : il contient %(list)s") % {"list": ", ".join(weaknesses)}}
            if weaknesses
            else {"why": ""},
        )

    def get_help_text(self) -> str:
        return _(
            "Ni mot courant, ni prénom, ni suite de touches du clavier (azerty, 123456), ni "
            "caractères répétés : plusieurs mots sans rapport entre eux font un bon mot de passe."
        )
