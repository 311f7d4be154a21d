"""The purge of what the retention periods no longer allow (``purge``), every night."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from inscriptions.core.scheduler import periodic

from . import purge as purging


@periodic(
    "privacy.purge",
    title=_("Effacement des données au terme de leur conservation"),
    counts={
        "dossiers": _("dossiers effacés"),
        "accounts": _("comptes anonymisés"),
        "connections": _("connexions effacées du journal"),
    },
    hour="3",
    minute="30",
)
def purge(*, now: datetime) -> dict[str, int]:
    return purging.purge(now=now)
