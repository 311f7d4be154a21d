"""The emails behind the notifications, sent by the task queue once the notifying transaction
has committed (``tasks``): to the candidate, a copy of the space's notification; to the office,
the text a candidate wrote or answered."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Notification


def email_notification(notification_id: int) -> None:
    notification = Notification.objects.select_related(
        "user", "registration__session__academy", "registration__specialty"
    ).get(pk=notification_id)
    # The candidate's language is not known outside a request: French, the service's language.
    with translation.override("fr"):
        context = {
            "notification": notification,
            "registration": notification.registration,
            "url": settings.SITE_URL + (notification.link or reverse("candidates:dashboard")),
        }
        send_mail(
            subject=notification.title,
            message=render_to_string("notifications/email/notification.txt", context),
            from_email=None,
            recipient_list=[notification.user.email],
        )


def email_office(recipients: list[str], subject: str, body: str) -> None:
    if recipients:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=recipients)
