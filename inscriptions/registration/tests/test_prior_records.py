"""The académie's records of earlier sessions (seed 004_e9d540e1230d63f6.txt « Attention »,
000_6beaf5b34ed6841b.txt FAQ « bénéfices »): imported from the documented CSV, all or nothing,
corrected in the admin; what a returning candidate's number and birth date pre-fill."""

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inscriptions.accounts.groups import academy_admin_group
from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.models import Academy
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.registration.models import PriorRecord
from inscriptions.registration.prefill import prefill_answers
from inscriptions.registration.prior_records_import import COLUMNS
from inscriptions.registration.services import registration_start

pytestmark = pytest.mark.django_db

HEADER = ";".join(COLUMNS)
LINES = [
    HEADER,
    "1600012345;2026;Bernard;Lucas Pierre;17/04/2003;32031213;globale;U1;12,5;03/07/2026;non;non",
    "1600012345;2026;Bernard;Lucas Pierre;17/04/2003;32031213;globale;U4;14;03/07/2026;non;oui",
    "1600012345;2026;Bernard;Lucas Pierre;17/04/2003;32031213;globale;U5;;03/07/2026;oui;non",
    "1600012345;2026;Bernard;Lucas Pierre;17/04/2003;32031213;globale;U6;11;03/07/2026;non;non",
]


def records_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "sessions.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path) -> str:
    out = StringIO()
    call_command("import_prior_records", str(path), "--academie", "16", stdout=out)
    return out.getvalue()


def test_records_are_imported_with_grades_absences_and_renunciations(catalogue, tmp_path):
    output = run(records_file(tmp_path, LINES))

    record = PriorRecord.objects.get()
    assert "candidats des sessions précédentes : 1 créé(s)" in output
    assert (record.academy.code, record.exam_year, record.birth_date, record.form) == (
        "16",
        2026,
        date(2003, 4, 17),
        "global",
    )
    assert record.civil_status["first_name_2"] == "Pierre"
    grades = {g.unit_code: (g.grade, g.absent, g.renounced) for g in record.grades.all()}
    assert grades == {
        "U1": (Decimal("12.50"), False, False),
        "U4": (Decimal("14.00"), False, True),
        "U5": (None, True, False),
        "U6": (Decimal("11.00"), False, False),
    }


def test_a_second_import_changes_nothing_and_a_corrected_file_replaces_the_units(
    catalogue, tmp_path
):
    run(records_file(tmp_path, LINES))
    assert "1 inchangé(s)" in run(records_file(tmp_path, LINES))

    output = run(records_file(tmp_path, LINES[:2]))

    assert "1 mis à jour" in output
    assert list(PriorRecord.objects.get().grades.values_list("unit_code", flat=True)) == ["U1"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda line: line.replace(";12,5;", ";25;"), "ligne 2 : note « 25 » hors de 0 à 20"),
        (lambda line: line.replace("32031213", "99999999"), "ligne 2 : spécialité « 99999999 »"),
        (lambda line: line.replace("17/04/2003", "2003-04-17"), "ligne 2 : date « 2003-04-17 »"),
        (lambda line: line.replace("globale", "libre"), "ligne 2 : forme « libre »"),
        (lambda line: line.replace(";non;non", ";oui;non"), "ligne 2 : une note est donnée"),
    ],
)
def test_a_malformed_file_is_refused_whole_with_its_line(catalogue, tmp_path, change, message):
    with pytest.raises(CommandError, match=message):
        run(records_file(tmp_path, [LINES[0], change(LINES[1]), *LINES[2:]]))
    assert not PriorRecord.objects.exists()


def test_a_candidate_whose_lines_disagree_is_refused(catalogue, tmp_path):
    lines = [*LINES, LINES[4].replace("U6", "U7").replace("Bernard", "Bernardi")]

    with pytest.raises(CommandError, match=r"ligne 6 : le candidat 1600012345 .* sa ligne 2"):
        run(records_file(tmp_path, lines))


def test_prefill_offers_kept_grades_but_neither_absences_nor_renounced_benefits(
    catalogue, session, candidate, tmp_path, frozen
):
    run(records_file(tmp_path, LINES))
    draft = registration_start(candidate=candidate, session=session, now=frozen)

    answers = prefill_answers(
        registration=draft, candidate_number="1600012345", birth_date=date(2003, 4, 17)
    )

    assert answers is not None
    assert answers["identity"]["last_name"] == "Bernard"
    assert sorted(answers["acquis"]["units"]) == ["U1", "U6"]


def test_the_administrator_corrects_their_academys_records_only(client, catalogue, tmp_path):
    run(records_file(tmp_path, LINES))
    toulouse = Academy.objects.get(code="16")
    admin = UserFactory(role=Role.ACADEMY_ADMIN, academy=toulouse, is_staff=True)
    admin.groups.set([academy_admin_group()])
    verified_login(client, admin)
    other = UserFactory(role=Role.ACADEMY_ADMIN, academy=Academy.objects.get(code="04"))
    other.is_staff = True
    other.save()
    other.groups.set([academy_admin_group()])
    record = PriorRecord.objects.get()

    own = client.get(f"/admin/registration/priorrecord/{record.pk}/change/")
    verified_login(client, other)
    foreign = client.get(f"/admin/registration/priorrecord/{record.pk}/change/")

    assert own.status_code == 200
    assert "1600012345" in own.content.decode()
    assert foreign.status_code == 302
