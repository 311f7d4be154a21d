"""Where each rule comes from: the notices in ``seeds/`` and ``reference/rules.md``.

A citation is the file name plus the section as the notice titles it, so a reader can open the
notice and find the sentence. Notices:

- 000: Académie de Toulouse, session 2019 (registration October–November 2018);
- 001: Académie de Toulouse, session 2021;
- 002: Académie de Toulouse, session 2022 (Cyclades, fully online);
- 003: Académie de Nancy-Metz, session 2025 (the most recent notice);
- 004: Inscrinet user guide (the registration screens).
"""

from dataclasses import dataclass

from .i18n import gettext_noop as _

SEED_000 = "000_6beaf5b34ed6841b.txt"
SEED_001 = "001_f1a14cb38af3438c.txt"
SEED_002 = "002_d2d52601aecd35af.txt"
SEED_003 = "003_d63d5c5aa126f67f.txt"
SEED_004 = "004_e9d540e1230d63f6.txt"
RULES_MD = "reference/rules.md"


# Each document as a reader names it (the pages and PDFs never show a file name).
DOCUMENT_TITLES = {
    SEED_000: _("notice de l'académie de Toulouse, session 2019"),
    SEED_001: _("notice de l'académie de Toulouse, session 2021"),
    SEED_002: _("notice de l'académie de Toulouse, session 2022"),
    SEED_003: _("notice de l'académie de Nancy-Metz, session 2025"),
    SEED_004: _("guide d'inscription Inscrinet"),
    RULES_MD: _("textes réglementaires du BTS"),
}


@dataclass(frozen=True, slots=True)
class Source:
    """A citation: the document, the section in it, and an optional note."""

    document: str
    section: str
    note: str = ""
    # The text in words where the section is the project's own (``reference/rules.md``): the
    # article or arrêté a reader can look up (a marker: translated where shown).
    words: str = ""

    def citation(self) -> str:
        """Short human-readable citation, e.g. ``002_d2d52601aecd35af.txt §III.B.1``."""
        return f"{self.document} {self.section}"

    @property
    def title(self) -> str:
        """The document in words, e.g. « notice de l'académie de Nancy-Metz, session 2025 »
        (a marker: translated where shown)."""
        return DOCUMENT_TITLES[self.document]


# Notice 000 (Toulouse, session 2019).
N000_CONCERNED = Source(SEED_000, "§I « Les candidats concernés »")
N000_PREREGISTRATION = Source(SEED_000, "§II ① pré-inscription")
N000_COMMON_DOCUMENTS = Source(SEED_000, "« Pièces à fournir » §I pièces communes")
N000_CATEGORY_DOCUMENTS = Source(SEED_000, "« Pièces à fournir » §II selon votre catégorie")
N000_OTHER_DOCUMENTS = Source(SEED_000, "« Autres pièces à fournir »")
N000_IMPORTANT = Source(SEED_000, "« Important »")
N000_RECALLS = Source(SEED_000, "§II ① « Rappels »")
N000_NATIONAL_SERVICE = Source(SEED_000, "« Dispositions du code du service national »")
N000_FAQ_ACADEMY = Source(SEED_000, "FAQ « Je souhaite m'inscrire dans l'académie de Toulouse »")
N000_FAQ_FREE_CANDIDATE = Source(SEED_000, "FAQ « candidat libre »")
N000_FAQ_SEVERAL = Source(SEED_000, "FAQ « plusieurs BTS ou plusieurs options »")
N000_FAQ_FIRST_YEAR = Source(SEED_000, "FAQ « inscrit en première année »")
N000_FAQ_PROGRESSIVE = Source(SEED_000, "FAQ « Que veut dire forme progressive ? »")
N000_FAQ_KEEP_FORM = Source(SEED_000, "FAQ « J'étais en forme globale l'année passée »")
N000_FAQ_GRADES = Source(SEED_000, "FAQ « Quelles sont les notes que je peux conserver ? »")
N000_FAQ_RETAKE = Source(SEED_000, "FAQ « repasser une épreuve déjà validée »")
N000_FAQ_FRENCH_DIPLOMA = Source(SEED_000, "FAQ « autre diplôme post-bac français »")
N000_FAQ_FOREIGN_DIPLOMA = Source(SEED_000, "FAQ « diplôme post-bac étranger »")
N000_FAQ_INTERNSHIP_LATER = Source(SEED_000, "FAQ « pas encore fait le(s) stage(s) »")
N000_FAQ_EMAIL = Source(SEED_000, "FAQ « Dois-je donner mon adresse électronique ? »")
N000_FAQ_MODIFY = Source(SEED_000, "FAQ « Je veux modifier mon inscription »")
N000_FAQ_ADDRESS = Source(SEED_000, "FAQ « informations à communiquer » (adresse postale)")
N000_FAQ_LANGUAGE = Source(SEED_000, "FAQ « Ai-je le choix de la langue vivante obligatoire ? »")

# Notice 001 (Toulouse, session 2021).
N001_ENGAGEMENT = Source(SEED_001, "« Important » engagement étudiant")
N001_RESULTS = Source(SEED_001, "« Publication des résultats »")
N001_COMMON_DOCUMENTS = Source(SEED_001, "« Pièces à fournir » §I pièces communes")

# Notice 002 (Toulouse, session 2022).
N002_CONCERNED = Source(SEED_002, "§I « Les candidats concernés »")
N002_ACCOUNT = Source(SEED_002, "§II ❶ création du compte")
N002_ENTRY = Source(SEED_002, "§II ❷ saisie des informations")
N002_UPLOAD = Source(SEED_002, "§II ❸ dossier téléversé")
N002_PROCESSING = Source(SEED_002, "§II ④ traitement des demandes d'inscription")
N002_RESULTS = Source(SEED_002, "§II « Publication des résultats »")
N002_ENGAGEMENT = Source(SEED_002, "§III.A engagement étudiant")
N002_LANGUAGE = Source(SEED_002, "§III.B.1 choix de la langue")
N002_R408 = Source(SEED_002, "§III.B.1 attestation R408")
N002_COMMON_DOCUMENTS = Source(SEED_002, "§IV.A pièces communes")
N002_CATEGORY_DOCUMENTS = Source(SEED_002, "§IV.B pièces selon votre catégorie")
N002_OTHER_DOCUMENTS = Source(SEED_002, "§IV.C autres pièces")
N002_NATIONAL_SERVICE = Source(SEED_002, "§IV « Dispositions du code du service national »")
N002_FAQ_ACADEMY = Source(SEED_002, "§VI FAQ « Je souhaite m'inscrire dans l'académie »")
N002_FAQ_MODIFY = Source(SEED_002, "§VI FAQ « Je veux modifier mon inscription »")
N002_FAQ_VALIDATED = Source(SEED_002, "§VI FAQ « J'ai validé mon inscription »")

# Notice 003 (Nancy-Metz, session 2025).
N003_DATES = Source(SEED_003, "« Dates d'inscription »")
N003_CONDITIONS = Source(SEED_003, "« Modalités réglementaires – les conditions d'inscription »")
N003_FORMS = Source(SEED_003, "« Les différentes formes de passage »")
N003_BENEFITS = Source(SEED_003, "« Les bénéfices d'épreuves »")
N003_EXEMPTIONS = Source(SEED_003, "« Les dispenses d'épreuves »")
N003_RECALLS = Source(SEED_003, "« Rappels importants »")
N003_DISABILITY = Source(SEED_003, "« Candidat en situation de handicap »")
N003_DOCUMENTS = Source(SEED_003, "« Pièces à déposer sur Cyclades »")
N003_LATE_DOCUMENTS = Source(
    SEED_003, "« Pièces à déposer sur Cyclades » (à déposer avant le 17 janvier 2025)"
)

# Notice 004 (Inscrinet guide).
N004_PRINCIPLE = Source(SEED_004, "« Le principe de la pré-inscription »")
N004_CIVIL_STATUS = Source(SEED_004, "« État civil et données générales »")
N004_OTHER_DATA = Source(SEED_004, "« Autres données personnelles »")
N004_RESULTS = Source(SEED_004, "« Communication de votre résultat »")
N004_ACQUIS = Source(SEED_004, "« Saisie des acquis pour bénéficiaires de notes ou dispenses »")
N004_UNITS = Source(SEED_004, "« Inscription aux épreuves »")
N004_MODIFY = Source(SEED_004, "« Consulter ou modifier votre pré-inscription »")

# reference/rules.md (regulatory texts).
R_OPTIONAL_UNITS = Source(
    RULES_MD,
    "§2 D643-13",
    "décret 2024-788 : une seule unité facultative",
    _("code de l'éducation, article D643-13"),
)
R_FORMS = Source(RULES_MD, "§3 D643-14", words=_("code de l'éducation, article D643-14"))
R_UNITS = Source(
    RULES_MD,
    "§4 D643-15",
    "note ≥ 10/20 : unité acquise, valable cinq ans",
    _("code de l'éducation, article D643-15"),
)
R_ENGAGEMENT = Source(RULES_MD, "§5 D643-15-1", words=_("code de l'éducation, article D643-15-1"))
R_LANGUAGES = Source(RULES_MD, "§6 D643-15-2", words=_("code de l'éducation, article D643-15-2"))
R_EXEMPTION_DIPLOMA = Source(
    RULES_MD, "§9 arrêté du 24 juin 2005 art. 1", words=_("arrêté du 24 juin 2005, article 1")
)
R_EXEMPTION_CGE = Source(
    RULES_MD, "§9 arrêté du 24 juin 2005 art. 2", words=_("arrêté du 24 juin 2005, article 2")
)
R_EXEMPTION_CGE_BENEFIT = Source(
    RULES_MD,
    "§9 arrêté du 8 juillet 2024 annexe II, U1",
    words=_("arrêté du 8 juillet 2024, annexe II, unité U1"),
)
R_EXPERIENCE = Source(
    RULES_MD,
    "§10",
    "une année d'expérience depuis la session 2023 [X]",
    _("circulaire nationale d'organisation du BTS, depuis la session 2023"),
)
R_ORGANISATION = Source(
    RULES_MD,
    "§10",
    "un candidat ne s'inscrit pas à plusieurs BTS",
    _("circulaires nationales d'organisation du BTS"),
)
R_R408 = Source(
    RULES_MD, "§11", words=_("décret n° 2021-786 du 19 juin 2021 et arrêté du 14 avril 2016")
)
