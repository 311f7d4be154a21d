from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "inscriptions.catalog"
    label = "catalog"
    verbose_name = _("Référentiel")

    def ready(self) -> None:
        from . import cache

        cache.connect_signals()
