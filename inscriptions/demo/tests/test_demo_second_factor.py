"""The demo's office accounts log in with the printed authenticator key or recovery codes."""

import base64
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from inscriptions.accounts.models import Role, User
from inscriptions.demo.data import DEMO_PASSWORD_STAFF
from inscriptions.demo.second_factor import DEMO_RECOVERY_CODES, DEMO_TOTP_SECRET

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def app_code() -> str:
    """What an authenticator app shows with the printed key."""
    return f"{TOTP(base64.b32decode(DEMO_TOTP_SECRET)).token():06d}"


def test_each_staff_login_is_printed_with_the_key_and_recovery_codes():
    output = load()

    for user in User.objects.filter(role__in=[Role.OFFICE_STAFF, Role.ACADEMY_ADMIN]):
        lines = output.splitlines()
        [index] = [i for i, line in enumerate(lines) if user.email in line]
        assert DEMO_TOTP_SECRET in lines[index + 1]
        assert ", ".join(DEMO_RECOVERY_CODES) in lines[index + 1]
    candidate_line = next(line for line in output.splitlines() if "candidat@example.org" in line)
    assert DEMO_TOTP_SECRET not in candidate_line


def test_demo_staff_logs_in_with_the_key_typed_in_an_app(client):
    load()

    client.post(
        "/compte/connexion/",
        {"username": "gestionnaire.tertiaire@example.org", "password": DEMO_PASSWORD_STAFF},
    )
    response = client.post("/compte/connexion/verification/", {"code": app_code(), "next": "/"})

    assert response["Location"] == "/"
    assert DEVICE_ID_SESSION_KEY in client.session


def test_demo_recovery_codes_come_back_with_each_load(client):
    load()
    admin = "admin.toulouse@example.org"
    client.post("/compte/connexion/", {"username": admin, "password": DEMO_PASSWORD_STAFF})
    client.post("/compte/connexion/verification/", {"code": DEMO_RECOVERY_CODES[0]})
    assert client.get("/admin/").status_code == 200

    load()

    client.post("/compte/deconnexion/")
    client.post("/compte/connexion/", {"username": admin, "password": DEMO_PASSWORD_STAFF})
    client.post("/compte/connexion/verification/", {"code": DEMO_RECOVERY_CODES[0]})
    assert client.get("/admin/").status_code == 200
