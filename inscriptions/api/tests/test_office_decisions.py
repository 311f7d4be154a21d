"""A dossier in the exam office's API: its versions, documents, rules and possible decisions, its
cost in queries, its files downloaded; then the decisions (conforme, non conforme, completion
requested, reopened) with their refusals."""

from datetime import timedelta

import pytest

from inscriptions.documents.models import DocumentStatus
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import *  # noqa: F403
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.registration.models import State
from inscriptions.review import services

from .office_api import *  # noqa: F403
from .office_api import API, NOW, decide, upload

pytestmark = pytest.mark.django_db


# --- A dossier


def test_dossier_shows_versions_documents_rules_and_possible_decisions(office, dossier, frozen):
    uploaded = upload(dossier)

    response = office.get(f"{API}{dossier.pk}/")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert (body["reference"], body["state"]) == (dossier.reference, State.SUBMITTED)
    assert body["candidate"]["last_name"] == "Martin"
    assert body["latest_version"]["reference"] == dossier.reference
    assert {"section": "Candidat", "label": "Nom", "value": "Martin"} in body["latest_version"][
        "rows"
    ]
    assert [version["version"] for version in body["versions"]] == [dossier.version]
    assert body["comparison"] is None
    identity = next(line for line in body["documents"] if line["code"] == "identity")
    assert identity["status"] == DocumentStatus.UPLOADED
    assert identity["can_decide"] is True
    assert [file["id"] for file in identity["files"]] == [uploaded.pk]
    assert identity["files"][0]["download_url"] == f"/api/v1/document-files/{uploaded.pk}/"
    assert all(finding["source"] for finding in body["explanations"]["findings"])
    assert body["explanations"]["units"]
    assert body["abilities"] == {
        "actions": ["compliant", "non_compliant", "request_completion"],
        "moves": ["declare_compliant", "declare_non_compliant", "request_completion"],
        "review_documents": True,
        "message": True,
    }
    assert body["state_changes"] == []
    assert body["completion_requests"] == []


def test_dossier_costs_the_same_queries_however_many_files_and_changes(
    office, dossier, staff, frozen, django_assert_max_num_queries
):
    upload(dossier)
    with django_assert_max_num_queries(40) as first:
        assert office.get(f"{API}{dossier.pk}/").status_code == 200
    upload(dossier, data=samples.pdf("Nouvelle copie"))
    upload(dossier, code="transcript", data=samples.png())
    accept_required_pieces(dossier, staff, now=NOW)
    services.dossier_declare_compliant(registration=dossier, actor=staff, now=NOW)

    with django_assert_max_num_queries(len(first.captured_queries)):
        assert office.get(f"{API}{dossier.pk}/").status_code == 200


def test_office_downloads_a_file_of_the_dossier_with_the_link_given(office, dossier, frozen):
    upload(dossier)
    identity = next(
        line
        for line in office.get(f"{API}{dossier.pk}/").json()["documents"]
        if line["code"] == "identity"
    )

    response = office.get(identity["files"][0]["download_url"])

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


# --- Decisions


def test_compliant_then_forbidden_twice_then_reopened(office, dossier, staff, frozen):
    accept_required_pieces(dossier, staff, now=NOW)
    response = decide(office, dossier, action="compliant", comment="Dossier complet.")

    assert response.status_code == 200
    body = response.json()
    assert body["state"] == State.COMPLIANT
    assert body["abilities"]["actions"] == ["reopen"]
    assert body["state_changes"][0]["comment"] == "Dossier complet."
    assert dossier.candidate.notifications.get().kind == "compliant"

    again = decide(office, dossier, action="non_compliant", reason_code="other", comment="x")

    assert again.status_code == 409
    assert again.json() == {
        "detail": "Un dossier « Conforme » ne peut pas passer à « Non conforme ».",
        "field": None,
        "errors": [
            {
                "code": "states.transition_forbidden",
                "severity": "error",
                "field": None,
                "message": "Un dossier « Conforme » ne peut pas passer à « Non conforme ».",
                "source": again.json()["errors"][0]["source"],
            }
        ],
    }
    assert again.json()["errors"][0]["source"]

    without_reason = decide(office, dossier, action="reopen")

    assert without_reason.status_code == 400
    assert without_reason.json()["field"] == "comment"
    assert [error["code"] for error in without_reason.json()["errors"]] == [
        "states.reason_required"
    ]

    reopened = decide(office, dossier, action="reopen", comment="Pièce d'identité à revoir")

    assert reopened.status_code == 200
    assert reopened.json()["state"] == State.SUBMITTED


def test_non_compliant_needs_a_reason_code_and_a_comment(office, dossier, frozen):
    response = decide(office, dossier, action="non_compliant", comment="Diplôme absent.")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Choisissez le motif de la décision.",
        "field": "reason_code",
        "errors": [],
    }
    response = decide(office, dossier, action="non_compliant", reason_code="not_eligible")
    assert (response.status_code, response.json()["field"]) == (400, "comment")

    response = decide(
        office, dossier, action="non_compliant", reason_code="not_eligible", comment="Diplôme."
    )

    assert response.status_code == 200
    assert response.json()["state_changes"][0]["reason_code"] == "not_eligible"


def test_request_completion_with_documents_and_deadline(office, dossier, frozen):
    too_soon = decide(
        office,
        dossier,
        action="request_completion",
        documents=["identity"],
        due_at=(NOW + timedelta(hours=2)).isoformat(),
    )
    assert (too_soon.status_code, too_soon.json()["field"]) == (400, "due_at")

    response = decide(
        office,
        dossier,
        action="request_completion",
        documents=["identity"],
        message="La copie est illisible.",
        due_at=(NOW + timedelta(days=10)).isoformat(),
    )

    assert response.status_code == 200
    body = response.json()
    assert body["state"] == State.TO_COMPLETE
    (request,) = body["completion_requests"]
    assert request["status"] == "open"
    assert request["documents"] == [
        {"code": "identity", "label": "Photocopie d'une pièce d'identité"}
    ]
    assert body["abilities"]["actions"] == []
    identity = next(line for line in body["documents"] if line["code"] == "identity")
    assert identity["requested_until"] is not None


def test_decision_refuses_an_unknown_action_or_reason(office, dossier, frozen):
    response = decide(office, dossier, action="archive")
    assert response.status_code == 400
    assert list(response.json()) == ["action"]

    response = decide(office, dossier, action="non_compliant", reason_code="tired", comment="x")
    assert response.status_code == 400
    assert list(response.json()) == ["reason_code"]
