"""The ground floor's periodic jobs: the audit log sealed into its chain (``core.audit_chain``),
and the nightly backup (``core.backup``)."""

from datetime import datetime
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
