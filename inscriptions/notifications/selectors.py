"""What the candidate space shows of the notifications: per dossier, the unread ones."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from .models import Notification

LATEST_PER_DOSSIER = 3


@dataclass
class DossierNotices:
    unread: int = 0
    latest: list[Notification] = field(default_factory=list)


def dossier_notices(user: Any) -> dict[int, DossierNotices]:
    """Per dossier: how many notifications are unread, and the latest of them."""
    notices: dict[int, DossierNotices] = defaultdict(DossierNotices)
    unread = Notification.objects.filter(
        user=user, read_at__isnull=True, registration__isnull=False
    )
    for row in unread.values("registration_id").annotate(count=Count("pk")):
        notices[row["registration_id"]].unread = row["count"]
    for notification in unread.order_by("-created_at", "-pk")[:50]:
        latest = notices[notification.registration_id or 0].latest
        if len(latest) < LATEST_PER_DOSSIER:
            latest.append(notification)
    return dict(notices)


def unread_of_dossier(registration: Any) -> list[Notification]:
    """The candidate's unread notifications of one dossier."""
    return list(
        Notification.objects.filter(
            user_id=registration.candidate_id, registration=registration, read_at__isnull=True
        )
    )
