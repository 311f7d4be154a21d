from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """The SITE_CONFIG object the DSFR templates read.

    django-dsfr's own context processor fetches it from the database on every request; the
    service builds it from settings instead.
    """
    brand = "Ministère<br>de l'Enseignement<br>supérieur<br>et de la Recherche"
    return {
        "SITE_CONFIG": SimpleNamespace(
            site_title=settings.SERVICE_NAME,
            site_tagline=settings.SERVICE_TAGLINE,
            header_brand_html=brand,
            footer_brand_html=brand,
            footer_brand="Ministère de l'Enseignement supérieur et de la Recherche",
            footer_description="",
            beta_tag=False,
            mourning=False,
            notice_title="",
            notice_description="",
        )
    }
