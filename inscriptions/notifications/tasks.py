from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from inscriptions.core import queueing

from . import emails
from .models import Notification

# A sending claimed this long ago and not marked sent: its worker died, another may send.
SENDING_STALE = timedelta(minutes=10)


@task()
def send_notification_email(notification_id: int) -> None:
    """The notification's email, sent once however many times this runs."""
    fields = {"started": "email_started_at", "done": "emailed_at"}
    if not queueing.claim_sending(
        Notification, notification_id, now=timezone.now(), stale=SENDING_STALE, **fields
    ):
        return
    try:
        emails.email_notification(notification_id)
    except Exception:
        queueing.release_sending(Notification, notification_id, started=fields["started"])
        raise
    queueing.sent(Notification, notification_id, done=fields["done"], now=timezone.now())


@task()
def send_office_email(recipients: list[str], subject: str, body: str) -> None:
    emails.email_office(recipients, subject, body)
