"""Demo only: the second factor of the demo's exam-office accounts, known to everyone.

Each demo staff account gets a confirmed authenticator with the same fixed key, and two fixed
recovery codes, so that a newcomer can log in as staff: type the key in any authenticator app
(FreeOTP, Aegis, Google or Microsoft Authenticator… « basée sur l'heure », 6 chiffres, 30 s), or
use one of the recovery codes (each once; ``manage.py load_demo`` gives them back). Never used
outside ``load_demo``, which refuses to run in production.
"""

import base64

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inscriptions.accounts.models import User
from inscriptions.accounts.second_factor import RECOVERY_NAME, TOTP_NAME

# 32 base32 characters, 20 bytes: the key an authenticator app asks for.
DEMO_TOTP_SECRET = "DEMOBUREAUEXAMENSTOULOUSE2FA4BTS"  # noqa: S105 - demo only, printed
DEMO_RECOVERY_CODES = ["demo2fa1", "demo2fa2"]


def demo_second_factor(user: User) -> str:
    """Give ``user`` the demo authenticator and recovery codes; what to print for them."""
    key = base64.b32decode(DEMO_TOTP_SECRET).hex()
    TOTPDevice.objects.filter(user=user).exclude(key=key).delete()
    TOTPDevice.objects.update_or_create(
        user=user,
        key=key,
        defaults={
            "name": TOTP_NAME,
            "confirmed": True,
            "last_t": -1,
            "drift": 0,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    StaticToken.objects.bulk_create(
        StaticToken(device=recovery, token=code) for code in DEMO_RECOVERY_CODES
    )
    return (
        f"code de vérification : clé {DEMO_TOTP_SECRET} dans une application "
        f"d'authentification, ou un code de secours : {', '.join(DEMO_RECOVERY_CODES)}"
    )
