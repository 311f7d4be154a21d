"""Facts for the tests: reference data, specialties, sessions and a complete candidate.

The académie table is the content of ``reference/academies.csv`` (its notes column left out):
the rules receive it as data, as the application will from the database.
"""

import csv
import io
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from inscriptions.rules import (
    Academy,
    AcademyTable,
    Address,
    Attestation,
    CandidateFacts,
    Category,
    CivilStatus,
    Consents,
    Contact,
    ExamForm,
    OptionFacts,
    PartialDate,
    RegistrationFacts,
    SessionFacts,
    SpecialtyFacts,
    Training,
    UnitFacts,
    UnitKind,
)
from inscriptions.rules.dates import PARIS
from inscriptions.rules.sources import RULES_MD, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

CITABLE = (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, RULES_MD)

ACADEMIES_CSV = """\
academie_code,name,kind,departements
02,Aix-Marseille,academie,04;05;13;84
20,Amiens,academie,02;60;80
03,Besançon,academie,25;39;70;90
04,Bordeaux,academie,24;33;40;47;64
06,Clermont-Ferrand,academie,03;15;43;63
27,Corse,academie,2A;2B
24,Créteil,academie,77;93;94
07,Dijon,academie,21;58;71;89
08,Grenoble,academie,07;26;38;73;74
32,Guadeloupe,academie,971
33,Guyane,academie,973
28,La Réunion,academie,974
09,Lille,academie,59;62
22,Limoges,academie,19;23;87
10,Lyon,academie,01;42;69
31,Martinique,academie,972
43,Mayotte,academie,976
11,Montpellier,academie,11;30;34;48;66
12,Nancy-Metz,academie,54;55;57;88
17,Nantes,academie,44;49;53;72;85
23,Nice,academie,06;83
70,Normandie,academie,14;27;50;61;76
18,Orléans-Tours,academie,18;28;36;37;41;45
01,Paris,academie,75
13,Poitiers,academie,16;17;79;86
19,Reims,academie,08;10;51;52
14,Rennes,academie,22;29;35;56
15,Strasbourg,academie,67;68
16,Toulouse,academie,09;12;31;32;46;65;81;82
25,Versailles,academie,78;91;92;95
40,Nouvelle-Calédonie,vice_rectorat,983
41,Polynésie française,vice_rectorat,984
42,Wallis-et-Futuna,vice_rectorat,987
44,Saint-Pierre-et-Miquelon,service_education,975
"""


def academy_rows() -> list[tuple[Academy, list[str]]]:
    reader = csv.DictReader(io.StringIO(ACADEMIES_CSV))
    return [
        (Academy(row["academie_code"], row["name"]), row["departements"].split(";"))
        for row in reader
    ]


def academy_table(abroad_code: str | None = "01") -> AcademyTable:
    """The reference table; Paris stands in for the académie designated for residents abroad."""
    return AcademyTable.build(academy_rows(), abroad_code=abroad_code)


def paris(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=PARIS)


def session_2025() -> SessionFacts:
    """Nancy-Metz, session 2025 (003): 14 Oct 2024 9h → 13 Nov 2024 17h; documents before
    20 Nov 2024, Maintenance des systèmes attestations before 17 Jan 2025."""
    return SessionFacts(
        academy_code="12",
        year=2025,
        opens_at=paris(2024, 10, 14, 9),
        closes_at=paris(2024, 11, 13, 17),
        documents_due_at=paris(2024, 11, 20),
        late_documents_due_at=paris(2025, 1, 17),
        exams_start_on=date(2025, 5, 12),
    )


def session_2022() -> SessionFacts:
    """Toulouse, session 2022 (002): 20 Oct 2021 14h → 19 Nov 2021 17h, modifications and
    documents until 30 Nov 2021 included."""
    return SessionFacts(
        academy_code="16",
        year=2022,
        opens_at=paris(2021, 10, 20, 14),
        closes_at=paris(2021, 11, 19, 17),
        modification_closes_at=paris(2021, 12, 1),
        documents_due_at=paris(2021, 12, 1),
        exams_start_on=date(2022, 5, 9),
    )


NOW = paris(2024, 10, 20, 10, 30)

ENGAGEMENT = UnitFacts("UEE", "Engagement étudiant", UnitKind.OPTIONAL, engagement=True)


def mco() -> SpecialtyFacts:
    """Management commercial opérationnel (bts_units.csv, S-MCO-2024), optional units as in its
    référentiel: LV2, parcours de professionnalisation à l'étranger, entrepreneuriat."""
    return SpecialtyFacts(
        code="32031213",
        title="Management commercial opérationnel",
        units=(
            UnitFacts(
                "U1", "Culture générale et expression", UnitKind.GENERAL, general_culture=True
            ),
            UnitFacts("U2", "Langue vivante étrangère 1 (écrit)", UnitKind.GENERAL, language=True),
            UnitFacts("U3", "Langue vivante étrangère 1 (oral)", UnitKind.GENERAL, language=True),
            UnitFacts(
                "U4",
                "Culture économique, juridique et managériale",
                UnitKind.GENERAL,
                exemptible_with_diploma=True,
                carries_from=frozenset({"32031212"}),
            ),
            UnitFacts(
                "U5",
                "Développement de la relation client et vente conseil",
                UnitKind.PROFESSIONAL,
                requires_internship=True,
            ),
            UnitFacts(
                "U6", "Animation et dynamisation de l'offre commerciale", UnitKind.PROFESSIONAL
            ),
            UnitFacts("U7", "Gestion opérationnelle", UnitKind.PROFESSIONAL),
            UnitFacts("U8", "Management de l'équipe commerciale", UnitKind.PROFESSIONAL),
            UnitFacts("UF1", "Langue vivante étrangère 2", UnitKind.OPTIONAL, language=True),
            UnitFacts("UF2", "Parcours de professionnalisation à l'étranger", UnitKind.OPTIONAL),
            UnitFacts("UF3", "Entrepreneuriat", UnitKind.OPTIONAL),
            ENGAGEMENT,
        ),
        compulsory_languages=("en", "es", "de", "it"),
        optional_languages=("en", "es", "de", "it", "pt", "ar"),
    )


def maintenance() -> SpecialtyFacts:
    """Maintenance des systèmes, options A–D, with the attestations of 003."""
    return SpecialtyFacts(
        code="32025014",
        title="Maintenance des systèmes",
        units=(
            UnitFacts(
                "U1", "Culture générale et expression", UnitKind.GENERAL, general_culture=True
            ),
            UnitFacts("U2", "Anglais", UnitKind.GENERAL, language=True),
            UnitFacts("U3", "Mathématiques", UnitKind.GENERAL),
            UnitFacts("U4", "Étude d'un système", UnitKind.PROFESSIONAL),
            UnitFacts("U51A", "Intervention (option A)", UnitKind.PROFESSIONAL, option_code="A"),
            UnitFacts("U51B", "Intervention (option B)", UnitKind.PROFESSIONAL, option_code="B"),
            ENGAGEMENT,
        ),
        options=(
            OptionFacts("A", "systèmes de production"),
            OptionFacts(
                "B",
                "systèmes énergétiques et fluidiques",
                frozenset({Attestation.REFRIGERANT_FLUIDS}),
            ),
            OptionFacts("C", "systèmes éoliens", frozenset({Attestation.WORK_AT_HEIGHT})),
            OptionFacts(
                "D", "systèmes ascenseurs et élévateurs", frozenset({Attestation.WORK_AT_HEIGHT})
            ),
        ),
        compulsory_languages=("en",),
        attestations=frozenset({Attestation.ELECTRICAL_RISK, Attestation.FIRST_AID}),
    )


def batiment() -> SpecialtyFacts:
    """Bâtiment: flagged for the R408 attestation (002 §III.B.1, 003 table)."""
    return SpecialtyFacts(
        code="32023012",
        title="Bâtiment",
        units=(
            UnitFacts(
                "U1", "Culture générale et expression", UnitKind.GENERAL, general_culture=True
            ),
            UnitFacts("U2", "Anglais", UnitKind.GENERAL, language=True),
            UnitFacts("U6", "Chantier", UnitKind.PROFESSIONAL),
        ),
        attestations=frozenset({Attestation.R408}),
    )


def candidate(**changes: Any) -> CandidateFacts:
    """A complete, acceptable candidate: CNED second-year student living in Nancy."""
    base = CandidateFacts(
        civil_status=CivilStatus(
            last_name="Durand",
            first_names=("Camille", "Louise"),
            birth_date=PartialDate(2003, 5, 14),
            french_national=True,
            birth_department="54",
        ),
        address=Address(
            street="12 rue des Carmes", postal_code="54000", locality="Nancy", department="54"
        ),
        contact=Contact(email="camille.durand@example.fr", phone="06 12 34 56 78"),
        category=Category.DISTANCE_SCHOOL,
        training=Training(year=2, internship_completed=True),
    )
    return replace(base, **changes)


def registration(**changes: Any) -> RegistrationFacts:
    base = RegistrationFacts(
        specialty_code="32031213",
        form=ExamForm.GLOBAL,
        compulsory_language="en",
        consents=Consents(publish_results_press=True, share_with_local_authorities=False),
    )
    return replace(base, **changes)
