from django.urls import path
from django.utils.translation import gettext_noop

from . import metrics, views

app_name = "core"

urlpatterns = [
    path(
        "mentions-legales/",
        views.legal_page("core/legal/legal_notice.html", gettext_noop("Mentions légales")),
        name="legal_notice",
    ),
    path(
        "accessibilite/",
        views.legal_page("core/legal/accessibility.html", gettext_noop("Accessibilité")),
        name="accessibility",
    ),
    path(
        "donnees-personnelles/",
        views.legal_page("core/legal/personal_data.html", gettext_noop("Données personnelles")),
        name="personal_data",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
]
