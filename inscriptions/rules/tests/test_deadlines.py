"""Deadlines at the hour and at the second (000–003 dates, 002 FAQ « modifier », 002 ④)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inscriptions.rules import (
    RequiredDocument,
    accommodation_decision,
    document_upload_decision,
    modification_decision,
    office_request_decision,
    registration_window_decision,
)
from inscriptions.rules.dates import paris_date, require_aware

from .builders import CITABLE, paris, session_2022, session_2025

SESSION = session_2025()
N003_DATES = "003_d63d5c5aa126f67f.txt « Dates d'inscription »"


@pytest.mark.parametrize(
    ("source", "now", "codes"),
    [
        pytest.param(
            N003_DATES,
            paris(2024, 10, 14, 8, 59, 59),
            ("deadlines.registration_not_open",),
            id="one-second-before-9h",
        ),
        pytest.param(N003_DATES, paris(2024, 10, 14, 9), (), id="opens-at-9h"),
        pytest.param(N003_DATES, paris(2024, 11, 13, 16, 59, 59), (), id="last-second"),
        pytest.param(
            N003_DATES,
            paris(2024, 11, 13, 17),
            ("deadlines.registration_closed",),
            id="closed-at-17h",
        ),
        pytest.param(
            N003_DATES,
            datetime(2024, 11, 13, 16, 0, tzinfo=UTC),
            ("deadlines.registration_closed",),
            id="16h-utc-is-17h-in-paris",
        ),
        pytest.param(
            N003_DATES,
            datetime(2024, 11, 13, 15, 59, 59, tzinfo=UTC),
            (),
            id="15h59-utc-is-still-open",
        ),
    ],
)
def test_registration_window(source: str, now: datetime, codes: tuple[str, ...]) -> None:
    assert source.startswith(CITABLE)
    assert registration_window_decision(now=now, session=SESSION).codes == codes


@settings(derandomize=True)
@given(st.integers(min_value=-3 * 86400, max_value=3 * 86400))
def test_registration_closes_at_the_second(offset: int) -> None:
    now = SESSION.closes_at + timedelta(seconds=offset)
    decision = registration_window_decision(now=now, session=SESSION)
    assert decision.ok is (offset < 0)


@settings(derandomize=True)
@given(st.integers(min_value=-3 * 86400, max_value=3 * 86400))
def test_registration_opens_at_the_second(offset: int) -> None:
    now = SESSION.opens_at + timedelta(seconds=offset)
    decision = registration_window_decision(now=now, session=SESSION)
    assert decision.ok is (offset >= 0)


def test_closed_message_gives_the_paris_hour() -> None:
    decision = registration_window_decision(now=datetime(2024, 12, 1, tzinfo=UTC), session=SESSION)
    assert decision.errors[0].render() == (
        "Les inscriptions sont closes depuis le 13/11/2024 à 17h00 : aucune inscription hors "
        "délai n'est acceptée."
    )


@pytest.mark.parametrize(
    ("source", "session", "now", "codes"),
    [
        pytest.param(
            "000_6beaf5b34ed6841b.txt FAQ « modifier mon inscription »",
            SESSION,
            paris(2024, 11, 13, 16, 59),
            (),
            id="until-closing",
        ),
        pytest.param(
            "000_6beaf5b34ed6841b.txt FAQ « modifier mon inscription »",
            SESSION,
            paris(2024, 11, 13, 17),
            ("deadlines.modification_closed",),
            id="not-after-closing",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §II ❷ (modifications jusqu'au 30 novembre 2021)",
            session_2022(),
            paris(2021, 11, 30, 23, 59, 59),
            (),
            id="toulouse-2022-later-modification-date",
        ),
        pytest.param(
            "002_d2d52601aecd35af.txt §II ❷ (modifications jusqu'au 30 novembre 2021)",
            session_2022(),
            paris(2021, 12, 1),
            ("deadlines.modification_closed",),
            id="toulouse-2022-after-30-november",
        ),
    ],
)
def test_modification_until_closing(
    source: str, session: object, now: datetime, codes: tuple[str, ...]
) -> None:
    assert source.startswith(CITABLE)
    assert modification_decision(now=now, session=session).codes == codes  # type: ignore[arg-type]


DOCUMENT = RequiredDocument("identity", "Pièce d'identité", paris(2024, 11, 20), False, ())


@pytest.mark.parametrize(
    ("now", "request_due", "codes"),
    [
        pytest.param(paris(2024, 11, 19, 23, 59, 59), None, (), id="last-second"),
        pytest.param(
            paris(2024, 11, 20), None, ("deadlines.document_overdue",), id="avant-le-20-novembre"
        ),
        pytest.param(
            paris(2024, 12, 10), paris(2024, 12, 15), (), id="office-asked-for-it-until-15-12"
        ),
        pytest.param(
            paris(2024, 12, 16),
            paris(2024, 12, 15),
            ("deadlines.document_overdue",),
            id="office-request-expired-too",
        ),
    ],
)
def test_document_until_its_due_date_or_an_office_request(
    now: datetime, request_due: datetime | None, codes: tuple[str, ...]
) -> None:
    """003 « avant le 20 novembre 2024 »; 002 §II ④ (rendre le dossier conforme dans le délai)."""
    decision = document_upload_decision(
        now=now, document=DOCUMENT, office_request_due_at=request_due
    )
    assert decision.codes == codes


def test_overdue_message() -> None:
    decision = document_upload_decision(now=paris(2024, 12, 1), document=DOCUMENT)
    assert decision.errors[0].render() == (
        "La date limite de dépôt de la pièce « Pièce d'identité » était le 20/11/2024 à 00h00."
    )


@settings(derandomize=True)
@given(st.integers(min_value=-86400, max_value=86400))
def test_office_request_deadline_at_the_second(offset: int) -> None:
    """002 §II ④: « en respectant rigoureusement le délai fourni pour répondre »."""
    due = paris(2025, 1, 7, 12)
    decision = office_request_decision(now=due + timedelta(seconds=offset), due_at=due)
    assert decision.ok is (offset < 0)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        registration_window_decision(now=datetime(2024, 11, 1, 10), session=SESSION)
    naive_session = replace(SESSION, closes_at=datetime(2024, 11, 13, 17))
    with pytest.raises(ValueError, match="deadline"):
        registration_window_decision(now=paris(2024, 11, 1), session=naive_session)
    with pytest.raises(ValueError, match="moment"):
        paris_date(datetime(2024, 11, 1))
    assert require_aware(SESSION.opens_at, "x") is SESSION.opens_at


def test_day_boundaries_are_paris_days() -> None:
    assert paris_date(datetime(2024, 11, 19, 23, 30, tzinfo=UTC)).isoformat() == "2024-11-20"


@pytest.mark.parametrize(
    ("declared", "codes"), [(True, ("deadlines.accommodation_request",)), (False, ())]
)
def test_accommodation_request_by_the_registration_deadline(
    declared: bool, codes: tuple[str, ...]
) -> None:
    """002 §IV.C: demandes d'aménagements « au plus tard à la date limite d'inscription »."""
    decision = accommodation_decision(disability_declared=declared, session=SESSION)
    assert decision.codes == codes
    assert decision.ok
