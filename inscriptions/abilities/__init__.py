"""What a user may do with an object: the one place that decides it, for every app.

Pages, their templates, the API and the services ask these functions, and nothing else decides
a permission. On the ground floor (it imports accounts, the catalogue and the rules only), so the
apps above, the exam-year ones included, ask it without importing upward.
"""

from .account import AccountAbilities, account_abilities
from .dossiers import (
    NONE,
    DossierAbilities,
    dossier_abilities,
    dossier_scope,
    in_office_scope,
    is_office_member,
)
from .service import may_see_service_state

__all__ = [
    "NONE",
    "AccountAbilities",
    "DossierAbilities",
    "account_abilities",
    "dossier_abilities",
    "dossier_scope",
    "in_office_scope",
    "is_office_member",
    "may_see_service_state",
]
