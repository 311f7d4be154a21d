"""The notifications' periodic job: the emails a committed notification still lacks."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inscriptions.core.scheduler import periodic

from .models import Notification
from .tasks import SENDING_STALE, send_notification_email

SWEEP_WITHIN = timedelta(days=7)


@periodic(
    "notifications.unsent_emails",
    title=_("Courriels de notification restés sans envoi"),
    counts={"queued": _("courriels remis en file")},
    minute="*/5",
)
def unsent_emails(*, now: datetime) -> dict[str, int]:
    """A notification committed whose email never left (its task lost, its worker stopped):
    queued again; the task sends it once."""
    lacking = Notification.objects.filter(
        emailed_at__isnull=True,
        created_at__lte=now - timedelta(seconds=settings.TASK_SWEEP_AFTER_SECONDS),
        created_at__gte=now - SWEEP_WITHIN,
        user__is_active=True,
    ).filter(Q(email_started_at__isnull=True) | Q(email_started_at__lt=now - SENDING_STALE))
    queued = 0
    for pk in lacking.values_list("pk", flat=True)[:500]:
        send_notification_email.enqueue(pk)
        queued += 1
    return {"queued": queued}
