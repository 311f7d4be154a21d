"""Establishments (seed 004_e9d540e1230d63f6.txt « Choix de l'établissement »): the fictitious
ones of every académie shipped with the reference data, the national directory's imported per
académie, all-or-nothing on a malformed file; the administrator closes and reopens them."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inscriptions.accounts.groups import academy_admin_group
from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.models import Academy, Establishment
from inscriptions.catalog.reference_import import REFERENCE_DIR
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core.models import AuditEntry

pytestmark = pytest.mark.django_db

# The directory's export: « ; », its own labels (accents included), more columns than we read.
HEADER = (
    "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;"
    "Code_postal;Nom_commune;Code_département;Code_academie;Libelle_academie"
)
DIRECTORY = [
    HEADER,
    "0310044V;Lycée Pierre de Fermat;Lycée;Public;31000;Toulouse;031;16;Toulouse",
    "0311234X;Lycée privé Saint-Exupéry;Lycée;Privé;31100;Toulouse;031;16;Toulouse",
    "0820021C;Lycée Antoine Bourdelle;Lycée;Public;82000;Montauban;082;16;Toulouse",
    "0330020K;Lycée Montaigne;Lycée;Public;33000;Bordeaux;033;4;Bordeaux",
]


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def directory_file(tmp_path: Path, lines: list[str], name: str = "annuaire.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def toulouse() -> Academy:
    run("import_reference")
    return Academy.objects.get(code="16")


def test_every_academy_has_its_fictitious_establishments(toulouse):
    # Toulouse: one per département for individual candidates, professional experience, distance.
    codes = set(toulouse.establishments.values_list("code", flat=True))
    assert {"FIC-31", "FIC-82", "FIC-EXP", "FIC-DIST"} <= codes
    assert len(codes) == 8 + 2
    for academy in Academy.objects.all():
        assert academy.establishments.filter(kind="fictitious", is_active=True).exists(), academy
    experience = toulouse.establishments.get(code="FIC-EXP")
    assert experience.categories == ["professional_experience"]
    assert toulouse.establishments.get(code="FIC-31").department == "31"


def test_a_second_import_keeps_what_the_administrator_closed(toulouse):
    toulouse.establishments.filter(code="FIC-09").update(is_active=False)

    output = run("import_reference")

    assert "établissements : 173 inchangé(s)" in output
    assert toulouse.establishments.get(code="FIC-09").is_active is False


def test_a_malformed_establishments_file_is_refused_whole(tmp_path):
    for path in REFERENCE_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    lines = (tmp_path / "establishments.csv").read_text().splitlines()
    lines[3] = lines[3].replace("former_school", "candidat_libre")
    (tmp_path / "establishments.csv").write_text("\n".join(lines) + "\n")

    with pytest.raises(CommandError, match=r"establishments.csv, ligne 4 .*candidat_libre"):
        run("import_reference", "--directory", str(tmp_path))
    assert not Academy.objects.exists()
    assert not Establishment.objects.exists()


def test_the_directory_brings_the_academys_establishments_only(toulouse, tmp_path):
    path = directory_file(tmp_path, DIRECTORY)

    output = run("import_establishments", str(path), "--academie", "16")

    assert "établissements : 3 créé(s)" in output
    fermat = Establishment.objects.get(code="0310044V")
    assert (fermat.academy, fermat.name, fermat.city, fermat.department, fermat.sector) == (
        toulouse,
        "Lycée Pierre de Fermat",
        "Toulouse",
        "31",
        "public",
    )
    assert Establishment.objects.get(code="0311234X").sector == "private"
    assert not Establishment.objects.filter(code="0330020K").exists()
    assert str(fermat) == "Lycée Pierre de Fermat (Toulouse)"


def test_the_directory_import_is_idempotent_and_updates_what_changed(toulouse, tmp_path):
    run("import_establishments", str(directory_file(tmp_path, DIRECTORY)), "--academie", "16")
    renamed = [*DIRECTORY[:1], DIRECTORY[1].replace("Pierre de Fermat", "Pierre-de-Fermat")]
    renamed += DIRECTORY[2:]

    output = run(
        "import_establishments", str(directory_file(tmp_path, renamed, "b.csv")), "--academie", "16"
    )

    assert "établissements : 1 mis à jour" in output
    assert "établissements : 2 inchangé(s)" in output
    assert Establishment.objects.get(code="0310044V").name == "Lycée Pierre-de-Fermat"


def test_without_an_academy_column_the_departments_decide(toulouse, tmp_path):
    lines = [line.rsplit(";", 2)[0] for line in DIRECTORY]

    run("import_establishments", str(directory_file(tmp_path, lines)), "--academie", "16")

    assert set(Establishment.objects.filter(kind="training").values_list("code", flat=True)) == {
        "0310044V",
        "0311234X",
        "0820021C",
    }


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("031004;Lycée;Lycée;Public;31000;Toulouse;031;16;Toulouse", r"ligne 3 : UAI « 031004 »"),
        (";Lycée;Lycée;Public;31000;Toulouse;031;16;Toulouse", r"ligne 3 : la colonne « code »"),
        ("0310045W;Lycée;Lycée;Public;31000;Toulouse", r"ligne 3 : 6 colonnes au lieu de 9"),
        (DIRECTORY[1], r"ligne 3 : UAI « 0310044V » en double"),
    ],
)
def test_a_malformed_directory_is_refused_whole_with_its_line(toulouse, tmp_path, line, message):
    path = directory_file(tmp_path, [DIRECTORY[0], DIRECTORY[1], line])

    with pytest.raises(CommandError, match=message):
        run("import_establishments", str(path), "--academie", "16")
    assert not Establishment.objects.filter(kind="training").exists()


def test_a_file_without_the_directorys_columns_is_refused(toulouse, tmp_path):
    path = directory_file(tmp_path, ["uai,nom", "0310044V,Lycée Pierre de Fermat"])

    with pytest.raises(CommandError, match="ligne 1 : colonne « Nom_etablissement » absente"):
        run("import_establishments", str(path), "--academie", "16")


def test_an_unknown_academy_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Académie « 99 » inconnue"):
        run("import_establishments", str(directory_file(tmp_path, DIRECTORY)), "--academie", "99")


def test_the_administrator_closes_and_reopens_their_own_establishments(client, toulouse):
    admin = UserFactory(role=Role.ACADEMY_ADMIN, academy=toulouse, is_staff=True)
    admin.groups.set([academy_admin_group()])
    verified_login(client, admin)
    fic = toulouse.establishments.get(code="FIC-31")
    bordeaux = Establishment.objects.get(academy__code="04", code="FIC-33")

    listing = client.get("/admin/catalog/establishment/").content.decode()
    response = client.post(
        "/admin/catalog/establishment/",
        {"action": "close", "_selected_action": [fic.pk, bordeaux.pk]},
    )

    assert "FIC-31" in listing and "FIC-33" not in listing
    assert response.status_code == 302
    fic.refresh_from_db()
    bordeaux.refresh_from_db()
    assert (fic.is_active, bordeaux.is_active) == (False, True)
    entry = AuditEntry.objects.get(action="establishment.close")
    assert (entry.actor, entry.object_id) == (admin, str(fic.pk))
