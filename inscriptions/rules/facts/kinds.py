"""The closed lists the facts draw from: categories, training routes, forms of examination, kinds
of unit, diploma and exemption, attestations, the wizard's actions."""

from enum import StrEnum


class Category(StrEnum):
    """Category of candidate (000–002 §I, 003 « Modalités réglementaires »).

    There is no "candidat libre" (000 FAQ): a candidate belongs to one of these. Candidates who
    failed a previous session and no longer train in an establishment register as ex-scolaire,
    ex-apprenti or ex-formation continue (003); distance learning (CNED…) covers the three
    training routes (003 « Précision »).
    """

    FORMER_SCHOOL = "former_school"
    FORMER_APPRENTICE = "former_apprentice"
    FORMER_CONTINUING = "former_continuing"
    DISTANCE_SCHOOL = "distance_school"
    DISTANCE_APPRENTICE = "distance_apprentice"
    DISTANCE_CONTINUING = "distance_continuing"
    PROFESSIONAL_EXPERIENCE = "professional_experience"


class TrainingRoute(StrEnum):
    """The way the BTS was prepared (003 « Modalités réglementaires »)."""

    SCHOOL = "school"
    APPRENTICESHIP = "apprenticeship"
    CONTINUING = "continuing"
    EXPERIENCE = "experience"


FORMER_CATEGORIES = frozenset(
    {Category.FORMER_SCHOOL, Category.FORMER_APPRENTICE, Category.FORMER_CONTINUING}
)


DISTANCE_CATEGORIES = frozenset(
    {Category.DISTANCE_SCHOOL, Category.DISTANCE_APPRENTICE, Category.DISTANCE_CONTINUING}
)


class ExamForm(StrEnum):
    """Form of examination (003 « Les différentes formes de passage »)."""

    GLOBAL = "global"
    PROGRESSIVE = "progressive"


class ContinuingSituation(StrEnum):
    """Situation of a formation-continue candidate (002 §IV.B, 003 « Pièces à déposer »)."""

    PROFESSIONALISATION_CONTRACT = "professionalisation_contract"
    FURTHER_TRAINING = "further_training"
    FIRST_TRAINING = "first_training"
    RETRAINING = "retraining"


class UnitKind(StrEnum):
    """Kind of unit in the specialty's règlement d'examen."""

    GENERAL = "general"
    PROFESSIONAL = "professional"
    OPTIONAL = "optional"


class DiplomaKind(StrEnum):
    """Kind of diploma held, for dispenses (003 « Les dispenses d'épreuves »)."""

    BTS = "bts"
    DUT = "dut"
    NATIONAL = "national"
    FOREIGN = "foreign"


class ExemptionBasis(StrEnum):
    """What a requested dispense rests on."""

    DIPLOMA = "diploma"
    VAE = "vae"
    GENERAL_CULTURE_BENEFIT = "general_culture_benefit"


class Attestation(StrEnum):
    """Training attestations the catalogue flags per specialty or option (002 §III.B.1, 003)."""

    R408 = "r408"
    ELECTRICAL_RISK = "electrical_risk"
    FIRST_AID = "first_aid"
    REFRIGERANT_FLUIDS = "refrigerant_fluids"
    WORK_AT_HEIGHT = "work_at_height"


class Action(StrEnum):
    """What the candidate or the office is doing, which decides the deadline that applies."""

    SUBMIT = "submit"
    MODIFY = "modify"
    REVIEW = "review"
