"""The pages of the second factor: the code after the password, the authenticator's set-up, and
the recovery codes. Only office members see them; a candidate is never asked for a code."""

from typing import cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice

from inscriptions.core import evidence

from . import second_factor
from .forms import SecondFactorCodeForm
from .models import User
from .otp import is_verified, needs_second_factor, office_member_required
from .views import titled

# The recovery codes just made, shown once by the next page and then dropped from the session.
NEW_RECOVERY_CODES = "accounts_new_recovery_codes"

VERIFY_HELP = gettext_lazy(
    "Les 6 chiffres affichés par votre application d'authentification, ou l'un de vos codes "
    "de secours."
)
SET_UP_HELP = gettext_lazy("Les 6 chiffres affichés par l'application, sans espace.")
SET_UP_INVALID = gettext_lazy(
    "Code incorrect. Saisissez les 6 chiffres affichés en ce moment par l'application ; "
    "vérifiez que l'heure de votre téléphone est juste."
)


def safe_next(request: HttpRequest) -> str:
    """The page to go to afterwards: ``next`` when it stays on this site, home otherwise."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _log_attempt(request: HttpRequest, user: User, form: SecondFactorCodeForm) -> None:
    """Each second-factor attempt in the audit log, right or wrong (never the code typed)."""
    verified = form.is_valid() and form.device is not None
    evidence.account_event(
        request,
        action="account.second_factor" if verified else "account.second_factor_failed",
        user=user,
        recovery_code=isinstance(form.device, StaticDevice) if verified else None,
    )


def _verified(request: HttpRequest, device: Device) -> None:
    otp_login(request, device)
    # A new session key as the session gains a privilege, as Django does at login.
    request.session.cycle_key()


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: a code of the authenticator app, or a recovery code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    next_url = safe_next(request)
    if not needs_second_factor(user) or is_verified(user):
        return redirect(next_url)
    if not second_factor.has_second_factor(user):
        return redirect(with_next("accounts:otp_setup", next_url))
    form = SecondFactorCodeForm(
        request.POST or None,
        check=lambda code: second_factor.second_factor_check(user=user, code=code),
        help_text=VERIFY_HELP,
    )
    if request.method == "POST":
        _log_attempt(request, user, form)
    if request.method == "POST" and form.is_valid() and form.device is not None:
        _verified(request, form.device)
        if isinstance(form.device, StaticDevice):
            # A recovery code is used up: say how many are left, and offer new ones.
            return redirect(with_next("accounts:otp_recovery_codes", next_url))
        return redirect(next_url)
    return render(
        request,
        "accounts/otp_verify.html",
        {
            "form": form,
            "next": next_url,
            "page_title": titled(_("Vérification en deux étapes"), form),
        },
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    """The authenticator app of an office member: its QR code, then its first code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    if not needs_second_factor(user):
        raise Http404
    next_url = safe_next(request)
    if second_factor.has_second_factor(user) and not is_verified(user):
        # Replacing an authenticator takes the second factor itself, not the password alone.
        return redirect(with_next("accounts:otp_verify", next_url))
    device = second_factor.totp_device_for_set_up(user=user)
    form = SecondFactorCodeForm(
        request.POST or None,
        check=lambda code: second_factor.totp_device_confirm(device=device, code=code),
        help_text=SET_UP_HELP,
        invalid_message=SET_UP_INVALID,
    )
    if request.method == "POST":
        _log_attempt(request, user, form)
    if request.method == "POST" and form.is_valid() and form.device is not None:
        _verified(request, form.device)
        request.session[NEW_RECOVERY_CODES] = second_factor.recovery_codes_generate(user=user)
        return redirect(with_next("accounts:otp_recovery_codes", next_url))
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": second_factor.totp_qr_svg(device),
            "secret": second_factor.totp_secret(device),
            "page_title": titled(_("Configurer la vérification en deux étapes"), form),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@office_member_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once; or how many are left, and a button for new ones."""
    user = cast(User, request.user)
    next_url = safe_next(request)
    if request.method == "POST":
        request.session[NEW_RECOVERY_CODES] = second_factor.recovery_codes_generate(user=user)
        return redirect(with_next("accounts:otp_recovery_codes", next_url))
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    return render(
        request,
        "accounts/otp_recovery_codes.html",
        {
            "codes": codes,
            "codes_left": second_factor.recovery_codes_left(user),
            "next": next_url,
            "page_title": _("Codes de secours"),
        },
    )
