"""The one way any app tells people: a notification in the candidate space and an email (002
§II ④: « une notification directement sur votre espace [...] ou le cas échéant par courriel »),
and an email to the office in charge of a dossier.

The notification row is written in the caller's transaction; the email goes through the task
queue once that transaction commits. A dossier is any object with the fields of
``registration.Registration`` (this app stands below it and does not import it).
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from inscriptions.accounts.models import Role, User
from inscriptions.core import queueing

from . import tasks
from .models import Notification


def dossier_url(registration: Any) -> str:
    """The dossier's page in the candidate space."""
    return reverse("candidates:detail", args=[registration.pk])


def office_url(registration: Any) -> str:
    return reverse("review:dossier", args=[registration.pk])


def notify_candidate(
    *,
    registration: Any,
    kind: str,
    title: str,
    body: str,
    now: datetime,
    link: str | None = None,
) -> Notification:
    """A notification in the dossier's candidate space, and its email once the caller commits.
    ``link`` defaults to the dossier's page."""
    notification = Notification.objects.create(
        user_id=registration.candidate_id,
        registration=registration,
        kind=kind,
        title=title[:200],
        body=body,
        link=dossier_url(registration) if link is None else link,
        created_at=now,
    )
    queueing.enqueue_with(tasks.send_notification_email, notification.pk)
    return notification


def office_recipients(registration: Any) -> list[str]:
    """The staff in charge of the dossier's specialty, or the académie's administrators when
    no one is assigned to it."""
    academy_id = registration.session.academy_id
    staff = User.objects.filter(
        is_active=True,
        academy_id=academy_id,
        role=Role.OFFICE_STAFF,
        specialties=registration.specialty_id,
    )
    emails = list(staff.values_list("email", flat=True))
    if not emails:
        admins = User.objects.filter(is_active=True, academy_id=academy_id, role=Role.ACADEMY_ADMIN)
        emails = list(admins.values_list("email", flat=True))
    return sorted(set(emails))


def notify_office(*, registration: Any, subject: str, text: str) -> None:
    """An email to the office in charge of the dossier, once the caller's transaction commits."""
    transaction.on_commit(lambda: _enqueue_office_email(registration, subject, text), robust=True)


def _enqueue_office_email(registration: Any, subject: str, text: str) -> None:
    recipients = office_recipients(registration)
    if not recipients:
        return
    with translation.override("fr"):
        body = render_to_string(
            "notifications/email/office.txt",
            {
                "registration": registration,
                "text": text,
                "url": settings.SITE_URL + office_url(registration),
            },
        )
    tasks.send_office_email.enqueue(recipients, str(subject), body)


def notifications_read(*, user: User, registration: Any, now: datetime) -> int:
    """The dossier's notifications are read once its candidate opens its page."""
    return Notification.objects.filter(
        user=user, registration=registration, read_at__isnull=True
    ).update(read_at=now)
