from django.utils import timezone
from django_tasks import task

from . import notify, services


@task()
def send_notification_email(notification_id: int) -> None:
    notify.email_notification(notification_id)


@task()
def send_office_email(registration_id: int, subject: str, text: str) -> None:
    notify.email_office(registration_id, subject, text)


@task()
def expire_completion_request(request_id: int) -> None:
    """Queued for the request's deadline: at the deadline, an unanswered request makes the
    dossier non conforme (002 §II ④ « A défaut, votre inscription sera refusée »)."""
    services.completion_expire(request_id=request_id, now=timezone.now())


@task()
def process_deadlines() -> None:
    """The periodic sweep (``manage.py review_deadlines``): expired requests, closing reminders."""
    services.deadlines_sweep(now=timezone.now())
