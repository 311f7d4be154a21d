from django_tasks import task

from .confirmation import email_confirmation, store_confirmation
from .models import RegistrationVersion


@task()
def send_confirmation(version_id: int) -> None:
    """After each validation: the confirmation PDF, kept with the version and emailed."""
    version = RegistrationVersion.objects.select_related("registration__candidate").get(
        pk=version_id
    )
    email_confirmation(version, store_confirmation(version))
