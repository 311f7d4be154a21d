from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Inscriptions au BTS — administration")
admin.site.site_title = _("Administration")
admin.site.index_title = _("Référentiel, sessions et comptes")

urlpatterns = [
    path("", include("inscriptions.core.urls")),
    path("", include("inscriptions.catalog.urls")),
    path("espace-candidat/", include("inscriptions.candidates.urls")),
    path("espace-candidat/", include("inscriptions.registration.urls")),
    path("espace-candidat/justificatifs/", include("inscriptions.documents.urls")),
    path("compte/donnees/", include("inscriptions.privacy.urls")),
    path("compte/", include("inscriptions.accounts.urls")),
    path("bureau/", include("inscriptions.review.urls")),
    path("api/", include("inscriptions.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "inscriptions.core.views.page_not_found"
handler500 = "inscriptions.core.views.server_error"
