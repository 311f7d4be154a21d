"""The permission matrix of the office's pages: each role × each route on a dossier, allowed or
404 (never 403: a dossier out of scope does not exist for that user)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inscriptions.abilities import dossier_abilities
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.documents import services as document_services
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.notifications import messages as messaging
from inscriptions.registration.models import State
from inscriptions.registration.selectors import dossiers_in_scope

from .conftest import NOW

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "owner",
    "other_candidate",
    "staff",
    "staff_unverified",
    "other_staff",
    "academy_admin",
    "foreign_admin",
]
# What each role gets on the office's routes: "ok", "404", or "login" (sent to log in).
OFFICE = {
    "anonymous": "login",
    "owner": "404",
    "other_candidate": "404",
    "staff": "ok",
    "staff_unverified": "login",
    "other_staff": "404",
    "academy_admin": "ok",
    "foreign_admin": "404",
}
# The queue is every office member's, each seeing only their scope (checked below).
QUEUE = {**OFFICE, "other_staff": "ok", "foreign_admin": "ok"}
# A message's attachment is the candidate's too.
ATTACHMENT = {**OFFICE, "owner": "ok"}


@pytest.fixture
def world(dossier, staff, other_staff, academy_admin, foreign_admin, other_candidate, frozen):
    # Every required piece accepted, so that the dossier may be declared conforme.
    accept_required_pieces(dossier, staff, now=NOW, skip=("identity",))
    uploaded = document_services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("id.pdf", samples.pdf()),
        actor=dossier.candidate,
        now=NOW,
    )
    document_services.document_accept(document=uploaded.document, actor=staff, now=NOW)
    message = messaging.message_send(
        registration=dossier,
        author=staff,
        body="Bonjour",
        attachments=[SimpleUploadedFile("note.pdf", samples.pdf())],
        now=NOW,
    )
    return {
        "dossier": dossier,
        "file": uploaded,
        "attachment": message.attachments.get(),
        "users": {
            "owner": dossier.candidate,
            "other_candidate": other_candidate,
            "staff": staff,
            "staff_unverified": staff,
            "other_staff": other_staff,
            "academy_admin": academy_admin,
            "foreign_admin": foreign_admin,
        },
    }


def _client_as(client, world, role):
    if role == "anonymous":
        return client
    user = world["users"][role]
    if role in {"owner", "other_candidate", "staff_unverified"}:
        client.force_login(user)
    else:
        verified_login(client, user)
    return client


ROUTES = [
    ("get", "/bureau/", None, QUEUE),
    ("get", "/bureau/dossiers/{dossier}/", None, OFFICE),
    ("post", "/bureau/dossiers/{dossier}/decision/", {"action": "compliant"}, OFFICE),
    (
        "post",
        "/bureau/dossiers/{dossier}/pieces/identity/",
        {"identity-decision": "accept"},
        OFFICE,
    ),
    ("post", "/bureau/dossiers/{dossier}/messages/", {"message-body": "Bonjour"}, OFFICE),
    ("get", "/bureau/fichiers/{file}/apercu/", None, OFFICE),
    ("get", "/bureau/pieces-jointes/{attachment}/", None, ATTACHMENT),
]


def _expect(response, expected):
    if expected == "ok":
        assert response.status_code in {200, 302}, response.status_code
        if response.status_code == 302:
            assert "/compte/" not in response["Location"]
    elif expected == "404":
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        assert "/compte/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "data", "matrix"), ROUTES)
def test_office_route_by_role(client, world, role, method, path, data, matrix):
    client = _client_as(client, world, role)
    url = path.format(
        dossier=world["dossier"].pk, file=world["file"].pk, attachment=world["attachment"].pk
    )

    response = getattr(client, method)(url, data or {})

    _expect(response, matrix[role])
    if matrix[role] != "ok" and method == "post":
        world["dossier"].refresh_from_db()
        assert world["dossier"].state == State.SUBMITTED


@pytest.mark.parametrize("role", ROLES[1:])
def test_abilities_and_scope_say_the_same(world, role):
    user = world["users"][role]
    abilities = dossier_abilities(user, world["dossier"])

    assert abilities.office == dossiers_in_scope(user).filter(pk=world["dossier"].pk).exists()
    assert abilities.view == (role in {"owner", "staff", "staff_unverified", "academy_admin"})


@pytest.mark.parametrize("role", ["other_staff", "foreign_admin"])
def test_queue_out_of_scope_does_not_list_the_dossier(client, world, role):
    client = _client_as(client, world, role)

    content = client.get("/bureau/").content.decode()

    assert f"/bureau/dossiers/{world['dossier'].pk}/" not in content
    assert "Aucun dossier ne correspond" in content


def test_bulk_leaves_dossiers_out_of_scope_untouched(client, world):
    verified_login(client, world["users"]["other_staff"])

    response = client.post(
        "/bureau/actions-groupees/",
        {"dossiers": [world["dossier"].pk], "bulk-action": "compliant"},
    )

    assert response.status_code == 302
    world["dossier"].refresh_from_db()
    assert world["dossier"].state == State.SUBMITTED


def test_bulk_compliant_in_scope(client, world):
    verified_login(client, world["users"]["staff"])

    client.post(
        "/bureau/actions-groupees/",
        {"dossiers": [world["dossier"].pk], "bulk-action": "compliant"},
    )

    world["dossier"].refresh_from_db()
    assert world["dossier"].state == State.COMPLIANT
