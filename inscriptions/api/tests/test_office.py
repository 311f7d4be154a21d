"""The exam office through the API: each role on each route (allowed, or told the dossier does
not exist), the queue's filters and counts, the decisions with their refusals, the documents'
review, the messages, the history, the bulk « conforme », a token instead of the session."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_api_token, verified_login
from inscriptions.catalog.models import Specialty
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.documents import services as document_services
from inscriptions.documents.models import DocumentStatus
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import *  # noqa: F403
from inscriptions.registration.models import State
from inscriptions.registration.tests.wizard import IDENTITY
from inscriptions.review import messaging, services
from inscriptions.review.models import Message
from inscriptions.review.tests import conftest as office_fixtures

# The office's fixtures (review/tests/conftest.py): staff in and out of scope, administrators.
toulouse = office_fixtures.toulouse
staff = office_fixtures.staff
other_staff = office_fixtures.other_staff
academy_admin = office_fixtures.academy_admin
foreign_admin = office_fixtures.foreign_admin
other_candidate = office_fixtures.other_candidate
run_on_commit = office_fixtures.run_on_commit
NOW = office_fixtures.NOW
validate = office_fixtures.validate

pytestmark = pytest.mark.django_db

API = "/api/v1/office/dossiers/"


def client_as(user):
    client = APIClient()
    if user is None:
        return client
    if user.is_office_member:
        verified_login(client, user)
    else:
        client.force_login(user)
    return client


@pytest.fixture
def office(staff):
    return client_as(staff)


def upload(dossier, code="identity", data=None):
    return document_services.document_upload(
        registration=dossier,
        code=code,
        upload=SimpleUploadedFile("piece.pdf", data or samples.pdf()),
        actor=dossier.candidate,
        now=NOW,
    )


def candidate_dossier(session, specialty, email, last_name, **overrides):
    """Another candidate's dossier, validated at NOW."""
    candidate = UserFactory(role=Role.CANDIDATE, email=email)
    identity = {**IDENTITY, "last_name": last_name, "email": email}
    return validate(candidate, session, specialty, identite=identity, **overrides)


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
        assert dossier.supporting_documents.get().status == DocumentStatus.UPLOADED


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


# --- The queue


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def queue(dossier, session, mco, staff, frozen):
    """Léa Martin's dossier and four more of Bruno's: awaiting review with an accommodation
    (Garcia), declared conforme (Durand), to complete within two days (Hénault) and within ten
    (Petit)."""
    situation = {
        "category": "former_school",
        "previous_specialty": str(mco.pk),
        "previous_year": "2026",
        "previous_form": "global",
        "disability_declared": "on",
    }
    accommodated = candidate_dossier(
        session, mco, "ines.garcia@example.fr", "Garcia", situation=situation
    )
    compliant = candidate_dossier(session, mco, "paul.durand@example.fr", "Durand")
    services.dossier_declare_compliant(registration=compliant, actor=staff, now=NOW)
    soon = candidate_dossier(session, mco, "zoe.henault@example.fr", "Hénault")
    passed = candidate_dossier(session, mco, "noe.petit@example.fr", "Petit")
    for to_complete, due_at in (
        (soon, NOW + timedelta(days=2)),
        (passed, NOW + timedelta(days=10)),
    ):
        services.dossier_request_completion(
            registration=to_complete,
            actor=staff,
            documents=["identity"],
            corrections="",
            message="",
            due_at=due_at,
            now=NOW,
        )
    return {
        "submitted": dossier,
        "accommodated": accommodated,
        "compliant": compliant,
        "soon": soon,
        "passed": passed,
    }


def test_queue_lists_in_scope_dossiers_with_counts_per_state(office, queue):
    response = office.get(API)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert body["counts"] == {
        "submitted": 2,
        "to_complete": 2,
        "compliant": 1,
        "non_compliant": 0,
        "withdrawn": 0,
    }
    row = body["results"][0]
    assert row["id"] == queue["submitted"].pk
    assert row["reference"] == queue["submitted"].reference
    assert (row["last_name"], row["first_name"]) == ("Martin", "Léa")
    assert row["specialty"]["bcn_code"] == "32031213"
    assert row["state_label"] == "En attente de traitement"
    assert row["url"] == f"{API}{queue['submitted'].pk}/"


def test_queue_filters_as_the_queue_page(office, staff, queue, time_machine):
    by = {name: dossier.pk for name, dossier in queue.items()}

    assert _ids(office.get(API, {"state": "to_complete"})) == [by["soon"], by["passed"]]
    assert _ids(office.get(API, {"accommodation": "yes"})) == [by["accommodated"]]
    assert _ids(office.get(API, {"q": "henault"})) == [by["soon"]]
    assert _ids(office.get(API, {"q": str(queue["compliant"].number)})) == [by["compliant"]]
    assert _ids(office.get(API, {"deadline": "soon"})) == [by["soon"]]
    assert _ids(office.get(API, {"documents": "missing", "state": "compliant"})) == [
        by["compliant"]
    ]
    assert _ids(office.get(API, {"sort": "-name"}))[:2] == [by["passed"], by["submitted"]]
    assert _ids(office.get(API, {"specialty": queue["soon"].specialty_id})) == list(by.values())

    time_machine.move_to(NOW + timedelta(days=3), tick=False)
    verified_login(office, staff)  # the session of three days ago has expired
    assert _ids(office.get(API, {"deadline": "passed"})) == [by["soon"]]
    assert _ids(office.get(API, {"deadline": "soon"})) == []


def test_queue_counts_follow_the_other_filters(office, queue):
    body = office.get(API, {"state": "compliant", "q": "martin"}).json()

    assert body["results"] == []
    assert body["counts"]["submitted"] == 1
    assert sum(body["counts"].values()) == 1


def test_queue_refuses_an_unknown_filter_value_or_a_specialty_not_assigned(office, dossier):
    response = office.get(API, {"state": "archived"})
    assert response.status_code == 400
    assert list(response.json()) == ["state"]

    other = Specialty.objects.exclude(pk=dossier.specialty_id).first()
    response = office.get(API, {"specialty": other.pk})
    assert response.status_code == 400
    assert list(response.json()) == ["specialty"]


def test_queue_pages(office, queue):
    first = office.get(API, {"page_size": 2}).json()

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert office.get(API, {"page": 9}).status_code == 404


def test_queue_costs_the_same_queries_for_one_dossier_or_many(
    office, dossier, session, mco, frozen, django_assert_max_num_queries
):
    # The session, its user and authenticator; the count, the page, the counts per state; the
    # session saved again (a savepoint around it).
    with django_assert_max_num_queries(9) as few:
        assert len(_ids(office.get(API))) == 1
    for index in range(3):
        candidate_dossier(session, mco, f"candidat{index}@example.fr", f"Nom{index}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(_ids(office.get(API, {"q": "nom", "sort": "-validated"}))) == 3
