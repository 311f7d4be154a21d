"""The home page: which sessions a candidate sees, and their dates in Paris time."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from inscriptions.catalog.tests.factories import ExamSessionFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday evening in November, when registration is usually open.
NOW = datetime(2025, 11, 11, 21, 0, tzinfo=PARIS)
# 23:59 in Paris on Friday 14 November 2025, winter time (UTC+1).
CLOSES = datetime(2025, 11, 14, 22, 59, tzinfo=UTC)


def home_sections(client) -> tuple[str, str]:
    """The open and the upcoming sections of the home page, as HTML."""
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    _, after_open_heading = html.split(">Inscriptions ouvertes</h2>")
    open_part, after_upcoming_heading = after_open_heading.split(">Prochaines ouvertures</h2>")
    upcoming_part, _ = after_upcoming_heading.split("</main>")
    return open_part, upcoming_part


def test_home_lists_open_and_upcoming_sessions_but_not_closed_ones(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    ExamSessionFactory(now=NOW, academy__name="Toulouse")
    ExamSessionFactory(now=NOW, upcoming=True, academy__name="Lyon")
    ExamSessionFactory(now=NOW, closed=True, academy__name="Nantes")

    open_part, upcoming_part = home_sections(client)

    assert "académie de Toulouse" in open_part
    assert "Lyon" not in open_part
    assert "académie de Lyon" in upcoming_part
    assert "Toulouse" not in upcoming_part
    assert "Nantes" not in open_part + upcoming_part


def test_open_session_shows_its_closing_date_in_paris_time_and_the_time_left(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    ExamSessionFactory(now=NOW, registration_closes_at=CLOSES)

    open_part, _ = home_sections(client)

    assert "vendredi 14 novembre 2025 à 23:59" in open_part
    assert '<time datetime="2025-11-14T23:59:00+01:00">' in open_part
    # 3 days, 2 hours and 59 minutes: the two largest units are shown.
    assert "Clôture dans 3\xa0jours, 2\xa0heures" in open_part


def test_dates_either_side_of_the_change_to_winter_time_are_both_in_paris_time(
    client, time_machine
):
    time_machine.move_to(NOW, tick=False)
    # Opens at 09:00 in Paris in summer time (UTC+2), closes at 23:59 in winter time (UTC+1).
    ExamSessionFactory(
        registration_opens_at=datetime(2025, 10, 15, 7, 0, tzinfo=UTC),
        registration_closes_at=CLOSES,
    )

    open_part, _ = home_sections(client)

    assert "mercredi 15 octobre 2025 à 09:00" in open_part
    assert "vendredi 14 novembre 2025 à 23:59" in open_part


def test_upcoming_session_shows_the_time_left_before_opening(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    ExamSessionFactory(now=NOW, opens_in=timedelta(days=2, hours=5))

    open_part, upcoming_part = home_sections(client)

    assert "Aucune session n'est ouverte aux inscriptions en ce moment." in open_part
    assert "Ouverture dans 2\xa0jours, 5\xa0heures" in upcoming_part


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        pytest.param(CLOSES - timedelta(seconds=1), True, id="one-second-before"),
        pytest.param(CLOSES, False, id="at-the-closing-second"),
        pytest.param(CLOSES + timedelta(seconds=1), False, id="one-second-after"),
    ],
)
def test_registration_closes_at_the_exact_closing_second(client, time_machine, moment, is_open):
    ExamSessionFactory(now=NOW, registration_closes_at=CLOSES, academy__name="Toulouse")
    time_machine.move_to(moment, tick=False)

    open_part, upcoming_part = home_sections(client)

    assert ("académie de Toulouse" in open_part) is is_open
    assert "Toulouse" not in upcoming_part


def test_home_says_so_when_no_session_is_announced(client):
    open_part, upcoming_part = home_sections(client)

    assert "Aucune session n'est ouverte aux inscriptions en ce moment." in open_part
    assert "Aucune ouverture n'est annoncée pour le moment." in upcoming_part
