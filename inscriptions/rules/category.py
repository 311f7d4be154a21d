"""Category of candidate: who may register, and under which conditions.

There is no "candidat libre" at the BTS (000–002 FAQ): a candidate justifies a preparation by the
school, apprenticeship or continuing-education route, possibly at a distance, or professional
experience (003 « Modalités réglementaires »).
"""

from . import sources as src
from .facts import (
    DISTANCE_CATEGORIES,
    FORMER_CATEGORIES,
    CandidateFacts,
    Category,
    ContinuingSituation,
    SessionSettings,
)
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _

REQUIRED = define_rule(
    "category.required",
    Severity.ERROR,
    _(
        "Choisissez votre catégorie de candidat : la candidature en « candidat libre » "
        "n'existe pas au BTS."
    ),
    src.N000_FAQ_FREE_CANDIDATE,
    field="category",
)
FORMER_WITHOUT_ATTEMPT = define_rule(
    "category.former_requires_previous_session",
    Severity.ERROR,
    _(
        "Les catégories ex-scolaire, ex-apprenti et ex-formation continue sont réservées aux "
        "candidats refusés à une session précédente : indiquez votre dernière session."
    ),
    src.N003_CONDITIONS,
    field="last_attempt",
)
FORMER_OTHER_SPECIALTY = define_rule(
    "category.former_other_specialty",
    Severity.WARNING,
    _(
        "Votre dernière session concerne une autre spécialité (%(previous_specialty)s) : "
        "vérifiez que votre catégorie correspond à la préparation de la spécialité choisie."
    ),
    src.N003_CONDITIONS,
    field="category",
)
TRAINING_YEAR_REQUIRED = define_rule(
    "category.training_year_required",
    Severity.ERROR,
    _("Indiquez votre année de préparation au BTS (première ou seconde année)."),
    src.N000_CONCERNED,
    field="training.year",
)
FIRST_YEAR_NOT_ALLOWED = define_rule(
    "category.first_year_not_allowed",
    Severity.ERROR,
    _(
        "En première année, seuls les candidats de la formation continue peuvent s'inscrire "
        "à l'examen ; sinon il faut être inscrit en seconde année ou avoir obtenu une décision "
        "de positionnement en seconde année."
    ),
    src.N000_FAQ_FIRST_YEAR,
    field="training.year",
)
FIRST_YEAR_CONTINUING = define_rule(
    "category.first_year_continuing_conditions",
    Severity.WARNING,
    _(
        "L'inscription dès la première année n'est possible en formation continue que sous "
        "conditions : le bureau des examens les vérifiera."
    ),
    src.N000_FAQ_FIRST_YEAR,
    field="training.year",
)
SITUATION_REQUIRED = define_rule(
    "category.continuing_situation_required",
    Severity.ERROR,
    _(
        "Indiquez votre situation en formation continue (contrat de professionnalisation, "
        "perfectionnement, première formation ou reconversion)."
    ),
    src.N002_CATEGORY_DOCUMENTS,
    field="training.continuing_situation",
)
INTERNSHIP_STATUS_REQUIRED = define_rule(
    "category.internship_status_required",
    Severity.ERROR,
    _("Indiquez si vous avez déjà effectué vos stages de seconde année."),
    src.N000_FAQ_INTERNSHIP_LATER,
    field="training.internship_completed",
)
EXPERIENCE_REQUIRED = define_rule(
    "category.experience_required",
    Severity.ERROR,
    _("Indiquez la durée de votre expérience professionnelle en rapport avec la spécialité."),
    src.N003_CONDITIONS,
    field="professional_experience_months",
)
EXPERIENCE_INSUFFICIENT = define_rule(
    "category.experience_insufficient",
    Severity.ERROR,
    _(
        "L'inscription au titre de l'expérience professionnelle demande %(years)s an(s) "
        "d'exercice dans un emploi de technicien supérieur en rapport avec la spécialité ; "
        "vous en déclarez %(months)s mois."
    ),
    src.N002_CONCERNED,
    field="professional_experience_months",
)

_CONTINUING = frozenset({Category.FORMER_CONTINUING, Category.DISTANCE_CONTINUING})
_INTERNSHIP_SITUATIONS = frozenset(
    {ContinuingSituation.FIRST_TRAINING, ContinuingSituation.RETRAINING}
)


def needs_internship_status(candidate: CandidateFacts) -> bool:
    """Distance learners whose documents include internship attestations (002 §IV.B)."""
    if candidate.category is Category.DISTANCE_SCHOOL:
        return True
    return (
        candidate.category is Category.DISTANCE_CONTINUING
        and candidate.training.continuing_situation in _INTERNSHIP_SITUATIONS
    )


def _distance_findings(candidate: CandidateFacts) -> list[Finding]:
    findings: list[Finding] = []
    training = candidate.training
    if training.year not in (1, 2):
        findings.append(TRAINING_YEAR_REQUIRED.finding())
    elif training.year == 1:
        if candidate.category is Category.DISTANCE_CONTINUING:
            findings.append(FIRST_YEAR_CONTINUING.finding())
        elif not training.positioning_decision:
            findings.append(FIRST_YEAR_NOT_ALLOWED.finding())
    if needs_internship_status(candidate) and training.internship_completed is None:
        findings.append(INTERNSHIP_STATUS_REQUIRED.finding())
    return findings


def category_decision(
    *, candidate: CandidateFacts, specialty_code: str | None, settings: SessionSettings
) -> Decision:
    """Whether the candidate's category is one the BTS admits, with its conditions."""
    category = candidate.category
    if category is None:
        return Decision(findings=(REQUIRED.finding(),))
    findings: list[Finding] = []
    if category in FORMER_CATEGORIES:
        attempt = candidate.last_attempt
        if attempt is None:
            findings.append(FORMER_WITHOUT_ATTEMPT.finding())
        elif specialty_code is not None and attempt.specialty_code != specialty_code:
            findings.append(
                FORMER_OTHER_SPECIALTY.finding(previous_specialty=attempt.specialty_code)
            )
    if category in DISTANCE_CATEGORIES:
        findings += _distance_findings(candidate)
    if category in _CONTINUING and candidate.training.continuing_situation is None:
        findings.append(SITUATION_REQUIRED.finding())
    if category is Category.PROFESSIONAL_EXPERIENCE:
        months = candidate.professional_experience_months
        if months is None:
            findings.append(EXPERIENCE_REQUIRED.finding())
        elif months < settings.experience_years * 12:
            findings.append(
                EXPERIENCE_INSUFFICIENT.finding(years=settings.experience_years, months=months)
            )
    return Decision.of(findings)
