from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _recount(*, registration_id: int, now: Any, **_kwargs: Any) -> None:
    from .counts import refresh_document_counts
    from .services import signature_to_give_again

    # A signature returned for an earlier version is asked again for the new one, before the
    # counts are made (it counts as missing then).
    signature_to_give_again(registration_id=registration_id, now=now)
    refresh_document_counts(registration_id, now=now)


class DocumentsConfig(AppConfig):
    name = "inscriptions.documents"
    label = "documents"
    verbose_name = _("Pièces justificatives")

    def ready(self) -> None:
        """A validated version may require other documents: the dossier's counts for the
        office's queue are made again (registration stands below and does not import us)."""
        from inscriptions.registration.signals import version_validated

        version_validated.connect(_recount, dispatch_uid="documents-recount-on-validation")
