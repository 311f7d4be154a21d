"""Académie of residence (000–002 FAQ « Je souhaite m'inscrire dans l'académie », 004)."""

import pytest

from inscriptions.rules import Academy, AcademyTable, Address, academy_of_residence
from inscriptions.rules.academy import normalize_department

from .builders import CITABLE, academy_rows, academy_table

EVERY_DEPARTMENT = [
    pytest.param(department, academy.code, id=f"{department}-{academy.name}")
    for academy, departments in academy_rows()
    for department in departments
]


def _address(department: str | None, *, abroad: bool = False) -> Address:
    return Address(
        street="1 rue X", postal_code="99999", locality="X", department=department, abroad=abroad
    )


@pytest.mark.parametrize(("department", "academy_code"), EVERY_DEPARTMENT)
def test_every_department_of_the_reference_table_gives_its_academie(
    department: str, academy_code: str
) -> None:
    """Source: reference/academies.csv, read as data (002 §VI FAQ: académie d'origine)."""
    decision = academy_of_residence(address=_address(department), academies=academy_table())
    assert decision.ok
    assert decision.academy is not None
    assert decision.academy.code == academy_code


@pytest.mark.parametrize(
    ("source", "department", "abroad", "session", "academy", "codes"),
    [
        pytest.param(
            "000_6beaf5b34ed6841b.txt FAQ « académie de Toulouse »",
            "31",
            False,
            "16",
            "Toulouse",
            (),
            id="toulouse-serves-31",
        ),
        pytest.param(
            "000_6beaf5b34ed6841b.txt FAQ « académie de Toulouse »",
            "9",
            False,
            "16",
            "Toulouse",
            (),
            id="ariege-written-without-zero",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §VI FAQ « académie »",
            "11",
            False,
            "16",
            "Montpellier",
            ("academy.not_residence_academy",),
            id="aude-is-not-toulouse",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §VI FAQ « académie »",
            "2a",
            False,
            "27",
            "Corse",
            (),
            id="corse-du-sud",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §VI FAQ « académie »",
            "2B",
            False,
            "27",
            "Corse",
            (),
            id="haute-corse",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §VI FAQ « académie »",
            "20",
            False,
            "27",
            "Corse",
            (),
            id="corse-legacy-20",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §VI FAQ « académie »",
            "974",
            False,
            "28",
            "La Réunion",
            (),
            id="la-reunion",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §VI FAQ « académie »",
            "976",
            False,
            "43",
            "Mayotte",
            (),
            id="mayotte",
        ),
        pytest.param(
            "004_e9d540e1230d63f6.txt « Le principe de la pré-inscription »",
            None,
            True,
            "01",
            "Paris",
            ("academy.abroad",),
            id="abroad-designated-academie",
        ),
        pytest.param(
            "004_e9d540e1230d63f6.txt « Le principe de la pré-inscription »",
            None,
            True,
            "16",
            "Paris",
            ("academy.abroad", "academy.not_residence_academy"),
            id="abroad-in-another-academie",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §II ❷",
            None,
            False,
            "16",
            None,
            ("academy.department_required",),
            id="no-department",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §II ❷",
            "  ",
            False,
            "16",
            None,
            ("academy.department_required",),
            id="blank-department",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §VI FAQ « académie »",
            "96",
            False,
            "16",
            None,
            ("academy.unknown_department",),
            id="unknown-department",
        ),
    ],
)
def test_academie_of_residence(
    source: str,
    department: str | None,
    abroad: bool,
    session: str,
    academy: str | None,
    codes: tuple[str, ...],
) -> None:
    assert source.startswith(CITABLE)
    decision = academy_of_residence(
        address=_address(department, abroad=abroad),
        academies=academy_table(),
        session_academy_code=session,
    )
    assert decision.codes == codes
    assert (decision.academy.name if decision.academy else None) == academy


def test_mismatch_names_both_academies() -> None:
    decision = academy_of_residence(
        address=_address("11"), academies=academy_table(), session_academy_code="16"
    )
    assert decision.findings[0].render() == (
        "Vous résidez dans l'académie de Montpellier : vous devez vous inscrire dans cette "
        "académie, et non dans celle de Toulouse."
    )


def test_session_academie_missing_from_table_is_shown_by_code() -> None:
    decision = academy_of_residence(
        address=_address("11"), academies=academy_table(), session_academy_code="99"
    )
    assert decision.findings[0].params["session_academy"] == "99"


def test_without_designated_academie_residents_abroad_are_told_to_contact_the_office() -> None:
    """004: residents abroad register in the académie designated for them; none here."""
    decision = academy_of_residence(
        address=_address(None, abroad=True), academies=academy_table(abroad_code=None)
    )
    assert decision.codes == ("academy.abroad_not_designated",)
    assert decision.academy is None


def test_corse_20_is_ambiguous_when_2a_and_2b_belong_to_different_academies() -> None:
    table = academy_table()
    split = type(table)(
        by_department={**table.by_department, "2B": table.by_department["06"]},
        abroad=table.abroad,
    )
    decision = academy_of_residence(address=_address("20"), academies=split)
    assert decision.codes == ("academy.unknown_department",)


def test_academie_for_residents_abroad_may_have_no_department() -> None:
    abroad = Academy("99", "Académie des candidats de l'étranger")
    table = AcademyTable.build([*academy_rows(), (abroad, [])], abroad_code="99")
    decision = academy_of_residence(
        address=_address(None, abroad=True), academies=table, session_academy_code="99"
    )
    assert decision.codes == ("academy.abroad",)
    assert table.academy("99") is abroad


def test_table_finds_academies_by_code() -> None:
    table = academy_table()
    assert table.academy("16") is not None
    assert table.academy("01") is table.abroad
    assert table.academy("99") is None
    assert academy_table(abroad_code=None).academy("99") is None


@pytest.mark.parametrize(("raw", "code"), [("9", "09"), (" 2a ", "2A"), ("971", "971")])
def test_department_codes_are_normalised(raw: str, code: str) -> None:
    assert normalize_department(raw) == code
