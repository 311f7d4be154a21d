"""The reference import: complete, idempotent, and all-or-nothing on a malformed file."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inscriptions.catalog.models import (
    Academy,
    DataStatus,
    Department,
    Language,
    Specialty,
    Unit,
)
from inscriptions.catalog.reference_import import REFERENCE_DIR, import_reference

pytestmark = pytest.mark.django_db


def run_import(*args: str) -> str:
    out = StringIO()
    call_command("import_reference", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def reference_copy(tmp_path: Path) -> Path:
    for path in REFERENCE_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_import_loads_every_academy_specialty_and_known_unit():
    output = run_import()

    assert Academy.objects.count() == 34
    assert Specialty.objects.count() == 102
    assert Unit.objects.count() == 39
    assert "académies : 34 créé(s)" in output
    assert "spécialités : 102 créé(s)" in output


def test_toulouse_serves_its_eight_departments():
    # Seeds 000-002, FAQ: Toulouse serves 09, 12, 31, 32, 46, 65, 81, 82.
    run_import()
    toulouse = Academy.objects.get(name="Toulouse")
    assert sorted(toulouse.departments.values_list("code", flat=True)) == [
        "09", "12", "31", "32", "46", "65", "81", "82",
    ]  # fmt: skip
    assert Department.objects.get(code="2A").academy.name == "Corse"
    assert Department.objects.get(code="974").academy.name == "La Réunion"


def test_second_import_changes_nothing_and_says_so():
    run_import()
    before = list(Unit.objects.order_by("pk").values())

    output = run_import()

    assert "Aucune modification" in output
    assert "créé" not in output.replace("créé(s)", "")
    assert "mis à jour" not in output
    assert list(Unit.objects.order_by("pk").values()) == before


def test_import_restores_a_value_changed_since_and_reports_the_update():
    run_import()
    Specialty.objects.filter(bcn_code="32031213").update(name="changé")

    output = run_import()

    assert "spécialités : 1 mis à jour" in output
    assert Specialty.objects.get(bcn_code="32031213").name == "management commercial opérationnel"


def test_units_marked_partial_or_uncertain_are_imported_and_flagged():
    run_import()
    partial = Unit.objects.filter(status=DataStatus.PARTIAL)
    assert partial.exists()
    assert all(unit.needs_review for unit in partial)
    assert Unit.objects.filter(status=DataStatus.UNCERTAIN).exists()
    exact = Unit.objects.filter(status=DataStatus.EXACT).first()
    assert exact is not None and not exact.needs_review


def test_attestation_flags_follow_the_notices():
    # Seed 003, documents table: R408 for the building specialties; later attestations for
    # Maintenance des systèmes.
    run_import()
    assert Specialty.objects.get(bcn_code="32023012").requires_r408  # bâtiment
    assert not Specialty.objects.get(bcn_code="32031213").requires_r408  # MCO
    maintenance = {
        s.option[:1]: s for s in Specialty.objects.filter(name="maintenance des systèmes")
    }
    assert sorted(maintenance) == ["A", "B", "C", "D"]
    assert all(s.requires_electrical_risk and s.requires_first_aid for s in maintenance.values())
    assert [k for k, s in sorted(maintenance.items()) if s.requires_refrigerant_fluids] == ["B"]
    assert [k for k, s in sorted(maintenance.items()) if s.requires_work_at_height] == ["C", "D"]
    assert not Specialty.objects.get(bcn_code="32031213").requires_maintenance_attestations


def test_english_is_the_only_language_where_the_regulation_imposes_it():
    run_import()
    sio = Specialty.objects.get(bcn_code="32032613")
    assert list(sio.languages.values_list("code", flat=True)) == ["en"]
    mco = Specialty.objects.get(bcn_code="32031213")
    assert mco.languages.count() == Language.objects.count() > 1


def test_languages_edited_by_the_administrator_survive_a_new_import():
    run_import()
    mco = Specialty.objects.get(bcn_code="32031213")
    mco.languages.set(Language.objects.filter(code__in=["en", "es"]))

    run_import()

    assert sorted(mco.languages.values_list("code", flat=True)) == ["en", "es"]


@pytest.mark.parametrize(
    ("file_name", "bad_line", "expected"),
    [
        ("academies.csv", "99,Nulle part,academie,XX,", "code de département « XX » invalide"),
        ("academies.csv", "02,Aix bis,academie,99,", "code d'académie « 02 » en double"),
        ("academies.csv", "98,Atlantide,royaume,99,", "valeur « royaume » inconnue"),
        ("bts_specialties.csv", "1234,court,,,,", "code BCN « 1234 » invalide"),
        ("bts_specialties.csv", "32025416,doublon,,,,", "code BCN « 32025416 » en double"),
        ("bts_specialties.csv", "32031299,trop,de,colonnes,,,,", "8 colonnes au lieu de 6"),
        (
            "bts_units.csv",
            "99999999,inconnue,,r,E1,U1,Titre,1,,generale,,,exact,,",
            "spécialité « 99999999 » inconnue",
        ),
        (
            "bts_units.csv",
            "32031213,mco,,r,E9,U9,Titre,abc,,generale,,,exact,,",
            "« abc » n'est pas un nombre",
        ),
        (
            "bts_units.csv",
            "32031213,mco,,r,E9,U9,Titre,2,,generale,,,douteux,,",
            "valeur « douteux » inconnue",
        ),
        ("bts_units.csv", "32031213,mco,,r,E9,U9,,2,,generale,,,exact,,", "« title » est vide"),
    ],
)
def test_malformed_file_is_refused_with_file_and_line_and_nothing_changes(
    reference_copy, file_name, bad_line, expected
):
    path = reference_copy / file_name
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, bad_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        run_import("--directory", str(reference_copy))

    assert f"{file_name}, ligne 4" in str(error.value)
    assert expected in str(error.value)
    assert "rien n'a été importé" in str(error.value)
    assert Academy.objects.count() == 0
    assert Specialty.objects.count() == 0


def test_malformed_file_after_a_good_import_leaves_the_catalogue_as_it_was(reference_copy):
    import_reference(directory=reference_copy)
    units = (reference_copy / "bts_units.csv").read_text(encoding="utf-8")
    (reference_copy / "bts_units.csv").write_text(
        units + "32031213,mco,,r,E9,U9,Titre,-1,,generale,,,exact,,\n", encoding="utf-8"
    )
    Specialty.objects.filter(bcn_code="32031213").update(name="modifié à la main")
    (reference_copy / "bts_specialties.csv").write_text(
        (reference_copy / "bts_specialties.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )

    with pytest.raises(CommandError, match="est négatif"):
        run_import("--directory", str(reference_copy))

    assert Specialty.objects.get(bcn_code="32031213").name == "modifié à la main"


def test_wrong_header_and_missing_file_are_refused(reference_copy):
    (reference_copy / "languages.csv").write_text("langue,nom\nen,anglais\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"languages.csv, ligne 1 : en-tête inattendu"):
        run_import("--directory", str(reference_copy))

    (reference_copy / "languages.csv").unlink()
    with pytest.raises(CommandError, match=r"languages\.csv, ligne 0 : fichier introuvable"):
        run_import("--directory", str(reference_copy))
