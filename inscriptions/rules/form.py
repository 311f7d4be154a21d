"""Form of examination: globale or progressive, who must and who may choose (003, 000 FAQ)."""

from collections.abc import Iterable
from dataclasses import dataclass

from . import sources as src
from .facts import Category, ExamForm, ExemptionBasis, ExemptionClaim, PriorAttempt
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _


@dataclass(frozen=True, slots=True)
class FormDecision(Decision):
    allowed: frozenset[ExamForm] = frozenset()


REQUIRED = define_rule(
    "form.required",
    Severity.ERROR,
    _("Choisissez la forme de passage de l'examen : globale ou progressive."),
    src.N003_FORMS,
    field="form",
)
GLOBAL_FOR_CATEGORY = define_rule(
    "form.global_required_for_category",
    Severity.ERROR,
    _(
        "Les candidats ayant préparé le BTS par la voie scolaire ou par la voie de "
        "l'apprentissage présentent obligatoirement l'examen sous la forme globale."
    ),
    src.N003_FORMS,
    field="form",
)
ADJOURNED_GLOBAL = define_rule(
    "form.adjourned_global_stays_global",
    Severity.ERROR,
    _(
        "Ajourné(e) en forme globale à la session %(session_year)s, vous devez vous inscrire "
        "à nouveau en forme globale et déclarer vos bénéfices de notes."
    ),
    src.N000_FAQ_KEEP_FORM,
    field="form",
)
PREVIOUS_PROGRESSIVE = define_rule(
    "form.previous_progressive",
    Severity.WARNING,
    _(
        "Vous vous êtes présenté(e) en forme progressive à la session %(session_year)s ; le "
        "choix de la forme est définitif : le bureau des examens vérifiera ce changement."
    ),
    src.R_FORMS,
    field="form",
)
CHOICE_FINAL = define_rule(
    "form.choice_final",
    Severity.INFO,
    _("Le choix entre la forme globale et la forme progressive est définitif."),
    src.N003_FORMS,
    field="form",
)

# 003: the school and apprenticeship routes sit the exam in forme globale; continuing education,
# distance learning whatever the status, and professional experience choose. Ex-scolaire and
# ex-apprenti candidates prepared the BTS by those routes, so they stay in globale.
_GLOBAL_ONLY = frozenset({Category.FORMER_SCHOOL, Category.FORMER_APPRENTICE})


def _same_specialty_attempt(
    last_attempt: PriorAttempt | None, specialty_code: str
) -> PriorAttempt | None:
    if last_attempt is not None and last_attempt.specialty_code == specialty_code:
        return last_attempt
    return None


def allowed_forms(
    *,
    category: Category | None,
    specialty_code: str,
    last_attempt: PriorAttempt | None = None,
    exemptions: Iterable[ExemptionClaim] = (),
) -> frozenset[ExamForm]:
    """The forms this candidate may register in."""
    attempt = _same_specialty_attempt(last_attempt, specialty_code)
    if attempt is not None and attempt.form is ExamForm.GLOBAL:
        return frozenset({ExamForm.GLOBAL})
    # 000–002 FAQ « forme progressive »: candidates declaring dispenses obtained by VAE may too.
    vae = any(claim.basis is ExemptionBasis.VAE for claim in exemptions)
    if category in _GLOBAL_ONLY and not vae:
        return frozenset({ExamForm.GLOBAL})
    return frozenset(ExamForm)


def exam_form_decision(
    *,
    category: Category | None,
    form: ExamForm | None,
    specialty_code: str,
    last_attempt: PriorAttempt | None = None,
    exemptions: Iterable[ExemptionClaim] = (),
) -> FormDecision:
    """Whether the chosen form is open to this candidate, and why not."""
    exemptions = tuple(exemptions)
    allowed = allowed_forms(
        category=category,
        specialty_code=specialty_code,
        last_attempt=last_attempt,
        exemptions=exemptions,
    )
    findings: list[Finding] = []
    attempt = _same_specialty_attempt(last_attempt, specialty_code)
    if form is None:
        findings.append(REQUIRED.finding())
    elif form not in allowed:
        if attempt is not None and attempt.form is ExamForm.GLOBAL:
            findings.append(ADJOURNED_GLOBAL.finding(session_year=attempt.session_year))
        else:
            findings.append(GLOBAL_FOR_CATEGORY.finding())
    else:
        if attempt is not None and attempt.form is not form:
            findings.append(PREVIOUS_PROGRESSIVE.finding(session_year=attempt.session_year))
        if len(allowed) > 1:
            findings.append(CHOICE_FINAL.finding())
    return FormDecision(findings=tuple(findings), allowed=allowed)
