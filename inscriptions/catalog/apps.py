from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "inscriptions.catalog"
    label = "catalog"
    verbose_name = _("Référentiel")

    def ready(self) -> None:
        """A catalogue row saved or deleted (the admin site, the reference import) empties the
        catalogue's copies in memory (``cache.py``)."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import cache
        from .models import Academy, Department, Language, OfficeContact, Specialty, Unit

        for model in (Academy, Department, Language, OfficeContact, Specialty, Unit):
            uid = f"catalogue-cache-{model.__name__}"
            post_save.connect(cache.changed, sender=model, dispatch_uid=uid)
            post_delete.connect(cache.changed, sender=model, dispatch_uid=f"{uid}-delete")
        for through in (Specialty.languages.through, OfficeContact.specialties.through):
            m2m_changed.connect(
                cache.changed, sender=through, dispatch_uid=f"catalogue-cache-{through}"
            )
