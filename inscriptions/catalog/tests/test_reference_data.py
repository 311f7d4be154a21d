"""Checks on the shipped reference files themselves: a unit row is marked exact only with its
coefficient (optional units excepted) and a source that SOURCES.md describes, so that the admin
flags every gap; and the specialties the notices list for the R408 attestation are flagged."""

import csv
import re

import pytest

from inscriptions.catalog.reference_import import REFERENCE_DIR


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


UNITS = _rows("bts_units.csv")
SPECIALTIES = _rows("bts_specialties.csv")
SOURCES = set(
    re.findall(r"^\| (S-[A-Z0-9-]+) \|", (REFERENCE_DIR / "SOURCES.md").read_text(), re.M)
)

# The R408 attestation (scaffolding): 000 and 001 « Pièces justificatives », 002 « L'attestation
# R408 », 003 table of documents. Names as the notices give them, mapped to the catalogue's.
R408 = {
    "architectures en métal : conception et réalisation",
    "bâtiment",
    "enveloppe des bâtiments : conception et réalisation",
    "fluides, énergies, domotique",
    "management économique de la construction",  # « Études et économie de la construction »
    "systèmes constructifs bois et habitat",
    "travaux publics",
}


@pytest.mark.parametrize("row", UNITS, ids=lambda row: f"{row['bcn_code']}-{row['unit']}")
def test_a_unit_is_exact_only_with_its_coefficient_and_a_described_source(row):
    assert row["status"] in {"exact", "partial", "uncertain", "missing", "superseded"}
    complete = (row["kind"] == "facultative" or bool(row["coefficient"])) and (
        row["source_id"] in SOURCES
    )
    assert complete or row["status"] != "exact", "an incomplete row is marked exact"
    assert not row["source_id"] or row["source_id"] in SOURCES, row["source_id"]


def test_the_r408_specialties_of_the_notices_are_flagged():
    flagged = {row["specialty"] for row in SPECIALTIES if "R408" in row["notes"]}
    named = {row["specialty"].split(" option")[0] for row in SPECIALTIES if "R408" in row["notes"]}
    assert {*flagged, *named} >= R408
    for row in SPECIALTIES:
        if "R408" in row["notes"]:
            assert any(row["specialty"].startswith(name) for name in R408), row["specialty"]
