"""What a user may do with their own account's data: export it (everyone signed in, about
themselves), close the account (a candidate, when nothing of theirs must be kept: no validated
dossier, which the exam office keeps for its retention period)."""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from inscriptions.accounts.models import Role


@dataclass(frozen=True)
class AccountAbilities:
    export: bool = False
    close: bool = False
    # Why the account cannot be closed, when it cannot.
    close_refused: str | Promise = ""


def account_abilities(user: Any) -> AccountAbilities:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return AccountAbilities()
    if user.role != Role.CANDIDATE:
        return AccountAbilities(
            export=True,
            close_refused=_("Les comptes du bureau des examens sont fermés par l'administrateur."),
        )
    if user.registrations.filter(number__isnull=False).exists():
        return AccountAbilities(
            export=True,
            close_refused=_(
                "Vous avez validé une inscription : le bureau des examens doit conserver votre "
                "dossier pendant la durée indiquée ci-dessus, et votre compte avec lui. Pour "
                "renoncer à passer l'examen, désistez-vous depuis la page de votre dossier."
            ),
        )
    return AccountAbilities(export=True, close=True)
