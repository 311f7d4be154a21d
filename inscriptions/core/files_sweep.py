"""Orphan files: a file of the storage that no row names (its upload's transaction rolled back,
a task stopped between writing the file and its row) is deleted once a day old, so that no
personal data lingers unaccounted for. Every file field of every model counts."""

from datetime import datetime, timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

from . import backup

# A file younger than this may belong to a transaction not committed yet.
GRACE = timedelta(days=1)


def referenced_files() -> set[str]:
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names |= set(
                    model._default_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .values_list(field.name, flat=True)
                )
    return names


def delete_orphans(*, now: datetime) -> int:
    referenced = referenced_files()
    deleted = 0
    for name in backup.stored_files():
        if name in referenced:
            continue
        if default_storage.get_modified_time(name) > now - GRACE:
            continue
        default_storage.delete(name)
        deleted += 1
    return deleted
