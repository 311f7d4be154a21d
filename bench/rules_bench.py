"""Benchmark of the rules engine: evaluating one complete candidate (every rule + documents).

Run from the repository root::

    .venv/bin/python bench/rules_bench.py [--runs 5000] [--json bench/results/rules.json]

Prints the median and mean time per evaluation (target: under 1 ms). Not a test: timings
depend on the machine, so nothing here fails a build.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inscriptions.rules import RegistrationDecision

ROOT = Path(__file__).resolve().parents[1]
# Run as a script from anywhere: the package is imported from the working tree.
sys.path.insert(0, str(ROOT))
TARGET_MS = 1.0

ACADEMIES = {
    "02": ("Aix-Marseille", "04;05;13;84"),
    "20": ("Amiens", "02;60;80"),
    "03": ("Besançon", "25;39;70;90"),
    "04": ("Bordeaux", "24;33;40;47;64"),
    "06": ("Clermont-Ferrand", "03;15;43;63"),
    "27": ("Corse", "2A;2B"),
    "24": ("Créteil", "77;93;94"),
    "07": ("Dijon", "21;58;71;89"),
    "08": ("Grenoble", "07;26;38;73;74"),
    "32": ("Guadeloupe", "971"),
    "33": ("Guyane", "973"),
    "28": ("La Réunion", "974"),
    "09": ("Lille", "59;62"),
    "22": ("Limoges", "19;23;87"),
    "10": ("Lyon", "01;42;69"),
    "31": ("Martinique", "972"),
    "43": ("Mayotte", "976"),
    "11": ("Montpellier", "11;30;34;48;66"),
    "12": ("Nancy-Metz", "54;55;57;88"),
    "17": ("Nantes", "44;49;53;72;85"),
    "23": ("Nice", "06;83"),
    "70": ("Normandie", "14;27;50;61;76"),
    "18": ("Orléans-Tours", "18;28;36;37;41;45"),
    "01": ("Paris", "75"),
    "13": ("Poitiers", "16;17;79;86"),
    "19": ("Reims", "08;10;51;52"),
    "14": ("Rennes", "22;29;35;56"),
    "15": ("Strasbourg", "67;68"),
    "16": ("Toulouse", "09;12;31;32;46;65;81;82"),
    "25": ("Versailles", "78;91;92;95"),
    "40": ("Nouvelle-Calédonie", "983"),
    "41": ("Polynésie française", "984"),
    "42": ("Wallis-et-Futuna", "987"),
    "44": ("Saint-Pierre-et-Miquelon", "975"),
}


def build_inputs() -> dict[str, Any]:
    """A complete candidate exercising every rule: an ex-formation-continue candidate of
    Maintenance des systèmes option B, in forme progressive, with bénéfices (one renounced),
    a dispense, engagement étudiant and an optional language, German as compulsory language,
    a disability declared."""
    from inscriptions import rules as r
    from inscriptions.rules.dates import PARIS

    def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
        return datetime(year, month, day, hour, minute, tzinfo=PARIS)

    academies = r.AcademyTable.build(
        [(r.Academy(code, name), deps.split(";")) for code, (name, deps) in ACADEMIES.items()],
        abroad_code="01",
    )
    kind = r.UnitKind
    specialty = r.SpecialtyFacts(
        code="32025015",
        title="Maintenance des systèmes",
        units=(
            r.UnitFacts("U1", "Culture générale et expression", kind.GENERAL, general_culture=True),
            r.UnitFacts("U2", "Langue vivante étrangère", kind.GENERAL, language=True),
            r.UnitFacts("U31", "Mathématiques", kind.GENERAL, exemptible_with_diploma=True),
            r.UnitFacts("U32", "Physique-chimie", kind.GENERAL),
            r.UnitFacts("U4", "Analyse technique", kind.PROFESSIONAL),
            r.UnitFacts("U51", "Intervention sur système", kind.PROFESSIONAL, option_code="B"),
            r.UnitFacts("U52", "Organisation", kind.PROFESSIONAL, requires_internship=True),
            r.UnitFacts("U6", "Rapport de stage", kind.PROFESSIONAL, requires_internship=True),
            r.UnitFacts("UF1", "Langue vivante facultative", kind.OPTIONAL, language=True),
            r.UnitFacts("UF2", "Entrepreneuriat", kind.OPTIONAL),
            r.UnitFacts("UEE", "Engagement étudiant", kind.OPTIONAL, engagement=True),
        ),
        options=(
            r.OptionFacts("A", "systèmes de production"),
            r.OptionFacts(
                "B",
                "systèmes énergétiques et fluidiques",
                frozenset({r.Attestation.REFRIGERANT_FLUIDS}),
            ),
        ),
        compulsory_languages=("en", "es", "de"),
        optional_languages=("en", "es", "de", "it"),
        attestations=frozenset({r.Attestation.ELECTRICAL_RISK, r.Attestation.FIRST_AID}),
    )
    session = r.SessionFacts(
        academy_code="16",
        year=2025,
        opens_at=paris(2024, 10, 14, 9),
        closes_at=paris(2024, 11, 13, 17),
        documents_due_at=paris(2024, 11, 20),
        late_documents_due_at=paris(2025, 1, 17),
        exams_start_on=date(2025, 5, 12),
    )
    bts = r.HeldDiploma(r.DiplomaKind.BTS, 5, "BTS Électrotechnique")
    candidate = r.CandidateFacts(
        civil_status=r.CivilStatus(
            last_name="Martin",
            first_names=("Léa", "Marie"),
            birth_date=r.PartialDate(2001, 3, 9),
            french_national=True,
            birth_department="13",
            birth_municipality="Marseille",
            birth_arrondissement=8,
        ),
        address=r.Address("3 rue Alsace-Lorraine", "31000", "Toulouse", department="31"),
        contact=r.Contact("lea.martin@example.fr", "+33 6 12 34 56 78"),
        category=r.Category.FORMER_CONTINUING,
        training=r.Training(continuing_situation=r.ContinuingSituation.FURTHER_TRAINING),
        last_attempt=r.PriorAttempt("32025015", 2024, r.ExamForm.PROGRESSIVE),
        diplomas=(bts,),
        disability_declared=True,
    )
    registration = r.RegistrationFacts(
        specialty_code="32025015",
        option_code="B",
        form=r.ExamForm.PROGRESSIVE,
        presented_units=frozenset({"U2", "U4", "U51", "U52"}),
        optional_units=frozenset({"UEE", "UF1"}),
        compulsory_language="de",
        compulsory_language_followed=True,
        optional_language="it",
        benefits=(
            r.BenefitClaim("U32", Decimal("8.5"), date(2024, 7, 4), "32025015"),
            r.BenefitClaim("U6", Decimal("13"), date(2022, 7, 6), "32025015"),
            r.BenefitClaim("U52", Decimal("9"), date(2024, 7, 4), "32025015", keep=False),
        ),
        exemptions=(r.ExemptionClaim("U1", r.ExemptionBasis.DIPLOMA, diploma=bts),),
        consents=r.Consents(publish_results_press=False, share_with_local_authorities=True),
    )
    return {
        "candidate": candidate,
        "registration": registration,
        "specialty": specialty,
        "session": session,
        "academies": academies,
        "now": paris(2024, 10, 28, 14, 5),
        "other_registrations": (),
    }


def measure(runs: int, warmup: int) -> tuple[list[int], RegistrationDecision]:
    from inscriptions.rules import evaluate_registration

    inputs = build_inputs()
    decision = evaluate_registration(**inputs)
    for _ in range(warmup):
        evaluate_registration(**inputs)
    samples: list[int] = []
    clock = time.perf_counter_ns
    for _ in range(runs):
        start = clock()
        evaluate_registration(**inputs)
        samples.append(clock() - start)
    return samples, decision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5000, help="timed evaluations")
    parser.add_argument("--warmup", type=int, default=500, help="untimed evaluations first")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)

    samples, decision = measure(args.runs, args.warmup)
    median_ms = statistics.median(samples) / 1e6
    mean_ms = statistics.fmean(samples) / 1e6
    p95_ms = sorted(samples)[int(len(samples) * 0.95) - 1] / 1e6
    result = {
        "benchmark": "rules.evaluate_registration (complete candidate)",
        "runs": args.runs,
        "median_ms": round(median_ms, 4),
        "mean_ms": round(mean_ms, 4),
        "p95_ms": round(p95_ms, 4),
        "target_ms": TARGET_MS,
        "target_met": median_ms < TARGET_MS,
        "findings": len(decision.findings),
        "errors": len(decision.errors),
        "units": len(decision.units),
        "documents": len(decision.documents),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(
        f"evaluate_registration, complete candidate ({result['findings']} findings, "
        f"{result['units']} units, {result['documents']} documents), {args.runs} runs:\n"
        f"  median {median_ms * 1000:.1f} µs, mean {mean_ms * 1000:.1f} µs, "
        f"p95 {p95_ms * 1000:.1f} µs per evaluation "
        f"(target < {TARGET_MS:g} ms: {'met' if result['target_met'] else 'NOT met'})"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
