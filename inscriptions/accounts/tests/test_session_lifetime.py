"""A session's absolute lifetime (OWASP ASVS 3.3.2): however often it is refreshed (the idle
timeout is 30 minutes), a candidate's session ends 12 hours after the sign-in, an office
member's 8 hours after; the warning before the idle expiry stays (RGAA 13.1)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))


def _refreshed_every_25_minutes(client, time_machine, url, *, until):
    """The page asked every 25 minutes (the idle timeout never reached) until ``until``."""
    now = START
    while now < until:
        now += timedelta(minutes=25)
        time_machine.move_to(now, tick=False)
        response = client.get(url)
    return response


def test_a_candidates_session_ends_12_hours_after_sign_in_however_active(client, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(UserFactory(role=Role.CANDIDATE))

    active = _refreshed_every_25_minutes(
        client, time_machine, "/espace-candidat/", until=START + timedelta(hours=11, minutes=30)
    )
    assert active.status_code == 200

    time_machine.move_to(START + timedelta(hours=12), tick=False)
    ended = client.get("/espace-candidat/")

    assert ended.status_code == 302
    assert "/compte/connexion/" in ended["Location"]
    page = client.get(ended["Location"]).content.decode()
    assert "une session dure au plus 12 heures" in page


def test_an_office_session_ends_after_8_hours(client, time_machine):
    time_machine.move_to(START, tick=False)
    verified_login(client, UserFactory(role=Role.OFFICE_STAFF, is_staff=True))

    active = _refreshed_every_25_minutes(
        client, time_machine, "/bureau/", until=START + timedelta(hours=7, minutes=30)
    )
    assert active.status_code == 200
    time_machine.move_to(START + timedelta(hours=8), tick=False)

    assert client.get("/bureau/").status_code == 302
