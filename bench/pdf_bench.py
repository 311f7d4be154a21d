"""Benchmark of the confirmation PDF against bare reportlab drawing the same text.

Run from the repository root (``make bench`` runs it with ``--documents 10000 --summary``)::

    .venv/bin/python bench/pdf_bench.py [--count 200] [--documents 10000] [--processes 2]
        [--json bench/results/pdf.json] [--summary]

Renders ``--count`` confirmations of a realistic dossier with ``render_confirmation``, then the
same text with bare ``reportlab.pdfgen.canvas.Canvas`` calls: every piece of text of every page
(footers included) read back from the rendered PDF, drawn with ``drawString`` in the same font,
size and place, on the same number of pages, with no platypus, no table, no QR code. A second
reference adds the QR code (its matrix computed and drawn as rectangles), for information.

Rates are confirmations per second on one core: the inverse of the median CPU time of one
rendering, the renderers taking turns one rendering at a time (the machine may be busy with
other work). Target: the confirmation's rate is at least 80 % of bare reportlab's.

With ``--documents N``, N confirmations (each its own dossier number) are then rendered by
``--processes`` processes at once (default: one per core), as a batch of convocations would be:
the documents per second of the machine, per core, and the time 250,000 documents of the same
weight would take here, extrapolated. ``--summary`` merges the figures into
``bench/results/summary.json``. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import reportlab
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[1]
# Run as a script from anywhere: the package is imported from the working tree.
sys.path.insert(0, str(ROOT))

from inscriptions.registration.confirmation_pdf import (  # noqa: E402
    AUTHOR,
    FONT,
    FONT_BOLD,
    TITLE,
    Candidate,
    ConfirmationContent,
    Consents,
    DocumentLine,
    OfficeContact,
    UnitLine,
    qr_matrix,
    render_confirmation,
)

TARGET_RATIO = 0.8
CONVOCATIONS = 250_000  # one session's convocations, nationally
Chunk = tuple[str, float, float, float, str]  # font, size, x, y, text


def realistic_content() -> ConfirmationContent:
    """A modified dossier (version 1) of an employee presenting NDRC in progressive form."""
    deadline = "30 novembre 2026"
    return ConfirmationContent(
        dossier_reference="175-1",
        session_label="Session 2027 — académie de Toulouse",
        validated_at=datetime(2026, 11, 23, 13, 5, tzinfo=UTC),
        candidate=Candidate(
            last_name="Lefèvre-Cœur",
            usage_name="Martín",
            first_names="Zoé Anaïs",
            birth_date="00/00/2001",
            birthplace="Toulouse (Haute-Garonne, 31)",
            nationality="française",
            address_lines=("12, rue de l’Œillet", "Appartement 3", "31000 Toulouse"),
            email="zoe.lefevre@example.org",
            phone="06 12 34 56 78",
        ),
        category_label="Candidat individuel salarié (expérience professionnelle)",
        establishment_label="Candidats individuels — Haute-Garonne (établissement fictif)",
        specialty_label="Négociation et digitalisation de la relation client (NDRC)",
        form_label="Forme progressive",
        languages=(("Langue vivante obligatoire", "anglais"), ("Langue facultative", "italien")),
        units=(
            UnitLine(
                "U1",
                "Culture générale et expression",
                "Bénéfice conservé",
                "note 12,5/20 obtenue le 04/07/2024",
            ),
            UnitLine("U2", "Communication en langue vivante étrangère", "Présentée"),
            UnitLine(
                "U3",
                "Culture économique, juridique et managériale",
                "Dispense",
                "titulaire d'un DUT (2022)",
            ),
            UnitLine("U4", "Relation client et négociation-vente", "Présentée"),
            UnitLine("U5", "Relation client à distance et digitalisation", "Présentée"),
            UnitLine(
                "U6",
                "Relation client et animation de réseaux",
                "Bénéfice conservé",
                "note 9/20 obtenue le 04/07/2024 (forme progressive)",
            ),
            UnitLine("UF1", "Langue vivante facultative : italien", "Facultative — inscrit"),
            UnitLine("UF2", "Engagement étudiant", "Facultative — inscrit", "formulaire à fournir"),
        ),
        consents=Consents(press_and_websites=True, local_authorities=False),
        accommodation_requested=True,
        documents=(
            DocumentLine(
                "Confirmation d'inscription datée et signée", "Tous les candidats", deadline
            ),
            DocumentLine("Photocopie d'une pièce d'identité", "Tous les candidats", deadline),
            DocumentLine(
                "Certificat de participation à la journée défense et citoyenneté",
                "Nationalité française, moins de 26 ans",
                deadline,
            ),
            DocumentLine(
                "Certificats de travail justifiant de trois ans d'expérience",
                "Candidat salarié",
                deadline,
            ),
            DocumentLine(
                "Relevé de notes de la session 2024", "Bénéfices de notes (U1, U6)", deadline
            ),
            DocumentLine("Copie du diplôme ouvrant droit à dispense", "Dispense (U3)", deadline),
            DocumentLine(
                "Formulaire d'engagement étudiant", "Unité facultative UF2", "15 mars 2027"
            ),
        ),
        office_contact=OfficeContact(
            label="Bureau des examens post-bac (DEC 5) — gestionnaire NDRC",
            email="dec5@ac-toulouse.fr",
            phone="05 36 25 71 28",
            address_lines=(
                "Rectorat de l'académie de Toulouse",
                "Place Saint-Jacques",
                "31073 Toulouse Cedex 7",
            ),
        ),
        signature_required=True,
        verification_url=(
            "https://inscriptions-bts.ac-toulouse.fr/espace-candidat/verification/"
            "q3Zk8WvN2xR7tYb5LmC9pD4sHf6JgE1a/"
        ),
    )


def page_chunks(pdf: bytes) -> list[list[Chunk]]:
    """Every piece of text of every page with its font, size and place, read back from a PDF."""
    pages: list[list[Chunk]] = []
    for page in PdfReader(BytesIO(pdf)).pages:
        chunks: list[Chunk] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, into=chunks) -> None:
            if text.strip() and font is not None:
                name = FONT_BOLD if "Bold" in str(font.get("/BaseFont", "")) else FONT
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                into.append((name, float(size), float(x), float(y), text.strip("\n")))

        page.extract_text(visitor_text=visit)
        pages.append(chunks)
    return pages


def bare_reportlab(pages: list[list[Chunk]], qr_data: str | None = None) -> bytes:
    """The reference: drawString only, the font set when it changes (and, when asked, the QR
    code's dark modules as squares of one path)."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(TITLE)
    canvas.setAuthor(AUTHOR)
    canvas.setSubject("Confirmation")
    for number, chunks in enumerate(pages, start=1):
        face = None
        for font, size, x, y, text in chunks:
            if (font, size) != face:
                canvas.setFont(font, size)
                face = font, size
            canvas.drawString(x, y, text)
        if qr_data is not None and number == len(pages):
            path = canvas.beginPath()
            for row, line in enumerate(qr_matrix(qr_data)):
                for column, dark in enumerate(line):
                    if dark:
                        path.rect(60 + column * 2, 100 - row * 2, 2, 2)
            canvas.drawPath(path, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def measure(renderers: dict[str, Callable[[], bytes]], count: int) -> dict[str, list[float]]:
    """CPU seconds of each rendering, the renderers taking turns one rendering at a time: a
    burst of load on the machine falls on all of them alike."""
    for render in renderers.values():
        render()  # warm-up: fonts, caches
    times: dict[str, list[float]] = {name: [] for name in renderers}
    for _ in range(count):
        for name, render in renderers.items():
            start = time.process_time()
            render()
            times[name].append(time.process_time() - start)
    return times


def render_batch(first: int, count: int) -> tuple[int, float, int]:
    """``count`` confirmations, each with its own dossier number: (documents, CPU seconds,
    bytes)."""
    content = realistic_content()
    started = time.process_time()
    size = 0
    for number in range(first, first + count):
        document = dataclasses.replace(content, dossier_reference=f"{number}-0")
        size += len(render_confirmation(document))
    return count, time.process_time() - started, size


def batch(documents: int, processes: int) -> dict[str, Any]:
    """``documents`` confirmations rendered by ``processes`` processes at once."""
    shares = [documents // processes + (i < documents % processes) for i in range(processes)]
    firsts = [sum(shares[:i]) for i in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(render_batch, [0] * processes, [5] * processes))  # warm-up, each process
        started = time.perf_counter()
        results = list(pool.map(render_batch, firsts, shares))
        elapsed = time.perf_counter() - started
    rendered = sum(count for count, _, _ in results)
    cpu = sum(seconds for _, seconds, _ in results)
    rate = rendered / elapsed
    return {
        "documents": rendered,
        "processes": processes,
        "seconds": round(elapsed, 1),
        "documents_per_second": round(rate, 1),
        # Per core: documents per second of CPU time, which other work on a shared machine
        # does not lower; the wall-clock rate divided by the processes does.
        "documents_per_second_per_core": round(rendered / cpu, 1),
        "documents_per_second_per_process_wall": round(rate / processes, 1),
        "cpu_ms_per_document": round(cpu * 1000 / rendered, 2),
        "megabytes": round(sum(size for _, _, size in results) / 1e6, 1),
        "extrapolated_250k_convocations_minutes": round(CONVOCATIONS / rate / 60, 1),
        "extrapolated_250k_convocations_minutes_all_cores_free": round(
            CONVOCATIONS * cpu / rendered / processes / 60, 1
        ),
        "extrapolation": "250,000 documents at the batch's rate (wall clock, as the machine "
        "was), and with the cores free (CPU time per document over the processes); each "
        "document assumed as heavy as a confirmation (two pages, a QR code)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="confirmations per renderer")
    parser.add_argument("--documents", type=int, default=0, help="then a batch of this many")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--summary", action="store_true", help="merge into summary.json")
    args = parser.parse_args(argv)

    content = realistic_content()
    pdf = render_confirmation(content)
    pages = page_chunks(pdf)
    reference = bare_reportlab(pages)
    assert len(PdfReader(BytesIO(reference)).pages) == len(pages)
    times = measure(
        {
            "confirmation": lambda: render_confirmation(content),
            "bare_reportlab": lambda: bare_reportlab(pages),
            "bare_reportlab_with_qr": lambda: bare_reportlab(pages, content.verification_url),
        },
        args.count,
    )
    # Rates from the median time of one rendering: a busy machine only ever adds time.
    rates = {name: 1 / statistics.median(spent) for name, spent in times.items()}
    ratio = rates["confirmation"] / rates["bare_reportlab"]
    ratio_qr = rates["confirmation"] / rates["bare_reportlab_with_qr"]
    figures = {
        "count": args.count,
        "pages": len(pages),
        "text_pieces": sum(len(chunks) for chunks in pages),
        "confirmation_bytes": len(pdf),
        "bare_reportlab_bytes": len(reference),
        "confirmations_per_second_per_core": round(rates["confirmation"], 1),
        "bare_reportlab_per_second_per_core": round(rates["bare_reportlab"], 1),
        "bare_reportlab_with_qr_per_second_per_core": round(rates["bare_reportlab_with_qr"], 1),
        "ratio": round(ratio, 4),
        "ratio_with_qr": round(ratio_qr, 4),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio >= TARGET_RATIO,
        "python": platform.python_version(),
        "reportlab": reportlab.Version,
        # ReportLab's C accelerators (rl_accel), which both renderers use when installed.
        "reportlab_accelerated": _accelerated(),
        "machine": platform.machine(),
    }
    print(f"{args.count} confirmations of {len(pages)} pages, {figures['text_pieces']} texts")
    print(f"confirmation (platypus)      : {rates['confirmation']:7.1f} /s per core")
    print(f"bare reportlab (text)        : {rates['bare_reportlab']:7.1f} /s per core")
    print(f"bare reportlab (text + QR)   : {rates['bare_reportlab_with_qr']:7.1f} /s per core")
    verdict = "met" if figures["meets_target"] else "NOT met"
    print(f"ratio {ratio:.1%} (target ≥ {TARGET_RATIO:.0%}: {verdict}), with QR {ratio_qr:.1%}")
    if args.documents:
        figures["batch"] = batch(args.documents, args.processes)
        done = figures["batch"]
        print(
            f"{done['documents']} confirmations in {done['processes']} processes: "
            f"{done['seconds']} s, {done['documents_per_second']} /s, "
            f"{done['documents_per_second_per_core']} /s per core of CPU time; "
            f"{CONVOCATIONS:,} convocations ≈ {done['extrapolated_250k_convocations_minutes']} min "
            f"({done['extrapolated_250k_convocations_minutes_all_cores_free']} min, cores free)"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    if args.summary:
        record(figures)
    return 0


def _accelerated() -> bool:
    from reportlab.lib import rl_accel

    return type(rl_accel.fp_str).__name__ == "builtin_function_or_method"


def record(figures: dict[str, Any]) -> None:
    """Merge into summary.json: the rate per core of the batch when there was one (documents
    rendered with every core busy), else that of the median rendering."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import summary

    per_core = figures.get("batch", {}).get(
        "documents_per_second_per_core", figures["confirmations_per_second_per_core"]
    )
    summary.record(
        "pdf",
        figures={
            "pdf_per_second_per_core": per_core,
            "pdf_vs_bare_reportlab_ratio": figures["ratio"],
        },
        details=figures,
        targets=[
            summary.Target(
                "pdf_vs_bare_reportlab_ratio",
                "confirmation rate / bare reportlab's, same page",
                ">=",
                TARGET_RATIO,
                figures["ratio"],
            )
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
