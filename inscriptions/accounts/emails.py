"""The accounts' emails, one function each, taking primary keys so they can become tasks.

Written in French (the service's language), whatever language the page was shown in.
"""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.functional import Promise
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from .models import User
from .throttling import within_limit
from .tokens import activation_token

logger = logging.getLogger(__name__)


def send_activation_email(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id, awaiting_activation=True).first()
    if user is None:
        return
    path = reverse("accounts:activate", kwargs={"token": activation_token(user)})
    expires_at = timezone.now() + timedelta(seconds=settings.ACCOUNT_ACTIVATION_MAX_AGE)
    _send(
        user,
        subject=_("Activez votre compte"),
        template="accounts/emails/activation.txt",
        context={"activation_url": settings.SITE_URL + path, "expires_at": expires_at},
    )


def send_sign_up_attempt_notice(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    _send(
        user,
        subject=_("Tentative de création de compte avec votre adresse"),
        template="accounts/emails/sign_up_attempt.txt",
        context={
            "login_url": settings.SITE_URL + reverse("accounts:login"),
            "password_reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
        },
    )


def _password_link(user: User) -> dict[str, Any]:
    """A one-time link to choose the account's password, and until when it works."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    expires_at = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return {"reset_url": settings.SITE_URL + path, "expires_at": expires_at}


def send_password_reset_email(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    _send(
        user,
        subject=_("Réinitialisation de votre mot de passe"),
        template="accounts/emails/password_reset.txt",
        context=_password_link(user),
    )


def send_staff_invitation(*, user_id: int) -> None:
    """A new office account: the link to choose its password (the second factor follows)."""
    user = User.objects.filter(pk=user_id, is_active=True).select_related("academy").first()
    if user is None:
        return
    _send(
        user,
        subject=_("Votre compte au bureau des examens"),
        template="accounts/emails/staff_invitation.txt",
        context=_password_link(user),
    )


def send_password_changed_notice(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    _send(
        user,
        subject=_("Votre mot de passe a été changé"),
        template="accounts/emails/password_changed.txt",
        context={"password_reset_url": settings.SITE_URL + reverse("accounts:password_reset")},
    )


def send_email_change_link(*, user_id: int, new_email: str, token: str) -> None:
    """The link that proves the new address is the account owner's: sent to that address."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    path = reverse("accounts:email_change_confirm", kwargs={"token": token})
    _send(
        user,
        subject=_("Confirmez votre nouvelle adresse électronique"),
        template="accounts/emails/email_change.txt",
        context={"confirm_url": settings.SITE_URL + path, "new_email": new_email},
        to=new_email,
    )


def send_email_changed_notice(*, user_id: int, old_email: str) -> None:
    """The former address is told that the account's address changed."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    _send(
        user,
        subject=_("L'adresse électronique de votre compte a été changée"),
        template="accounts/emails/email_changed.txt",
        context={"password_reset_url": settings.SITE_URL + reverse("accounts:password_reset")},
        to=old_email,
    )


def _send(
    user: User,
    *,
    subject: Promise,
    template: str,
    context: dict[str, Any],
    to: str | None = None,
) -> None:
    # A few of each kind an hour to one address, however many requests ask for them: nobody can
    # flood a mailbox through the service (ASVS 2.2.1); the latest link sent stays valid.
    allowance = settings.ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR
    if not within_limit(f"emails:{template}:{user.pk}", limit=allowance):
        logger.info("account email not sent: hourly allowance reached (%s)", template)
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "service_name": settings.SERVICE_NAME,
            "site_url": settings.SITE_URL,
            **context,
        }
        body = render_to_string(template, context)
        message = EmailMessage(
            subject=f"{settings.SERVICE_NAME} : {subject}",
            body=body,
            to=[to or user.email],
        )
    message.send()
