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
DRAFT_EXISTS = define_rule(
    "registration.draft_exists",
    Severity.ERROR,
    _(
        "Vous avez déjà commencé une inscription à cette session : une seule inscription est "
        "possible, pour une seule spécialité et une seule option. Reprenez-la plutôt que d'en "
        "créer une autre ; vous pouvez y changer de spécialité tant qu'elle n'est pas close."
    ),
    src.N000_FAQ_SEVERAL,
    field="specialty_code",
)
BUSY = define_rule(
    "registration.busy",
    Severity.ERROR,
    _(
        "Votre inscription est en cours d'enregistrement par une autre demande (un autre "
        "onglet, un double clic) : patientez un instant, puis rechargez la page."
    ),
    src.N002_ENTRY,
)
SPECIALTY_CHANGED = define_rule(
    "registration.specialty_changed",
    Severity.WARNING,
    _(
        "Vous remplacez la spécialité %(before)s par %(after)s : une seule inscription est "
        "possible, la nouvelle spécialité remplacera l'ancienne à la validation, et le bureau "
        "des examens en sera averti."
    ),
    src.N000_FAQ_SEVERAL,
    field="specialty_code",
)


def existing_registration_decision(
    *, dossier_number: str | None, specialty_code: str | None
) -> Decision:
    """Starting a registration when the candidate already has one in the session: validated
    (``dossier_number``), it is the duplicate the FAQ forbids; still a draft, it is to be
    resumed."""
    if dossier_number is None:
        return Decision.of([DRAFT_EXISTS.finding()])
    return Decision.of([DUPLICATE.finding(dossier=dossier_number, specialty=specialty_code or "—")])


def specialty_change_decision(*, before: str | None, after: str | None) -> Decision:
    """A modification that changes the specialty or its option replaces the registration's
    exam: said before validation (000–002 FAQ), and told to the office."""
    if before is None or after is None or before == after:
        return Decision()
    return Decision.of([SPECIALTY_CHANGED.finding(before=before, after=after)])


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
