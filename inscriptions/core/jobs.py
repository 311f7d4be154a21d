"""The ground floor's periodic jobs: the audit log sealed into its chain (``core.audit_chain``),
and the nightly backup (``core.backup``)."""

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import audit_chain, backup, files_sweep
from .scheduler import periodic


@periodic(
    "audit.seal",
    title=_("Scellement du journal d'audit"),
    counts={"sealed": _("entrées scellées")},
    minute="*/5",
)
def seal_audit(*, now: datetime) -> dict[str, int]:
    return {"sealed": audit_chain.seal_pending(now=now)}


@periodic(
    "operations.backup",
    title=_("Sauvegarde de la base et des fichiers"),
    counts={"files": _("fichiers sauvegardés"), "removed": _("anciennes sauvegardes effacées")},
    hour="2",
    minute="0",
)
def nightly_backup(*, now: datetime) -> dict[str, int]:
    destination = Path(settings.BACKUP_DIR)
    folder = backup.backup(destination, now=now)
    removed = backup.keep_latest(destination, settings.BACKUP_KEEP)
    manifest = backup.read_manifest(folder)
    return {"files": len(manifest["files"]), "removed": len(removed)}


@periodic(
    "operations.orphan_files",
    title=_("Effacement des fichiers orphelins"),
    counts={"deleted": _("fichiers orphelins effacés")},
    hour="4",
    minute="10",
)
def orphan_files(*, now: datetime) -> dict[str, int]:
    return {"deleted": files_sweep.delete_orphans(now=now)}


@periodic(
    "operations.stalled_tasks",
    title=_("Reprise des tâches interrompues"),
    counts={"requeued": _("tâches remises en file")},
    minute="*/5",
)
def stalled_tasks(*, now: datetime) -> dict[str, int]:
    """With the database queue, a task left running by a worker that died is put back in the
    queue once ``TASK_TIMEOUT_MINUTES`` old (every task is safe to run again: the emails and the
    exports are claimed, the PDF rendered once). RQ gives its own abandoned jobs a timeout."""
    if settings.TASK_BACKEND != "database":
        return {"requeued": 0}
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    stalled = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        started_at__lt=now - timedelta(minutes=settings.TASK_TIMEOUT_MINUTES),
    )
    return {"requeued": stalled.update(status=TaskResultStatus.READY, started_at=None)}
