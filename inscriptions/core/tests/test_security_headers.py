"""The headers of every kind of page (OWASP ASVS V14.4, V8.2.1): a strict Content-Security-Policy
with no inline code allowed, a Permissions-Policy, no copy kept of a page once signed in, HSTS
with preload and « __Host- » cookies in production; no template carries inline code, so the
policy breaks no page."""

import re
from pathlib import Path

import pytest

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.tests.factories import UserFactory

from .test_settings import run_python

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2]


def _csp(response):
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize("url", ["/", "/compte/connexion/", "/compte/inscription/", "/sessions/"])
def test_public_pages_carry_a_strict_policy(client, url):
    response = client.get(url)

    policy = _csp(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_every_page_of_a_signed_in_user_is_never_stored(client):
    candidate = UserFactory(role=Role.CANDIDATE)
    client.force_login(candidate)

    for url in ["/", "/espace-candidat/", "/sessions/"]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_the_office_pages_are_never_stored(client):
    office = verified_login(client, UserFactory(role=Role.OFFICE_STAFF, is_staff=True))

    response = office.get("/bureau/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert _csp(response)["script-src"] == "'self'"


def test_no_template_carries_inline_code():
    """Scripts and styles come from files of the site: no <script> without src, no <style>, no
    style attribute, no on… handler attribute in any template of the project."""
    offending = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)", r"<style", r"\sstyle=\"", r"\son[a-z]+=\""):
            if re.search(pattern, text):
                offending.append(f"{path.relative_to(TEMPLATES)}: {pattern}")
    assert offending == []


def test_production_has_hsts_preload_and_host_cookies(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    )
    result = run_python(
        code,
        tmp_path,
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="k" * 50,
        STATIC_ROOT=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "__Host-sessionid", "__Host-csrftoken"]


def test_the_deploy_checks_pass_in_production_settings(tmp_path):
    """Django's own deployment checklist (``check --deploy``), warnings included."""
    code = (
        "import django, sys; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run_python(
        code,
        tmp_path,
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="k" * 20 + "Q7#vX9!mZ2$pL4&wR8" + "y" * 20,
        STATIC_ROOT=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
