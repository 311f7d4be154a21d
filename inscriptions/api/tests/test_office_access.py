"""Who may use the exam office's API: each role on each route (allowed, or told the dossier
does not exist), the office session without its second factor, the anonymous asked for a token,
and a token instead of the session."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from inscriptions.accounts.tests.helpers import verified_api_token
from inscriptions.documents.models import DocumentStatus
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import *  # noqa: F403
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.notifications import messages as messaging
from inscriptions.notifications.models import Message
from inscriptions.registration.models import State

from .office_api import *  # noqa: F403
from .office_api import API, NOW, client_as, upload

pytestmark = pytest.mark.django_db


# --- Who may do what: each role on each route


def _queue(response, dossier):
    if response.status_code != 200:
        return response.status_code
    listed = dossier.pk in [row["id"] for row in response.json()["results"]]
    return "listed" if listed else "not listed"


def _bulk(response, dossier):
    if response.status_code != 200:
        return response.status_code
    return response.json()["results"][0]["result"]


# In the order an office member in scope can run them all on one dossier: the documents are
# decided while it awaits review, bulk « conforme » decides it, « reopen » brings it back.
ROUTES = [
    ("queue", "get", "", None, _queue),
    ("detail", "get", "{pk}/", None, None),
    ("history", "get", "{pk}/history/", None, None),
    ("messages", "get", "{pk}/messages/", None, None),
    ("attachment", "get", "{pk}/messages/attachments/{attachment}/", None, None),
    ("write", "post", "{pk}/messages/", {"body": "Bonjour"}, None),
    ("document", "post", "{pk}/documents/identity/decision/", {"decision": "accept"}, None),
    ("bulk", "post", "bulk-compliant/", {"ids": ["{pk}"]}, _bulk),
    ("decision", "post", "{pk}/decision/", {"action": "reopen", "comment": "À revoir"}, None),
]
IN_SCOPE = {
    "queue": "listed",
    "detail": 200,
    "history": 200,
    "messages": 200,
    "attachment": 200,
    "write": 201,
    "document": 200,
    "bulk": "compliant",
    "decision": 200,
}
OUT_OF_SCOPE = {
    **dict.fromkeys(IN_SCOPE, 404),
    "queue": "not listed",
    "bulk": "not_found",
}
CANDIDATE = dict.fromkeys(IN_SCOPE, 404)
ANONYMOUS = dict.fromkeys(IN_SCOPE, 401)


def _fill(value, values):
    if isinstance(value, str):
        return int(value.format(**values)) if value == "{pk}" else value.format(**values)
    if isinstance(value, list):
        return [_fill(item, values) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, values) for key, item in value.items()}
    return value


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", CANDIDATE),
        ("other_candidate", CANDIDATE),
        ("staff", IN_SCOPE),
        ("other_staff", OUT_OF_SCOPE),
        ("academy_admin", IN_SCOPE),
        ("foreign_admin", OUT_OF_SCOPE),
        ("anonymous", ANONYMOUS),
    ],
)
def test_each_role_on_each_office_route(request, dossier, role, expected, frozen):
    # The other required pieces accepted: once the identity is, the dossier may be conforme.
    accept_required_pieces(dossier, request.getfixturevalue("staff"), now=NOW, skip=("identity",))
    upload(dossier)
    sent = messaging.message_send(
        registration=dossier,
        author=dossier.candidate,
        body="Ma pièce d'identité est jointe.",
        attachments=[SimpleUploadedFile("piece.pdf", samples.pdf())],
        now=NOW,
    )
    values = {"pk": dossier.pk, "attachment": sent.attachments.get().pk}
    people = {"owner": dossier.candidate, "anonymous": None}
    client = client_as(people[role] if role in people else request.getfixturevalue(role))

    outcomes = {}
    for name, method, path, payload, outcome in ROUTES:
        url = API + path.format(**values)
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, _fill(payload, values), format="json")
        outcomes[name] = outcome(response, dossier) if outcome else response.status_code

    assert outcomes == expected
    if expected is not IN_SCOPE:
        dossier.refresh_from_db()
        assert dossier.state == State.SUBMITTED
        assert not dossier.state_changes.exists()
        assert not Message.objects.filter(from_office=True).exists()
        identity = dossier.supporting_documents.get(code="identity")
        assert identity.status == DocumentStatus.UPLOADED


def test_office_session_without_the_second_factor_is_refused(client, staff, dossier, frozen):
    client.force_login(staff)

    assert client.get(API).status_code == 403
    assert client.get(f"{API}{dossier.pk}/").status_code == 403


def test_anonymous_is_asked_for_a_token(dossier, frozen):
    response = APIClient().get(f"{API}{dossier.pk}/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


# --- A token instead of the session


def test_staff_token_issued_with_the_second_factor_reads_and_decides(staff, dossier, frozen):
    accept_required_pieces(dossier, staff, now=NOW)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {verified_api_token(staff)}")

    assert client.get(f"{API}{dossier.pk}/").status_code == 200
    response = client.post(f"{API}{dossier.pk}/decision/", {"action": "compliant"}, format="json")

    assert response.status_code == 200
    assert response.json()["state"] == State.COMPLIANT
    assert dossier.state_changes.get().actor == staff


def test_token_of_staff_out_of_scope_gets_404(other_staff, dossier, frozen):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {verified_api_token(other_staff)}")

    assert client.get(f"{API}{dossier.pk}/").status_code == 404
    assert client.get(API).json()["results"] == []


def test_staff_token_issued_before_the_authenticator_is_refused(
    staff, dossier, frozen, time_machine
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    token = Token.objects.create(user=staff)
    time_machine.shift(timedelta(minutes=1))
    TOTPDevice.objects.create(user=staff, name="Application", confirmed=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert client.get(f"{API}{dossier.pk}/").status_code == 401


def test_candidate_token_gets_404_on_the_office_routes(dossier, frozen):
    token = Token.objects.create(user=dossier.candidate)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert client.get(API).status_code == 404
    assert client.get(f"{API}{dossier.pk}/").status_code == 404
