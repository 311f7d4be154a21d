"""What changes an account: sign-up, activation, new activation link, password reset.

Every answer that a stranger could see is the same whether the address has an account or not
(no enumeration of the candidates): what differs goes to the address's mailbox only. Emails leave
once the transaction has committed.
"""

import logging
from enum import StrEnum
from functools import partial
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction

from inscriptions.core.models import audit

from . import emails
from .groups import academy_admin_group
from .models import Role, User
from .selectors import user_by_email
from .tokens import read_activation_token

logger = logging.getLogger(__name__)


class ActivationRefusal(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


class ActivationRefused(Exception):
    """The activation link cannot activate an account; ``email`` is the account's address when
    the link is authentic (to offer a new link), empty otherwise."""

    def __init__(self, reason: ActivationRefusal, *, email: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.email = email


@transaction.atomic
def candidate_sign_up(*, email: str, password: str, first_name: str, last_name: str) -> None:
    """Create an inactive candidate account and send its activation link.

    When the address already has an account, nothing is created and its owner is told by email
    instead; the caller answers the same in both cases.
    """
    existing = user_by_email(email)
    if existing is not None:
        # The same work as for a new account, so that the response time tells nothing.
        make_password(password)
        _tell_owner_of_sign_up_attempt(existing)
        return
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                role=Role.CANDIDATE,
                is_active=False,
                awaiting_activation=True,
            )
    except IntegrityError:
        # The same address signed up at the same moment in another request.
        existing = user_by_email(email)
        if existing is None:
            raise
        _tell_owner_of_sign_up_attempt(existing)
        return
    logger.info("Candidate account %s created, awaiting activation", user.pk)
    transaction.on_commit(partial(emails.send_activation_email, user_id=user.pk), robust=True)


def _tell_owner_of_sign_up_attempt(user: User) -> None:
    if user.awaiting_activation:
        # The owner probably lost the first email: a new link is what they need.
        transaction.on_commit(partial(emails.send_activation_email, user_id=user.pk), robust=True)
    elif user.is_active:
        transaction.on_commit(
            partial(emails.send_sign_up_attempt_notice, user_id=user.pk), robust=True
        )
    # A deactivated account gets nothing: only an administrator may open it again.


@transaction.atomic
def account_activate(*, token: str) -> User:
    """Activate the account of an activation link, once."""
    try:
        claim = read_activation_token(token, max_age=None)
    except signing.BadSignature:
        raise ActivationRefused(ActivationRefusal.INVALID) from None
    user = (
        User.objects.select_for_update().filter(pk=claim.user_id, email__iexact=claim.email).first()
    )
    if user is None:
        raise ActivationRefused(ActivationRefusal.INVALID)
    if not user.awaiting_activation:
        if user.is_active:
            raise ActivationRefused(ActivationRefusal.USED, email=user.email)
        raise ActivationRefused(ActivationRefusal.INVALID)
    try:
        read_activation_token(token, max_age=settings.ACCOUNT_ACTIVATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ActivationRefused(ActivationRefusal.EXPIRED, email=user.email) from None
    user.is_active = True
    user.awaiting_activation = False
    user.save(update_fields=["is_active", "awaiting_activation"])
    logger.info("Candidate account %s activated", user.pk)
    return user


@transaction.atomic
def activation_link_resend(*, email: str) -> None:
    """Send a new activation link if this address has an account awaiting activation."""
    user = user_by_email(email)
    if user is not None and user.awaiting_activation:
        transaction.on_commit(partial(emails.send_activation_email, user_id=user.pk), robust=True)


@transaction.atomic
def password_reset_request(*, email: str) -> None:
    """Send a password reset link to the account of this address, if it has one.

    An account still awaiting activation gets its activation link instead: its owner could not
    log in with a new password before activating it.
    """
    user = user_by_email(email)
    if user is None:
        return
    if user.awaiting_activation:
        transaction.on_commit(partial(emails.send_activation_email, user_id=user.pk), robust=True)
    elif user.is_active and user.has_usable_password():
        transaction.on_commit(
            partial(emails.send_password_reset_email, user_id=user.pk), robust=True
        )


@transaction.atomic
def password_set(*, user: User, password: str) -> User:
    """Give the account a new password, after a reset link proved the mailbox is the owner's.

    Proving it also lifts a login lockout of this account: the owner is back in at once.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    axes_reset(username=user.email.lower())
    logger.info("Password of account %s reset", user.pk)
    return user


class InvitationRefused(Exception):
    """The address already belongs to an account of another role or académie."""


@transaction.atomic
def academy_administrator_invite(
    *, email: str, academy: Any, first_name: str = "", last_name: str = ""
) -> tuple[User, bool]:
    """An académie's administrator, created without a password and sent the link to choose one
    (16 characters at least, then the second factor at the first login). Run again, it sends a
    new link while no password was chosen, and changes nothing else. (account, created)."""
    user = user_by_email(email)
    created = user is None
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=None,
            role=Role.ACADEMY_ADMIN,
            academy=academy,
            is_staff=True,
            first_name=first_name,
            last_name=last_name,
        )
        audit(actor=None, action="account.administrator_created", obj=user, academy=academy.code)
    elif user.role != Role.ACADEMY_ADMIN or user.academy_id != academy.pk:
        raise InvitationRefused(
            f"L'adresse {email} est déjà celle d'un compte ({user.get_role_display()}) "
            "d'une autre académie ou d'un autre rôle."
        )
    user.groups.add(academy_admin_group())
    if not user.has_usable_password():
        transaction.on_commit(partial(emails.send_staff_invitation, user_id=user.pk), robust=True)
    return user, created


# --- Changing the password or the login address, once the current password is typed again
# (re-authentication: OWASP ASVS 2.1.5, 3.7.1).

EMAIL_CHANGE_SALT = "accounts.email-change"
EMAIL_CHANGE_MAX_AGE = 24 * 3600


def password_change(*, user: User, password: str) -> None:
    """The caller checked the current password; the owner is told by email."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit(actor=user, action="account.password_changed", obj=user)
    transaction.on_commit(
        partial(emails.send_password_changed_notice, user_id=user.pk), robust=True
    )


def email_change_request(*, user: User, new_email: str) -> None:
    """A link to the new address proves it is the owner's; nothing changes before. An address
    another account uses gets no link (and the page says the same: nothing tells it is taken)."""
    audit(actor=user, action="account.email_change_requested", obj=user)
    if user_by_email(new_email) is not None:
        return
    token = signing.dumps(
        {"user": user.pk, "from": user.email, "to": new_email}, salt=EMAIL_CHANGE_SALT
    )
    transaction.on_commit(
        partial(emails.send_email_change_link, user_id=user.pk, new_email=new_email, token=token),
        robust=True,
    )


class EmailChangeRefused(Exception):
    pass


def email_change_confirm(*, token: str) -> User:
    """Once: the link names the address the account had, which it no longer has after."""
    try:
        claim = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature as error:
        raise EmailChangeRefused from error
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(pk=claim["user"], email__iexact=claim["from"], is_active=True)
            .first()
        )
        if user is None or user_by_email(claim["to"]) is not None:
            raise EmailChangeRefused
        old = user.email
        user.email = claim["to"]
        user.save(update_fields=["email"])
        audit(actor=user, action="account.email_changed", obj=user)
        transaction.on_commit(
            partial(emails.send_email_changed_notice, user_id=user.pk, old_email=old), robust=True
        )
    return user
