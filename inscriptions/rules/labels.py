"""French labels of the enums, marked for translation (the interface is French first).

Django apps build ``TextChoices`` from :func:`choices`: the stored value is the stable code,
the label goes through ``gettext``.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from .facts import (
    Action,
    Attestation,
    Category,
    ContinuingSituation,
    DiplomaKind,
    ExamForm,
    ExemptionBasis,
    TrainingRoute,
    UnitKind,
)
from .findings import Severity
from .i18n import gettext_noop as _
from .units import UnitPositionKind

LABELS: Mapping[StrEnum, str] = MappingProxyType(
    {
        Category.FORMER_SCHOOL: _("Ex-scolaire"),
        Category.FORMER_APPRENTICE: _("Ex-apprenti"),
        Category.FORMER_CONTINUING: _("Ex-formation continue"),
        Category.DISTANCE_SCHOOL: _("Enseignement à distance – scolaire"),
        Category.DISTANCE_APPRENTICE: _("Enseignement à distance – apprenti"),
        Category.DISTANCE_CONTINUING: _("Enseignement à distance – formation continue"),
        Category.PROFESSIONAL_EXPERIENCE: _("Expérience professionnelle"),
        TrainingRoute.SCHOOL: _("Voie scolaire"),
        TrainingRoute.APPRENTICESHIP: _("Apprentissage"),
        TrainingRoute.CONTINUING: _("Formation professionnelle continue"),
        TrainingRoute.EXPERIENCE: _("Expérience professionnelle"),
        ExamForm.GLOBAL: _("Forme globale"),
        ExamForm.PROGRESSIVE: _("Forme progressive"),
        ContinuingSituation.PROFESSIONALISATION_CONTRACT: _("Contrat de professionnalisation"),
        ContinuingSituation.FURTHER_TRAINING: _("Perfectionnement"),
        ContinuingSituation.FIRST_TRAINING: _("Première formation"),
        ContinuingSituation.RETRAINING: _("Reconversion"),
        UnitKind.GENERAL: _("Unité générale"),
        UnitKind.PROFESSIONAL: _("Unité professionnelle"),
        UnitKind.OPTIONAL: _("Unité facultative"),
        DiplomaKind.BTS: _("Brevet de technicien supérieur"),
        DiplomaKind.DUT: _("Diplôme universitaire de technologie"),
        DiplomaKind.NATIONAL: _("Diplôme national"),
        DiplomaKind.FOREIGN: _("Diplôme étranger"),
        ExemptionBasis.DIPLOMA: _("Diplôme"),
        ExemptionBasis.VAE: _("Validation des acquis de l'expérience"),
        ExemptionBasis.GENERAL_CULTURE_BENEFIT: _(
            "Bénéfice de culture générale et expression d'une autre spécialité"
        ),
        Attestation.R408: _("Attestation R408 (échafaudages de pied)"),
        Attestation.ELECTRICAL_RISK: _("Prévention des risques d'origine électrique"),
        Attestation.FIRST_AID: _("Protection et secours aux personnes"),
        Attestation.REFRIGERANT_FLUIDS: _("Manipulation des fluides frigorigènes"),
        Attestation.WORK_AT_HEIGHT: _("Travaux en hauteur"),
        UnitPositionKind.PRESENTED: _("Présentée"),
        UnitPositionKind.BENEFIT: _("Bénéfice"),
        UnitPositionKind.EXEMPTION: _("Dispense"),
        UnitPositionKind.DEFERRED: _("Non présentée à cette session"),
        UnitPositionKind.OPTIONAL_REGISTERED: _("Inscrit"),
        UnitPositionKind.OPTIONAL_NOT_REGISTERED: _("Non inscrit"),
        Action.SUBMIT: _("Validation de l'inscription"),
        Action.MODIFY: _("Modification de l'inscription"),
        Action.REVIEW: _("Examen du dossier"),
        Severity.ERROR: _("Erreur"),
        Severity.WARNING: _("Avertissement"),
        Severity.INFO: _("Information"),
    }
)

# Languages by ISO 639-1 code, for messages; a code missing here is shown as is.
LANGUAGE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "en": _("anglais"),
        "es": _("espagnol"),
        "de": _("allemand"),
        "it": _("italien"),
        "pt": _("portugais"),
        "ar": _("arabe"),
        "zh": _("chinois"),
        "ru": _("russe"),
        "ja": _("japonais"),
        "nl": _("néerlandais"),
        "he": _("hébreu"),
        "ko": _("coréen"),
        "vi": _("vietnamien"),
        "tr": _("turc"),
        "pl": _("polonais"),
        "el": _("grec moderne"),
    }
)


def label(member: StrEnum) -> str:
    """The French label of an enum member."""
    return LABELS[member]


def language_label(code: str) -> str:
    return LANGUAGE_LABELS.get(code, code)


def choices(enum: type[StrEnum]) -> tuple[tuple[str, str], ...]:
    """``(value, label)`` pairs in declaration order, for ``TextChoices`` and forms."""
    return tuple((member.value, LABELS[member]) for member in enum)
