"""The privacy tests build on the office's fixtures: a validated dossier, its staff."""

from inscriptions.review.tests.conftest import *  # noqa: F403
