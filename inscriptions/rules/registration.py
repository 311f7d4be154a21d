"""One registration per candidate and session: one specialty, one option (000–002 FAQ « plusieurs
BTS ou plusieurs options »; rules.md §10). The database enforces it too; this rule explains it."""

from collections.abc import Iterable

from . import sources as src
from .facts import ExistingRegistration
from .findings import Decision, Severity, define_rule
from .i18n import gettext_noop as _

DUPLICATE = define_rule(
    "registration.duplicate",
    Severity.ERROR,
    _(
        "Vous êtes déjà inscrit(e) à cette session (dossier %(dossier)s, spécialité "
        "%(specialty)s) : une seule inscription est possible, pour une seule spécialité et une "
        "seule option. Modifiez cette inscription plutôt que d'en créer une autre."
    ),
    src.N000_FAQ_SEVERAL,
    field="specialty_code",
)


def single_registration_decision(
    *, other_registrations: Iterable[ExistingRegistration]
) -> Decision:
    """``other_registrations``: the candidate's other validated registrations in the session.

    A withdrawn registration ("je ne souhaite plus présenter les épreuves", 001 FAQ) no longer
    counts: the candidate is no longer among those registered.
    """
    return Decision.of(
        DUPLICATE.finding(dossier=other.dossier_number, specialty=other.specialty_code)
        for other in other_registrations
        if not other.withdrawn
    )
