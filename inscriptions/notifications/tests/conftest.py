"""The notifications' tests use the office's: validated dossiers, staff in and out of scope."""

from inscriptions.documents.tests.conftest import *  # noqa: F403
from inscriptions.review.tests.conftest import (
    NOW,
    academy_admin,
    foreign_admin,
    other_candidate,
    other_staff,
    run_on_commit,
    staff,
    toulouse,
    validate,
)

__all__ = [
    "NOW",
    "academy_admin",
    "foreign_admin",
    "other_candidate",
    "other_staff",
    "run_on_commit",
    "staff",
    "toulouse",
    "validate",
]
