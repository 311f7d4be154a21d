"""Results publication: the candidate answers yes or no to both questions (004)."""

from . import sources as src
from .facts import Consents
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _

PRESS_REQUIRED = define_rule(
    "consents.publish_results_press_required",
    Severity.ERROR,
    _(
        "Indiquez si vous acceptez ou refusez la communication de vos résultats en vue d'une "
        "publication par la presse ou sur les sites internet de sociétés de droit privé."
    ),
    src.N004_RESULTS,
    field="consents.publish_results_press",
)
LOCAL_AUTHORITIES_REQUIRED = define_rule(
    "consents.share_with_local_authorities_required",
    Severity.ERROR,
    _(
        "Indiquez si vous acceptez ou refusez la communication de vos résultats, de votre nom "
        "et de votre adresse aux collectivités territoriales en vue d'une éventuelle remise "
        "de récompense."
    ),
    src.N004_RESULTS,
    field="consents.share_with_local_authorities",
)


def consents_decision(*, consents: Consents) -> Decision:
    """Both answers are mandatory; "no" is an answer, an empty box is not (004, 001, 002)."""
    findings: list[Finding] = []
    if consents.publish_results_press is None:
        findings.append(PRESS_REQUIRED.finding())
    if consents.share_with_local_authorities is None:
        findings.append(LOCAL_AUTHORITIES_REQUIRED.finding())
    return Decision.of(findings)
