"""The office's periodic jobs (``core.scheduler``): deadlines and reminders."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from inscriptions.core.scheduler import periodic

from . import deadlines, export_builds

REMINDED = {"reminded": _("rappels envoyés")}


@periodic(
    "review.completion_deadlines",
    title=_("Demandes de compléments échues"),
    counts={"expired": _("dossiers rendus non conformes")},
    minute="*/5",
)
def completion_deadlines(*, now: datetime) -> dict[str, int]:
    """An unanswered request at its deadline makes the dossier non conforme (002 §II ④)."""
    return {"expired": deadlines.expire_overdue_completions(now=now)}


@periodic(
    "review.closing_reminders", title=_("Rappels avant la clôture"), counts=REMINDED, minute="7"
)
def closing_reminders(*, now: datetime) -> dict[str, int]:
    return {"reminded": deadlines.closing_reminders(now=now)}


@periodic(
    "review.documents_reminders",
    title=_("Rappels avant la date limite des pièces"),
    counts=REMINDED,
    minute="17",
)
def documents_reminders(*, now: datetime) -> dict[str, int]:
    return {"reminded": deadlines.documents_reminders(now=now)}


@periodic(
    "review.completion_reminders",
    title=_("Rappels avant l'échéance d'une demande"),
    counts=REMINDED,
    minute="27",
)
def completion_reminders(*, now: datetime) -> dict[str, int]:
    return {"reminded": deadlines.completion_reminders(now=now)}


@periodic(
    "review.expired_exports",
    title=_("Effacement des exports arrivés à échéance"),
    counts={"deleted": _("exports effacés")},
    minute="41",
)
def expired_exports(*, now: datetime) -> dict[str, int]:
    return {"deleted": export_builds.delete_expired_exports(now=now)}
