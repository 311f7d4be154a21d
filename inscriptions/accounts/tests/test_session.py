"""Session expiry (RGAA 13.1): logged-in pages carry the warning dialog and its timings; the
extension endpoint touches the session."""

import re

import pytest
from django.conf import settings as django_settings

from inscriptions.catalog.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EXTEND = "/compte/session/prolonger/"


def test_extension_touches_the_session_of_a_logged_in_user(client):
    client.force_login(UserFactory())

    response = client.post(EXTEND)

    assert response.status_code == 204
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == django_settings.SESSION_COOKIE_AGE


def test_extension_refused_without_a_session(client):
    assert client.post(EXTEND).status_code == 401


def test_extension_is_a_post(client):
    client.force_login(UserFactory())

    assert client.get(EXTEND).status_code == 405


def test_extension_requires_the_csrf_token():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    assert client.post(EXTEND).status_code == 403


def test_logged_in_pages_carry_the_warning_dialog_with_its_timings(client, settings):
    settings.SESSION_COOKIE_AGE = 1800
    settings.SESSION_WARNING_SECONDS = 120
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    dialog = re.search(r'<dialog id="session-expiry-modal".*?</dialog>', html, re.S)
    assert dialog
    assert 'role="dialog"' in dialog.group()
    assert 'aria-labelledby="session-expiry-title"' in dialog.group()
    assert 'data-session-timeout="1800"' in dialog.group()
    assert 'data-session-warning="120"' in dialog.group()
    assert 'data-extend-url="/compte/session/prolonger/"' in dialog.group()
    assert 'data-login-url="/compte/connexion/"' in dialog.group()
    assert re.search(r'data-csrf-token="\w+"', dialog.group())
    assert re.search(r"Votre session va expirer dans 2 minutes\s*</h2>", dialog.group())
    assert ">Prolonger ma session</button>" in dialog.group()
    assert '<script defer src="/static/accounts/session.js"></script>' in html


def test_warning_counts_seconds_when_it_is_shorter_than_a_minute(client, settings):
    settings.SESSION_WARNING_SECONDS = 45
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert re.search(r"Votre session va expirer dans 45 secondes\s*</h2>", html)


def test_visitors_pages_have_no_session_warning(client):
    html = client.get("/").content.decode()

    assert "session-expiry-modal" not in html
    assert "accounts/session.js" not in html


def _stored_expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_session_is_not_written_again_within_its_refresh_interval(client, time_machine):
    time_machine.move_to("2026-11-23 10:00:00+01:00", tick=False)
    client.force_login(UserFactory())
    client.get("/")  # the first page notes the session's last write
    written = _stored_expiry(client)

    time_machine.move_to("2026-11-23 10:00:40+01:00", tick=False)
    response = client.get("/")

    assert _stored_expiry(client) == written
    assert django_settings.SESSION_COOKIE_NAME not in response.cookies
    assert 'data-session-elapsed="40"' in response.content.decode()


def test_a_session_older_than_its_refresh_interval_lasts_again_from_this_request(
    client, time_machine
):
    time_machine.move_to("2026-11-23 10:00:00+01:00", tick=False)
    client.force_login(UserFactory())
    client.get("/")
    written = _stored_expiry(client)

    time_machine.move_to("2026-11-23 10:01:05+01:00", tick=False)
    response = client.get("/")

    assert (_stored_expiry(client) - written).total_seconds() == 65
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == django_settings.SESSION_COOKIE_AGE
    assert 'data-session-elapsed="0"' in response.content.decode()


def test_a_short_session_is_refreshed_more_often(client, settings, time_machine):
    settings.SESSION_COOKIE_AGE = 60  # refreshed every 2 s: a thirtieth of its life
    time_machine.move_to("2026-11-23 10:00:00+01:00", tick=False)
    client.force_login(UserFactory())
    client.get("/")
    written = _stored_expiry(client)

    time_machine.move_to("2026-11-23 10:00:03+01:00", tick=False)
    client.get("/")

    assert (_stored_expiry(client) - written).total_seconds() == 3


def test_the_extension_writes_the_session_even_within_the_interval(client, time_machine):
    time_machine.move_to("2026-11-23 10:00:00+01:00", tick=False)
    client.force_login(UserFactory())
    client.get("/")
    written = _stored_expiry(client)

    time_machine.move_to("2026-11-23 10:00:10+01:00", tick=False)
    assert client.post(EXTEND).status_code == 204

    assert (_stored_expiry(client) - written).total_seconds() == 10


def test_a_visitor_without_a_session_gets_none(client):
    response = client.get("/")

    assert django_settings.SESSION_COOKIE_NAME not in response.cookies
