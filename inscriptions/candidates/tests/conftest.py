"""The candidate space's tests meet the office's: the same validated dossiers and staff."""

from inscriptions.review.tests.conftest import *  # noqa: F403
from inscriptions.review.tests.conftest import NOW, validate

__all__ = ["NOW", "validate"]
