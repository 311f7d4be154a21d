"""Languages: the specialty's lists, the teaching followed, the optional language.

The compulsory language is chosen in the list of the specialty's règlement (000–002 FAQ, rules.md
§6 D643-15-2) and requires having followed its teaching (000 « Important », 002 §III.B.1); an
optional language differs from the compulsory one (rules.md §6). The proof of training for a
language other than English or Spanish is a required document (see ``documents``).
"""

from . import sources as src
from .facts import SpecialtyFacts
from .findings import Decision, Finding, Severity, define_rule
from .i18n import gettext_noop as _
from .labels import language_label

COMPULSORY_REQUIRED = define_rule(
    "languages.compulsory_required",
    Severity.ERROR,
    _("Choisissez la langue vivante de l'épreuve obligatoire."),
    src.N000_FAQ_LANGUAGE,
    field="compulsory_language",
)
COMPULSORY_NOT_OFFERED = define_rule(
    "languages.compulsory_not_offered",
    Severity.ERROR,
    _(
        "La langue « %(language)s » n'est pas prévue par le règlement de la spécialité pour "
        "l'épreuve obligatoire de langue."
    ),
    src.N000_FAQ_LANGUAGE,
    field="compulsory_language",
)
TEACHING_NOT_FOLLOWED = define_rule(
    "languages.teaching_not_followed",
    Severity.ERROR,
    _(
        "L'inscription à une épreuve obligatoire de langue est conditionnée par le suivi de "
        "son enseignement (dans l'établissement de formation, un autre établissement ou à "
        "distance)."
    ),
    src.N002_LANGUAGE,
    field="compulsory_language_followed",
)
OPTIONAL_REQUIRED = define_rule(
    "languages.optional_required",
    Severity.ERROR,
    _("Choisissez la langue de l'épreuve facultative de langue vivante."),
    src.N004_UNITS,
    field="optional_language",
)
OPTIONAL_NOT_OFFERED = define_rule(
    "languages.optional_not_offered",
    Severity.ERROR,
    _("La langue « %(language)s » n'est pas proposée pour l'épreuve facultative de langue."),
    src.R_LANGUAGES,
    field="optional_language",
)
OPTIONAL_SAME = define_rule(
    "languages.optional_same_as_compulsory",
    Severity.ERROR,
    _(
        "La langue de l'épreuve facultative doit être différente de celle de l'épreuve "
        "obligatoire (%(language)s)."
    ),
    src.R_LANGUAGES,
    field="optional_language",
)
OPTIONAL_WITHOUT_UNIT = define_rule(
    "languages.optional_without_unit",
    Severity.ERROR,
    _(
        "Vous avez choisi une langue facultative (%(language)s) sans vous inscrire à "
        "l'épreuve facultative de langue."
    ),
    src.N004_UNITS,
    field="optional_language",
)


def _compulsory_findings(
    specialty: SpecialtyFacts, language: str | None, followed: bool | None
) -> list[Finding]:
    if not specialty.compulsory_languages:
        return []
    if language is None:
        return [COMPULSORY_REQUIRED.finding()]
    if language not in specialty.compulsory_languages:
        return [COMPULSORY_NOT_OFFERED.finding(language=language_label(language))]
    if followed is False:
        return [TEACHING_NOT_FOLLOWED.finding()]
    return []


def languages_decision(
    *,
    specialty: SpecialtyFacts,
    option_code: str | None,
    compulsory_language: str | None,
    compulsory_language_followed: bool | None,
    optional_language: str | None,
    optional_units: frozenset[str],
) -> Decision:
    """Whether the languages chosen are open to the candidate."""
    findings = _compulsory_findings(specialty, compulsory_language, compulsory_language_followed)
    language_unit_registered = any(
        unit.language and unit.code in optional_units
        for unit in specialty.optional_units(option_code)
    )
    if optional_language is None:
        if language_unit_registered:
            findings.append(OPTIONAL_REQUIRED.finding())
        return Decision.of(findings)
    shown = language_label(optional_language)
    if not language_unit_registered:
        findings.append(OPTIONAL_WITHOUT_UNIT.finding(language=shown))
    elif optional_language not in specialty.optional_languages:
        findings.append(OPTIONAL_NOT_OFFERED.finding(language=shown))
    elif optional_language == compulsory_language:
        findings.append(OPTIONAL_SAME.finding(language=shown))
    return Decision.of(findings)
