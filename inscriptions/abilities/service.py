"""Who may read the state of the service (the periodic jobs, the scheduler): an académie's
administrators, who answer for it to their office, and the platform's superusers."""

from typing import Any

from inscriptions.accounts.models import Role


def may_see_service_state(user: Any) -> bool:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return bool(user.is_superuser or user.role == Role.ACADEMY_ADMIN)
