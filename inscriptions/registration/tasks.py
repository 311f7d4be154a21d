from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from inscriptions.core import queueing

from .confirmation import email_confirmation, store_confirmation
from .models import RegistrationVersion

# A sending claimed this long ago and not marked sent: its worker died, another may send.
SENDING_STALE = timedelta(minutes=10)


@task()
def send_confirmation(version_id: int) -> None:
    """After each validation: the confirmation PDF, kept with the version (rendered once), and
    emailed once however many times this runs."""
    version = RegistrationVersion.objects.select_related("registration__candidate").get(
        pk=version_id
    )
    data = store_confirmation(version)
    fields = {"started": "confirmation_email_started_at", "done": "confirmation_emailed_at"}
    if not queueing.claim_sending(
        RegistrationVersion, version.pk, now=timezone.now(), stale=SENDING_STALE, **fields
    ):
        return
    try:
        email_confirmation(version, data)
    except Exception:
        queueing.release_sending(RegistrationVersion, version.pk, started=fields["started"])
        raise
    queueing.sent(RegistrationVersion, version.pk, done=fields["done"], now=timezone.now())
