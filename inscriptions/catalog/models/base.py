"""What the catalogue's models share: writes that send no signal tell the catalogue's copies in
memory too."""

from typing import Any

from django.db import models

from .. import cache


class CatalogueQuerySet(models.QuerySet[Any]):
    """The writes that send no signal (``update``, ``bulk_create``, ``bulk_update``) tell the
    catalogue's copies in memory (``cache.py``) too that the catalogue changed."""

    def update(self, **kwargs: Any) -> int:
        rows = super().update(**kwargs)
        cache.invalidate()
        return rows

    def bulk_create(self, *args: Any, **kwargs: Any) -> Any:
        created = super().bulk_create(*args, **kwargs)
        cache.invalidate()
        return created

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        rows = super().bulk_update(*args, **kwargs)
        cache.invalidate()
        return rows
