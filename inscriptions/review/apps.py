from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _answer_by_pieces(*, registration_id: int, now: Any, **_kwargs: Any) -> None:
    from .answers import completion_answer_by_pieces

    completion_answer_by_pieces(registration_id=registration_id, now=now)


class ReviewConfig(AppConfig):
    name = "inscriptions.review"
    label = "review"
    verbose_name = _("Traitement des dossiers")

    def ready(self) -> None:
        """An office's request is answered once every piece it asks for has arrived in time, and
        its corrections are made (002 §II ④ asks only that the pieces be supplied in time): on
        each upload and on each validated version (the apps below do not import this one)."""
        from inscriptions.documents.signals import document_uploaded
        from inscriptions.registration.signals import version_validated

        document_uploaded.connect(_answer_by_pieces, dispatch_uid="review-answer-on-upload")
        version_validated.connect(_answer_by_pieces, dispatch_uid="review-answer-on-validation")
