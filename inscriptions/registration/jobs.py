"""The registration's periodic job: the confirmations a committed validation still lacks."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inscriptions.core.scheduler import periodic

from .models import RegistrationVersion
from .tasks import SENDING_STALE, send_confirmation

# Older than a week, the candidate has long been able to download it from their space.
SWEEP_WITHIN = timedelta(days=7)


@periodic(
    "registration.unsent_confirmations",
    title=_("Confirmations d'inscription restées sans envoi"),
    counts={"queued": _("confirmations remises en file")},
    minute="*/5",
)
def unsent_confirmations(*, now: datetime) -> dict[str, int]:
    """A validation committed whose confirmation was never emailed (its task lost with the
    queue, or its worker stopped mid-way): queued again; the task sends it once."""
    lacking = RegistrationVersion.objects.filter(
        confirmation_emailed_at__isnull=True,
        validated_at__lte=now - timedelta(seconds=settings.TASK_SWEEP_AFTER_SECONDS),
        validated_at__gte=now - SWEEP_WITHIN,
    ).filter(
        Q(confirmation_email_started_at__isnull=True)
        | Q(confirmation_email_started_at__lt=now - SENDING_STALE)
    )
    queued = 0
    for pk in lacking.values_list("pk", flat=True)[:500]:
        send_confirmation.enqueue(pk)
        queued += 1
    return {"queued": queued}
