"""Civil status, address and contact (004 « État civil et données générales », 000–002 ①)."""

import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inscriptions.rules import (
    Address,
    CivilStatus,
    Contact,
    PartialDate,
    address_decision,
    civil_status_decision,
    contact_decision,
    postal_code_decision,
)
from inscriptions.rules.civil_status import email_is_valid, partial_date_is_valid

from .builders import CITABLE

TODAY = date(2024, 10, 20)
BASE = CivilStatus(
    last_name="Durand",
    first_names=("Camille", "Louise"),
    birth_date=PartialDate(2003, 5, 14),
    french_national=True,
    birth_department="31",
)
SEED_004 = "004_e9d540e1230d63f6.txt « État civil et données générales »"
SEED_000 = "000_6beaf5b34ed6841b.txt §II ① (saisir deux prénoms si possible)"

CIVIL_STATUS_CASES = [
    pytest.param(SEED_004, {}, (), id="complete"),
    pytest.param(SEED_004, {"last_name": " "}, ("civil_status.last_name_required",), id="no-name"),
    pytest.param(SEED_000, {"first_names": ()}, ("civil_status.first_name_required",), id="none"),
    pytest.param(
        SEED_000, {"first_names": ("", " ")}, ("civil_status.first_name_required",), id="blank"
    ),
    pytest.param(
        SEED_000,
        {"first_names": ("Camille",)},
        ("civil_status.second_first_name_recommended",),
        id="one-first-name-warns",
    ),
    pytest.param(SEED_004, {"birth_date": None}, ("civil_status.birth_year_required",), id="none"),
    pytest.param(
        SEED_004,
        {"birth_date": PartialDate(0, 5, 14)},
        ("civil_status.birth_year_required",),
        id="year-zero",
    ),
    pytest.param(SEED_004, {"birth_date": PartialDate(2003)}, (), id="00/00-unknown-day-month"),
    pytest.param(SEED_004, {"birth_date": PartialDate(2003, 5)}, (), id="00/05-unknown-day"),
    pytest.param(
        SEED_004,
        {"birth_date": PartialDate(2003, 0, 14)},
        ("civil_status.birth_date_invalid",),
        id="day-without-month",
    ),
    pytest.param(
        SEED_004,
        {"birth_date": PartialDate(2003, 2, 29)},
        ("civil_status.birth_date_invalid",),
        id="29-02-common-year",
    ),
    pytest.param(SEED_004, {"birth_date": PartialDate(2004, 2, 29)}, (), id="29-02-leap-year"),
    pytest.param(
        SEED_004,
        {"birth_date": PartialDate(2003, 13, 1)},
        ("civil_status.birth_date_invalid",),
        id="month-13",
    ),
    pytest.param(
        SEED_004,
        {"birth_date": PartialDate(1899, 1, 1)},
        ("civil_status.birth_date_invalid",),
        id="before-1900",
    ),
    pytest.param(
        SEED_004,
        {"birth_date": PartialDate(2024, 10, 21)},
        ("civil_status.birth_date_in_future",),
        id="tomorrow",
    ),
    pytest.param(SEED_004, {"birth_date": PartialDate(2024, 10)}, (), id="this-month-unknown-day"),
    pytest.param(
        SEED_004,
        {"birth_department": None},
        ("civil_status.birth_department_required",),
        id="no-department",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "99"},
        ("civil_status.birth_department_invalid",),
        id="99-is-abroad",
    ),
    pytest.param(SEED_004, {"birth_department": "2b"}, (), id="haute-corse"),
    pytest.param(SEED_004, {"birth_department": "971"}, (), id="guadeloupe"),
    pytest.param(SEED_004, {"birth_department": "988"}, (), id="nouvelle-caledonie"),
    pytest.param(
        SEED_004,
        {"birth_department": "75"},
        ("civil_status.birth_arrondissement_required",),
        id="paris-needs-arrondissement",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "75", "birth_arrondissement": 20},
        (),
        id="paris-20e",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "75", "birth_arrondissement": 21},
        ("civil_status.birth_arrondissement_invalid",),
        id="paris-21e",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "75", "birth_municipality": "Neuilly", "birth_arrondissement": None},
        ("civil_status.birth_arrondissement_required",),
        id="75-is-all-paris",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "69", "birth_municipality": "Lyon", "birth_arrondissement": 9},
        (),
        id="lyon-9e",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "69", "birth_municipality": "LYON", "birth_arrondissement": 10},
        ("civil_status.birth_arrondissement_invalid",),
        id="lyon-10e",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "69", "birth_municipality": "Villeurbanne"},
        (),
        id="rhone-outside-lyon",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "13"},
        ("civil_status.birth_arrondissement_required",),
        id="13-without-municipality",
    ),
    pytest.param(
        SEED_004,
        {"birth_department": "13", "birth_municipality": "Marseille", "birth_arrondissement": 16},
        (),
        id="marseille-16e",
    ),
    pytest.param(
        SEED_004,
        {"born_abroad": True, "birth_department": None},
        ("civil_status.birth_country_required",),
        id="abroad-needs-country",
    ),
    pytest.param(
        SEED_004,
        {"born_abroad": True, "birth_department": None, "birth_country": "Maroc"},
        (),
        id="born-in-morocco",
    ),
]


@pytest.mark.parametrize(("source", "changes", "codes"), CIVIL_STATUS_CASES)
def test_civil_status(source: str, changes: dict[str, Any], codes: tuple[str, ...]) -> None:
    assert source.startswith(CITABLE)
    decision = civil_status_decision(civil_status=replace(BASE, **changes), today=TODAY)
    assert decision.codes == codes


def test_one_first_name_is_a_warning_not_an_error() -> None:
    """000 ①: « saisir deux prénoms si possible »."""
    decision = civil_status_decision(
        civil_status=replace(BASE, first_names=("Camille",)), today=TODAY
    )
    assert decision.ok
    assert decision.warnings[0].render() == "Saisissez deux prénoms si possible."
    assert decision.warnings[0].field == "civil_status.first_names"


def test_invalid_birth_date_is_shown_as_typed() -> None:
    decision = civil_status_decision(
        civil_status=replace(BASE, birth_date=PartialDate(2003, 0, 7)), today=TODAY
    )
    assert "« 07/00/2003 »" in decision.findings[0].render()


ADDRESS = Address(street="12 allées Jean Jaurès", postal_code="31000", locality="Toulouse")
ADDRESS_CASES = [
    pytest.param(SEED_004, {}, (), id="complete"),
    pytest.param(SEED_004, {"department": "31"}, (), id="matching-department"),
    pytest.param(
        "000_6beaf5b34ed6841b.txt FAQ « adresse postale précise et complète »",
        {"street": ""},
        ("address.street_required",),
        id="no-street",
    ),
    pytest.param(SEED_004, {"locality": " "}, ("address.locality_required",), id="no-locality"),
    pytest.param(SEED_004, {"postal_code": "3100"}, ("address.postal_code_format",), id="4-digits"),
    pytest.param(SEED_004, {"postal_code": "31 000"}, ("address.postal_code_format",), id="space"),
    pytest.param(SEED_004, {"postal_code": "2A000"}, ("address.postal_code_format",), id="letters"),
    pytest.param(
        SEED_004, {"postal_code": "99999"}, ("address.postal_code_reserved_abroad",), id="99999"
    ),
    pytest.param(SEED_004, {"postal_code": "00100"}, ("address.postal_code_unknown",), id="00"),
    pytest.param(SEED_004, {"postal_code": "96000"}, ("address.postal_code_unknown",), id="96"),
    pytest.param(
        SEED_004,
        {"postal_code": "54000", "department": "31"},
        ("address.postal_code_department_mismatch",),
        id="mismatch-warns",
    ),
    pytest.param(SEED_004, {"postal_code": "20000", "department": "2A"}, (), id="ajaccio-20-is-2a"),
    pytest.param(
        SEED_004,
        {"postal_code": "20000", "department": "31"},
        ("address.postal_code_department_mismatch",),
        id="corsican-code-elsewhere",
    ),
    pytest.param(SEED_004, {"postal_code": "97400", "department": "974"}, (), id="reunion"),
    pytest.param(SEED_004, {"postal_code": "01000", "department": "1"}, (), id="ain-short-code"),
    pytest.param(
        SEED_004,
        {"abroad": True, "postal_code": "99999", "locality": "Belgique", "place": "B-1000"},
        (),
        id="abroad-99999",
    ),
    pytest.param(
        SEED_004,
        {"abroad": True, "postal_code": "10000", "locality": "Belgique"},
        ("address.postal_code_abroad",),
        id="abroad-real-code",
    ),
    pytest.param(
        SEED_004,
        {"abroad": True, "postal_code": "99999", "locality": ""},
        ("address.locality_required",),
        id="abroad-country-in-locality",
    ),
]


@pytest.mark.parametrize(("source", "changes", "codes"), ADDRESS_CASES)
def test_address(source: str, changes: dict[str, Any], codes: tuple[str, ...]) -> None:
    assert source.startswith(CITABLE)
    assert address_decision(address=replace(ADDRESS, **changes)).codes == codes


@settings(derandomize=True)
@given(st.from_regex(r"(0[1-9]|[1-8][0-9]|9[0-5])[0-9]{3}", fullmatch=True))
def test_any_metropolitan_postal_code_is_accepted_in_france(postal_code: str) -> None:
    """004: 5 digits; 99999 only abroad."""
    assert postal_code_decision(postal_code=postal_code, abroad=False, department=None).ok


@settings(derandomize=True)
@given(st.text(max_size=8) | st.text("0123456789٠١٢٣٤٥٦٧٨٩０１２ ", min_size=4, max_size=7))
def test_anything_but_five_ascii_digits_is_refused(postal_code: str) -> None:
    codes = postal_code_decision(postal_code=postal_code, abroad=True, department=None).codes
    five_digits = re.fullmatch("[0-9]{5}", postal_code.strip()) is not None
    assert ("address.postal_code_format" in codes) is not five_digits


@settings(derandomize=True)
@given(st.from_regex(r"[0-9]{5}", fullmatch=True), st.booleans())
def test_99999_is_reserved_for_and_required_of_residents_abroad(
    postal_code: str, abroad: bool
) -> None:
    decision = postal_code_decision(postal_code=postal_code, abroad=abroad, department=None)
    if abroad:
        assert decision.ok is (postal_code == "99999")
    else:
        assert ("address.postal_code_reserved_abroad" in decision.codes) is (postal_code == "99999")


@pytest.mark.parametrize(
    ("email", "phone", "codes"),
    [
        pytest.param("camille.durand@example.fr", "06 12 34 56 78", (), id="complete"),
        pytest.param(" camille@ac-toulouse.fr ", "+33 6 12 34 56 78", (), id="trimmed"),
        pytest.param("", "0612345678", ("contact.email_required",), id="no-email"),
        pytest.param("camille", "0612345678", ("contact.email_invalid",), id="no-at"),
        pytest.param("camille@example", "0612345678", ("contact.email_invalid",), id="no-tld"),
        pytest.param("a@b@example.fr", "0612345678", ("contact.email_invalid",), id="two-at"),
        pytest.param("camille..d@example.fr", "0612345678", ("contact.email_invalid",), id=".."),
        pytest.param("camille@example.fr", "", ("contact.phone_recommended",), id="no-phone"),
        pytest.param("camille@example.fr", "06-12", ("contact.phone_invalid",), id="short"),
        pytest.param("camille@example.fr", "tel 0612345678", ("contact.phone_invalid",), id="txt"),
        pytest.param(
            "camille@example.fr", "０６１２３４５６７８", ("contact.phone_invalid",), id="wide"
        ),
    ],
)
def test_contact(email: str, phone: str, codes: tuple[str, ...]) -> None:
    """Email mandatory (000 FAQ « adresse électronique », 004); a phone is expected (000 ①)."""
    assert contact_decision(contact=Contact(email=email, phone=phone)).codes == codes


def test_email_length_is_bounded() -> None:
    assert not email_is_valid("a" * 250 + "@example.fr")


@settings(derandomize=True)
@given(
    st.integers(min_value=1900, max_value=2100),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=31),
)
def test_valid_partial_dates_have_a_consistent_range(year: int, month: int, day: int) -> None:
    birth = PartialDate(year, month, day)
    if partial_date_is_valid(birth):
        assert birth.earliest() <= birth.latest()
        assert birth.earliest().year == birth.latest().year == year
        assert (birth.earliest() == birth.latest()) is (month != 0 and day != 0)
