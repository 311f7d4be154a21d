"""The ground floor's periodic job: the audit log sealed into its chain (``core.audit_chain``)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from . import audit_chain
from .scheduler import periodic


@periodic(
    "audit.seal",
    title=_("Scellement du journal d'audit"),
    counts={"sealed": _("entrées scellées")},
    minute="*/5",
)
def seal_audit(*, now: datetime) -> dict[str, int]:
    return {"sealed": audit_chain.seal_pending(now=now)}
