"""The supporting documents: stable codes the documents app stores, and why each is required.

Each document type is declared once with its French label and the notice that lists it; each
reason a document can be required for is a rule of the catalogue (severity ``info``), so the
checklist tells the candidate why, and from which text.
"""

from dataclasses import dataclass

from . import sources as src
from .findings import Rule, Severity, define_rule
from .i18n import gettext_noop as _
from .sources import Source


@dataclass(frozen=True, slots=True)
class DocumentType:
    code: str
    label: str
    source: Source


_DOCUMENT_TYPES: dict[str, DocumentType] = {}


def define_document(code: str, label: str, source: Source) -> DocumentType:
    if code in _DOCUMENT_TYPES:
        raise ValueError(f"document code {code!r} is defined twice")
    document = DocumentType(code=code, label=label, source=source)
    _DOCUMENT_TYPES[code] = document
    return document


def document_types() -> tuple[DocumentType, ...]:
    """Every document type, in declaration order (common, by category, by situation)."""
    return tuple(_DOCUMENT_TYPES.values())


def _reason(code: str, message: str, source: Source) -> Rule:
    return define_rule(f"documents.{code}", Severity.INFO, message, source, field="documents")


# Common to all candidates (000–002 « Pièces communes », 003 table).
CONFIRMATION = define_document(
    "confirmation_signed",
    _("Confirmation d'inscription datée et signée"),
    src.N002_COMMON_DOCUMENTS,
)
IDENTITY = define_document(
    "identity", _("Photocopie d'une pièce d'identité"), src.N002_COMMON_DOCUMENTS
)
JDC = define_document(
    "jdc_certificate",
    _(
        "Certificat de participation à la journée défense et citoyenneté (ou attestation de "
        "situation au regard du service national)"
    ),
    src.N002_NATIONAL_SERVICE,
)
# By category (000–002 « Pièces selon votre catégorie », 003 table).
TRANSCRIPT = define_document(
    "transcript", _("Photocopie du relevé de notes de l'examen"), src.N002_CATEGORY_DOCUMENTS
)
INTERNSHIP_OR_WORK = define_document(
    "internship_or_work_certificates",
    _("Attestations de stage ou certificats de travail"),
    src.N002_CATEGORY_DOCUMENTS,
)
SCHOOL_CERTIFICATES = define_document(
    "school_certificates",
    _("Certificats de scolarité des deux années de préparation au BTS"),
    src.N002_CATEGORY_DOCUMENTS,
)
INTERNSHIP_ATTESTATIONS = define_document(
    "internship_attestations",
    _("Photocopie des attestations de stages réglementaires"),
    src.N002_CATEGORY_DOCUMENTS,
)
INTERNSHIP_AGREEMENT = define_document(
    "internship_agreement", _("Copie de la convention de stage"), src.N000_FAQ_INTERNSHIP_LATER
)
TRAINING_ATTENDANCE = define_document(
    "training_attendance_certificate",
    _("Attestation de suivi de la préparation au BTS d'une durée de 1 350 heures"),
    src.N002_CATEGORY_DOCUMENTS,
)
APPRENTICESHIP_CONTRACT = define_document(
    "apprenticeship_contract",
    _(
        "Contrat d'apprentissage (CERFA) visé par le candidat, l'employeur et le centre "
        "de formation"
    ),
    src.N003_DOCUMENTS,
)
EMPLOYER_ATTESTATION = define_document(
    "employer_apprentice_attestation",
    _("Attestation de l'employeur confirmant le statut d'apprenti"),
    src.N002_CATEGORY_DOCUMENTS,
)
PROFESSIONALISATION_CONTRACT = define_document(
    "professionalisation_contract",
    _("Contrat de professionnalisation visé par les trois parties"),
    src.N002_CATEGORY_DOCUMENTS,
)
PROFESSIONALISATION_WORK_CERTIFICATE = define_document(
    "professionalisation_work_certificate",
    _("Certificat de travail relatif au contrat de professionnalisation"),
    src.N002_CATEGORY_DOCUMENTS,
)
EMPLOYMENT_CONTRACT = define_document(
    "employment_contract", _("Contrat de travail"), src.N003_DOCUMENTS
)
WORK_CERTIFICATES = define_document(
    "work_certificates",
    _(
        "Certificats de travail justifiant de l'exercice d'un emploi salarié de technicien "
        "supérieur dans un domaine professionnel en rapport avec le BTS, avec fiche de poste "
        "détaillée"
    ),
    src.N002_CATEGORY_DOCUMENTS,
)
# 000–002 table « Expérience professionnelle »: « Vous êtes travailleur indépendant : à défaut
# du certificat de travail, […] l'attestation d'immatriculation au RCS ou au répertoire des
# métiers, depuis au moins 3 ans »; 003 table: « ou attestation d'immatriculation au RCS ».
SELF_EMPLOYED_REGISTRATION = define_document(
    "self_employed_registration",
    _(
        "Attestation d'immatriculation au registre du commerce et des sociétés (RCS) ou au "
        "répertoire des métiers depuis au moins trois ans, avec fiche de poste détaillée"
    ),
    src.N002_CATEGORY_DOCUMENTS,
)
# By situation (000–002 « Autres pièces », 003 table).
POSITIONING_DECISION = define_document(
    "positioning_decision",
    _("Copie de la décision de formation aménagée ou de positionnement"),
    src.N002_OTHER_DOCUMENTS,
)
EXEMPTION_PROOF = define_document(
    "exemption_proof",
    _(
        "Photocopie du diplôme et du relevé de notes ouvrant droit à dispense (ou attestation "
        "de validation des acquis de l'expérience)"
    ),
    src.N003_DOCUMENTS,
)
R408 = define_document(
    "r408_attestation",
    _("Attestation de formation R408 (réception et utilisation des échafaudages de pied)"),
    src.N002_R408,
)
ELECTRICAL_RISK = define_document(
    "electrical_risk_attestation",
    _("Attestation de formation à la prévention des risques d'origine électrique"),
    src.N003_LATE_DOCUMENTS,
)
FIRST_AID = define_document(
    "first_aid_attestation",
    _("Attestation de formation à la protection et au secours aux personnes en cas d'urgence"),
    src.N003_LATE_DOCUMENTS,
)
REFRIGERANT_FLUIDS = define_document(
    "refrigerant_fluids_attestation",
    _("Attestation de formation à la manipulation des fluides frigorigènes"),
    src.N003_LATE_DOCUMENTS,
)
WORK_AT_HEIGHT = define_document(
    "work_at_height_attestation",
    _("Attestation de formation aux travaux en hauteur"),
    src.N003_LATE_DOCUMENTS,
)
ENGAGEMENT_FORM = define_document(
    "engagement_form",
    _("Formulaire « engagement étudiant » renseigné"),
    src.N002_ENGAGEMENT,
)
LANGUAGE_PROOF = define_document(
    "language_training_proof",
    _("Justificatif de formation dans la langue vivante obligatoire"),
    src.N002_LANGUAGE,
)

WHY_CONFIRMATION = _reason(
    "confirmation_signed",
    _(
        "La confirmation d'inscription, vérifiée, datée et signée, est déposée avec les pièces "
        "justificatives : la signature atteste l'exactitude des informations et des choix."
    ),
    src.N002_UPLOAD,
)
WHY_IDENTITY = _reason(
    "identity", _("Pièce commune à tous les candidats."), src.N002_COMMON_DOCUMENTS
)
WHY_JDC = _reason(
    "jdc_under_age_limit",
    _(
        "De nationalité française et âgé(e) de moins de %(age_limit)s ans à la date "
        "d'inscription, vous justifiez de votre participation à la journée défense et "
        "citoyenneté."
    ),
    src.N002_NATIONAL_SERVICE,
)
WHY_FORMER_TRANSCRIPT = _reason(
    "former_candidate_transcript",
    _("Vous avez présenté l'examen à une session précédente."),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_BENEFIT_TRANSCRIPT = _reason(
    "benefit_transcript",
    _(
        "Le relevé de notes de la dernière session justifie les bénéfices de notes que vous "
        "conservez (%(units)s)."
    ),
    src.N003_DOCUMENTS,
)
WHY_FORMER_INTERNSHIP = _reason(
    "former_candidate_internship",
    _(
        "Vous présentez une unité qui exige l'accomplissement d'un stage (%(units)s) : "
        "attestations de stage ou certificats de travail."
    ),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_SCHOOL_CERTIFICATES = _reason(
    "distance_school_certificates",
    _("Scolaire de l'enseignement à distance : certificats de scolarité des deux années."),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_INTERNSHIPS = _reason(
    "internship_attestations",
    _("Votre catégorie demande les attestations des stages réglementaires."),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_AGREEMENT = _reason(
    "internship_agreement",
    _(
        "Vos stages ne sont pas encore effectués : joignez la convention de stage et indiquez "
        "leurs dates de réalisation."
    ),
    src.N000_FAQ_INTERNSHIP_LATER,
)
WHY_INTERNSHIPS_LATER = _reason(
    "internship_attestations_later",
    _(
        "Les attestations de stage sont à déposer dès la fin des stages, au plus tard le "
        "%(due_at)s."
    ),
    src.N000_FAQ_INTERNSHIP_LATER,
)
WHY_ATTENDANCE = _reason(
    "training_attendance",
    _("Enseignement à distance : attestation de suivi de la préparation au BTS."),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_APPRENTICESHIP = _reason(
    "apprenticeship_contract",
    _(
        "Apprenti ou ex-apprenti : le contrat d'apprentissage indique au moins 1 350 heures de "
        "formation (675 heures si le contrat a été réduit à un an)."
    ),
    src.N003_DOCUMENTS,
)
WHY_EMPLOYER = _reason(
    "employer_apprentice_attestation",
    _("Apprenti de l'enseignement à distance : attestation de votre employeur."),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_PROFESSIONALISATION = _reason(
    "professionalisation_contract",
    _("Formation continue en contrat de professionnalisation."),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_EMPLOYMENT_CONTRACT = _reason(
    "employment_contract",
    _("Formation continue en perfectionnement : contrat de travail."),
    src.N003_DOCUMENTS,
)
WHY_FURTHER_TRAINING = _reason(
    "further_training_certificates",
    _(
        "Perfectionnement : attestations de stage, ou certificats de travail d'un emploi dans "
        "le secteur du diplôme, à plein temps six mois dans l'année précédant l'examen ou à "
        "temps partiel un an dans les deux années précédentes."
    ),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_EXPERIENCE = _reason(
    "professional_experience",
    _(
        "Inscription au titre de l'expérience professionnelle : justifiez de %(years)s an(s) "
        "d'exercice dans un emploi de technicien supérieur en rapport avec la spécialité."
    ),
    src.N003_DOCUMENTS,
)
WHY_SELF_EMPLOYED = _reason(
    "self_employed",
    _(
        "Travailleur indépendant inscrit au titre de l'expérience professionnelle : "
        "l'attestation d'immatriculation au registre du commerce et des sociétés ou au "
        "répertoire des métiers, depuis au moins trois ans, remplace les certificats de travail."
    ),
    src.N002_CATEGORY_DOCUMENTS,
)
WHY_POSITIONING = _reason(
    "positioning_decision",
    _("Vous avez fait l'objet d'une décision de formation aménagée ou de positionnement."),
    src.N002_OTHER_DOCUMENTS,
)
WHY_EXEMPTION = _reason(
    "exemption_proof",
    _("Vous demandez une dispense (%(units)s) : joignez le document qui y ouvre droit."),
    src.N003_DOCUMENTS,
)
WHY_R408 = _reason(
    "r408_attestation",
    _(
        "La spécialité %(specialty)s exige l'attestation R408, à fournir avec le dossier "
        "d'inscription."
    ),
    src.N002_R408,
)
WHY_SPECIALTY_ATTESTATION = _reason(
    "specialty_attestation",
    _(
        "La spécialité %(specialty)s exige cette attestation de formation, à déposer au plus "
        "tard le %(due_at)s."
    ),
    src.N003_LATE_DOCUMENTS,
)
WHY_ENGAGEMENT = _reason(
    "engagement_form",
    _(
        "Vous vous inscrivez à l'unité facultative « engagement étudiant » : téléchargez le "
        "formulaire, renseignez-le et déposez-le."
    ),
    src.N002_ENGAGEMENT,
)
WHY_LANGUAGE = _reason(
    "language_training_proof",
    _(
        "Langue vivante obligatoire autre que l'anglais et l'espagnol (%(language)s) : un "
        "justificatif de formation est demandé."
    ),
    src.N002_LANGUAGE,
)
