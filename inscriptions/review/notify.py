"""Telling people: a notification in the candidate space and an email (002 §II ④: « une
notification directement sur votre espace [...] ou le cas échéant par courriel »), and an email
to the office when a candidate writes or answers.

The notification row is written in the service's transaction; the email goes through the task
queue once the transaction commits.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from inscriptions.accounts.models import Role, User
from inscriptions.registration.models import Registration

from .models import Notification


def dossier_url(registration: Registration) -> str:
    return reverse("registration:detail", args=[registration.pk])


def office_url(registration: Registration) -> str:
    return reverse("review:dossier", args=[registration.pk])


def notify_candidate(
    *, registration: Registration, kind: str, title: str, body: str, now: datetime
) -> Notification:
    notification = Notification.objects.create(
        user_id=registration.candidate_id,
        registration=registration,
        kind=kind,
        title=title[:200],
        body=body,
        link=dossier_url(registration),
        created_at=now,
    )
    transaction.on_commit(lambda: _enqueue_email(notification.pk))
    return notification


def _enqueue_email(notification_id: int) -> None:
    from .tasks import send_notification_email

    send_notification_email.enqueue(notification_id)


def email_notification(notification_id: int) -> None:
    notification = Notification.objects.select_related(
        "user", "registration__session__academy", "registration__specialty"
    ).get(pk=notification_id)
    # The candidate's language is not known outside a request: French, the service's language.
    with translation.override("fr"):
        context = {
            "notification": notification,
            "registration": notification.registration,
            "url": settings.SITE_URL + (notification.link or reverse("registration:dashboard")),
        }
        send_mail(
            subject=notification.title,
            message=render_to_string("review/email/notification.txt", context),
            from_email=None,
            recipient_list=[notification.user.email],
        )


def office_recipients(registration: Registration) -> list[str]:
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


def notify_office(*, registration: Registration, subject: str, text: str) -> None:
    transaction.on_commit(lambda: _enqueue_office_email(registration.pk, subject, text))


def _enqueue_office_email(registration_id: int, subject: str, text: str) -> None:
    from .tasks import send_office_email

    send_office_email.enqueue(registration_id, subject, text)


def email_office(registration_id: int, subject: str, text: str) -> None:
    registration = Registration.objects.select_related("session").get(pk=registration_id)
    recipients = office_recipients(registration)
    if not recipients:
        return
    with translation.override("fr"):
        body = render_to_string(
            "review/email/office.txt",
            {
                "registration": registration,
                "text": text,
                "url": settings.SITE_URL + office_url(registration),
            },
        )
        send_mail(subject=subject, message=body, from_email=None, recipient_list=recipients)
