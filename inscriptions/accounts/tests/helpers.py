"""What the accounts' tests share: a person signing up, reading the links of the emails, and an
exam-office member logged in with the second factor."""

import re
import time
from urllib.parse import urlsplit

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from inscriptions.accounts.models import User

# 12+ characters with lower case, upper case, digits and specials (CNIL délibération 2022-100).
STRONG_PASSWORD = "Tournesol-Velo-2027"
OTHER_STRONG_PASSWORD = "Marmotte!Alpage-88"

SIGN_UP = {
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille.martin@exemple.fr",
    "password": STRONG_PASSWORD,
}

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
_LINK = re.compile(r"https?://\S+")


def sign_up_data(**changes: str) -> dict[str, str]:
    return {**SIGN_UP, **changes}


def without_csrf_tokens(html: str) -> str:
    """The page with its CSRF tokens blanked: they differ between any two responses."""
    return _CSRF.sub('name="csrfmiddlewaretoken" value=""', html)


def link_in(text: str, path_start: str) -> str:
    """The first link of the email text whose path starts with ``path_start``."""
    for link in _LINK.findall(text):
        if urlsplit(link).path.startswith(path_start):
            return link
    raise AssertionError(f"no link to {path_start} in:\n{text}")


def path_of(link: str) -> str:
    return urlsplit(link).path


def totp_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code the authenticator app shows now (or at the Unix time ``at``) for ``device``."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def verified_login(client: Client, user: User) -> Client:
    """``client`` logged in as ``user`` with the second factor given, as after the code page.

    The user gets a confirmed authenticator (TOTP device) if they have none.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Application", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def verified_api_token(user: User) -> str:
    """An API token for ``user`` as ``TokenView`` gives it, second factor included: an office
    member's token counts only when issued after their authenticator was set up."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Application", confirmed=True)
    Token.objects.filter(user=user).delete()
    return str(Token.objects.create(user=user).key)
