"""The exam office's queue through the API: its filters and counts per state, the cap on the
counts, its pages and its cost in queries; and the bulk « conforme » on ticked dossiers."""

from datetime import timedelta

import pytest

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.models import Specialty
from inscriptions.documents.tests.conftest import *  # noqa: F403
from inscriptions.documents.tests.pieces import accept_required_pieces
from inscriptions.registration.models import Registration, State
from inscriptions.review import selectors as review_selectors
from inscriptions.review import services

from .office_api import *  # noqa: F403
from .office_api import API, NOW, candidate_dossier

pytestmark = pytest.mark.django_db


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
    accept_required_pieces(compliant, staff, now=NOW)
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
    assert (body["count"], body["count_capped"]) == (5, False)
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
    # A conforme dossier has every required piece accepted; the others miss some.
    assert _ids(office.get(API, {"documents": "missing", "state": "compliant"})) == []
    assert _ids(office.get(API, {"documents": "missing", "state": "submitted"})) == [
        by["submitted"],
        by["accommodated"],
    ]
    assert _ids(office.get(API, {"sort": "-name"}))[:2] == [by["passed"], by["submitted"]]
    assert _ids(office.get(API, {"specialty": queue["soon"].specialty_id})) == list(by.values())
    assert _ids(office.get(API, {"session": queue["soon"].session_id})) == list(by.values())

    time_machine.move_to(NOW + timedelta(days=3), tick=False)
    verified_login(office, staff)  # the session of three days ago has expired
    assert _ids(office.get(API, {"deadline": "passed"})) == [by["soon"]]
    assert _ids(office.get(API, {"deadline": "soon"})) == []


def test_queue_counts_follow_the_other_filters_and_stop_at_the_cap(office, queue, monkeypatch):
    body = office.get(API, {"state": "compliant", "q": "martin"}).json()

    assert body["results"] == []
    assert body["counts"]["submitted"] == 1
    assert sum(body["counts"].values()) == 1

    monkeypatch.setattr(review_selectors, "COUNT_CAP", 1)
    body = office.get(API, {"state": "submitted"}).json()

    assert (body["count"], body["count_capped"]) == (1, True)
    assert body["counts"]["submitted"] == 2  # « more than 1 »


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
    # The session, its user and authenticator; the staff's specialties; the académie's sessions
    # and a bounded count for each of the five states; the académie's sessions, the page's
    # dossier numbers then its rows (its length comes from the counts); the session written
    # again, in a savepoint (the first request since the login); the current session, chosen
    # when none is given.
    with django_assert_max_num_queries(18) as few:
        assert len(_ids(office.get(API))) == 1
    for index in range(3):
        candidate_dossier(session, mco, f"candidat{index}@example.fr", f"Nom{index}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(_ids(office.get(API, {"q": "nom", "sort": "-validated"}))) == 3


# --- Many at once


def test_bulk_compliant_reports_each_dossier(office, dossier, session, mco, staff, frozen):
    decided = candidate_dossier(session, mco, "paul.durand@example.fr", "Durand")
    accept_required_pieces(dossier, staff, now=NOW)
    accept_required_pieces(decided, staff, now=NOW)
    services.dossier_declare_compliant(registration=decided, actor=staff, now=NOW)
    out_of_scope = candidate_dossier(session, mco, "zoe.henault@example.fr", "Hénault")
    # Moved to a specialty Bruno is not in charge of (as the exports' tests do).
    sio = Specialty.objects.filter(name__startswith="services informatiques").first()
    Registration.objects.filter(pk=out_of_scope.pk).update(specialty=sio)

    response = office.post(
        f"{API}bulk-compliant/",
        {"ids": [decided.pk, dossier.pk, out_of_scope.pk, 999999, dossier.pk]},
        format="json",
    )

    assert response.status_code == 200
    results = response.json()["results"]
    assert [(row["id"], row["result"]) for row in results] == [
        (decided.pk, "refused"),
        (dossier.pk, "compliant"),
        (out_of_scope.pk, "not_found"),
        (999999, "not_found"),
    ]
    assert results[0]["detail"] == "Un dossier « Conforme » ne peut pas passer à « Conforme »."
    assert results[1]["state"] == State.COMPLIANT
    assert results[2] == {
        "id": out_of_scope.pk,
        "result": "not_found",
        "reference": None,
        "state": None,
        "detail": "",
    }
    out_of_scope.refresh_from_db()
    assert out_of_scope.state == State.SUBMITTED


def test_bulk_needs_ids(office, frozen):
    response = office.post(f"{API}bulk-compliant/", {"ids": []}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["ids"]
