"""The notifications' tests use the office's: validated dossiers, staff in and out of scope."""

from inscriptions.review.tests.conftest import *  # noqa: F403
from inscriptions.review.tests.conftest import NOW, validate

__all__ = ["NOW", "validate"]
