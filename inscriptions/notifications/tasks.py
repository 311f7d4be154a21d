from django_tasks import task

from . import emails


@task()
def send_notification_email(notification_id: int) -> None:
    emails.email_notification(notification_id)


@task()
def send_office_email(recipients: list[str], subject: str, body: str) -> None:
    emails.email_office(recipients, subject, body)
