from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data and the synthetic dossiers of the benchmarks: on top of every other app, and
    imported by none (import-linter checks it)."""

    name = "inscriptions.demo"
    label = "demo"
    verbose_name = _("Données de démonstration")
