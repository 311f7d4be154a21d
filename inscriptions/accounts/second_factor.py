"""The second factor of the exam office: its authenticator app and its recovery codes.

An office member has one TOTP device (the authenticator app, RFC 6238: 6 digits every 30
seconds), confirmed once its first code was given, and one static device holding single-use
recovery codes for the day the phone is lost. django-otp stores both and throttles each:
after each wrong code the next try waits twice as long (1 s, 2 s, 4 s…).
"""

import base64
import io
from dataclasses import dataclass
from datetime import datetime

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inscriptions.core.models import audit

from .models import User

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Application d'authentification"
RECOVERY_NAME = "Codes de secours"


@dataclass(frozen=True)
class CodeCheck:
    """What became of a code: the device that accepted it, or the time to wait before the
    next try when the device refused to check it (too many wrong codes)."""

    device: Device | None = None
    retry_at: datetime | None = None


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user: User) -> bool:
    return confirmed_totp_device(user) is not None


def recovery_codes_left(user: User) -> int:
    count: int = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return count


def totp_secret(device: TOTPDevice) -> str:
    """The key as the authenticator apps ask for it when typed: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` address of the device as an inline SVG QR code."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    # The XML declaration is not allowed inside an HTML document.
    return svg[svg.index("<svg") :]


@transaction.atomic
def totp_device_for_set_up(*, user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so that the QR
    code does not change when the page is reloaded."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _normalised(code: str) -> str:
    return "".join(code.split()).lower()


def _is_totp_code(code: str) -> bool:
    return code.isdigit() and len(code) in {6, 8}


def _check(device: Device, user: User, code: str) -> CodeCheck:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(retry_at=(details or {}).get("locked_until"))
    verified = verify_token(user, device.persistent_id, code)
    return CodeCheck(device=verified)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, code: str) -> CodeCheck:
    """Confirm the authenticator being set up with its first code; any other device of the
    account is dropped, so that one account has one authenticator."""
    check = _check(device, device.user, _normalised(code))
    if check.device is not None:
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit(actor=device.user, action="account.second_factor_set_up", obj=device.user)
    return check


def second_factor_check(*, user: User, code: str) -> CodeCheck:
    """A code of the authenticator (digits) or a recovery code (letters and digits), checked
    against the confirmed device of that kind; a recovery code is used up."""
    code = _normalised(code)
    device: Device | None
    if _is_totp_code(code):
        device = confirmed_totp_device(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return CodeCheck()
    return _check(device, user, code)


@transaction.atomic
def recovery_codes_generate(*, user: User) -> list[str]:
    """New recovery codes for the account; the earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit(actor=user, action="account.recovery_codes_generated", obj=user, count=len(codes))
    return codes
