"""The activation link's token: signed and dated, so it can be neither forged nor used late.

It carries the account and its address: a token issued before a change of address is refused.
Single use comes from the account's state (``awaiting_activation``), not from the token.
"""

from dataclasses import dataclass

from django.core import signing

from .models import User

SALT = "inscriptions.accounts.activation"


@dataclass(frozen=True)
class ActivationClaim:
    user_id: int
    email: str


def activation_token(user: User) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"user": user.pk, "email": user.email})


def read_activation_token(token: str, *, max_age: int | None) -> ActivationClaim:
    """The claim of a token signed by this service; ``signing.SignatureExpired`` when it is older
    than ``max_age`` seconds, ``signing.BadSignature`` when it was not signed here."""
    payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    try:
        return ActivationClaim(user_id=int(payload["user"]), email=str(payload["email"]))
    except (TypeError, KeyError, ValueError) as error:
        raise signing.BadSignature("malformed activation token") from error
