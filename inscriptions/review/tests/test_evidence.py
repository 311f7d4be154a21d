"""The logs as evidence (OWASP ASVS 7.1.3, 7.2.1, 7.2.2): every staff read of a dossier (page,
API, history) and every refused access to an object in the audit log; every sign-in, failed
sign-in and second-factor attempt in the connection log; each with its actor, instant and client
address."""

import pytest
from django.test import Client

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import STRONG_PASSWORD, verified_login
from inscriptions.api.tests.office_api import API, client_as
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core.models import AuditEntry, ConnectionEvent

pytestmark = pytest.mark.django_db


def _entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def _connections(action):
    """The connection log (kept a year, then purged): sign-ins, failures, second factor."""
    return list(ConnectionEvent.objects.filter(action=action).order_by("pk"))


def test_each_staff_read_of_a_dossier_is_logged_with_its_address(client, dossier, staff, frozen):
    verified_login(client, staff).get(f"/bureau/dossiers/{dossier.pk}/", REMOTE_ADDR="192.0.2.5")
    api = client_as(staff)
    api.get(f"{API}{dossier.pk}/")
    api.get(f"{API}{dossier.pk}/history/")

    reads = _entries("dossier.view")
    assert [entry.data["how"] for entry in reads] == ["page", "api", "api.history"]
    assert {entry.actor_id for entry in reads} == {staff.pk}
    assert {entry.registration_id for entry in reads} == {dossier.pk}
    assert reads[0].data["address"] == "192.0.2.5"


def test_a_refused_access_is_logged_for_the_candidate_and_the_office(
    client, dossier, other_candidate, other_staff, frozen
):
    client.force_login(other_candidate)
    assert client.get(f"/espace-candidat/dossiers/{dossier.pk}/").status_code == 404
    assert client.get(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/").status_code == 404
    office = verified_login(Client(), other_staff)
    assert office.get(f"/bureau/dossiers/{dossier.pk}/").status_code == 404
    assert client_as(other_staff).get(f"{API}{dossier.pk}/").status_code == 404

    refused = _entries("access.refused")
    assert [(e.actor_id, e.object_id) for e in refused] == [
        (other_candidate.pk, str(dossier.pk)),
        (other_candidate.pk, str(dossier.pk)),
        (other_staff.pk, str(dossier.pk)),
        (other_staff.pk, str(dossier.pk)),
    ]
    assert refused[0].data["path"] == f"/espace-candidat/dossiers/{dossier.pk}/"


def test_sign_ins_and_their_failures_are_logged_without_the_password(client):
    user = UserFactory(role=Role.CANDIDATE, email="camille@exemple.fr", password=STRONG_PASSWORD)

    client.post(
        "/compte/connexion/",
        {"username": "Camille@exemple.fr", "password": "Pas-le-bon-1234"},
        REMOTE_ADDR="192.0.2.8",
    )
    client.post("/compte/connexion/", {"username": "inconnu@exemple.fr", "password": "x"})
    client.post("/compte/connexion/", {"username": user.email, "password": STRONG_PASSWORD})

    failed = _connections("account.login_failed")
    assert [(e.user_id, e.data["username"]) for e in failed] == [
        (user.pk, "camille@exemple.fr"),
        (None, "inconnu@exemple.fr"),
    ]
    assert failed[0].data["address"] == "192.0.2.8"
    assert "Pas-le-bon" not in str([e.data for e in failed])
    (login,) = _connections("account.login")
    assert login.user_id == user.pk
    # In the audit log's chain too, with the account and the instant, not the address nor the
    # login typed (those go with the connection log after a year).
    sealed = _entries("account.login_failed")
    assert [(e.actor_id, e.data) for e in sealed] == [
        (user.pk, {"known_account": True}),
        (None, {"known_account": False}),
    ]
    assert _entries("account.login")[0].actor_id == user.pk


def test_second_factor_attempts_are_logged(client, staff):
    client.force_login(staff)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=staff, name="Application", confirmed=True)

    client.post("/compte/connexion/verification/", {"code": "000000"})

    (failed,) = _connections("account.second_factor_failed")
    assert failed.user_id == staff.pk
    assert "000000" not in str(failed.data)
