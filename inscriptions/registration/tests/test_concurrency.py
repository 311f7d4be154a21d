"""Concurrent submissions on PostgreSQL: the database constraint and the row locks hold.

SQLite serialises every writer, so these run on PostgreSQL only (CI runs the suite on both).
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from inscriptions.accounts.models import Role
from inscriptions.api.tests.registration_api import API, token_client
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.registration import services
from inscriptions.registration.models import Registration, RegistrationVersion
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import fill, screens

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrency: PostgreSQL only"
    ),
]


def run_together(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Start every call at the same instant, each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            result = call()
            with lock:
                results.append(result)
        except BaseException as error:  # reported to the test
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_fifty_parallel_starts_for_one_candidate_make_one_dossier(candidate, session):
    results, errors = run_together(
        [
            lambda: services.registration_start(candidate=candidate, session=session, now=NOW)
            for _ in range(50)
        ]
    )

    assert errors == []
    assert len({registration.pk for registration in results}) == 1
    assert Registration.objects.filter(candidate=candidate, session=session).count() == 1


def test_fifty_parallel_validations_of_the_same_answers_make_one_version_and_one_email(
    candidate, session, mco, mailoutbox
):
    """A double click, two tabs, parallel API calls: one version, one number, one email."""
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    fill(registration, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=NOW)

    results, errors = run_together(
        [
            lambda: services.registration_validate(
                registration=registration, actor=candidate, now=NOW
            )
            for _ in range(50)
        ]
    )

    assert errors == []
    assert {version.pk for version in results} == {results[0].pk}
    assert {version.registration.number for version in results} == {1}
    assert RegistrationVersion.objects.filter(registration=registration).count() == 1
    assert len([m for m in mailoutbox if m.to == ["lea.martin@example.fr"]]) == 1


def test_fifty_parallel_api_starts_answer_201_once_and_200_with_the_same_dossier(
    candidate, session
):
    api = token_client(candidate)

    results, errors = run_together(
        [lambda: api.post(API, {"session": session.pk}, format="json") for _ in range(50)]
    )

    assert errors == []
    assert sorted(response.status_code for response in results) == [200] * 49 + [201]
    assert len({response.json()["id"] for response in results}) == 1


def test_parallel_first_validations_get_unique_contiguous_numbers(session, mco):
    establishment = session.academy.establishments.get(code="0319999A")
    drafts = []
    for _ in range(20):
        candidate = UserFactory(role=Role.CANDIDATE)
        draft = services.registration_start(candidate=candidate, session=session, now=NOW)
        fill(draft, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=NOW)
        drafts.append(draft)

    results, errors = run_together(
        [
            (lambda d=draft: services.registration_validate(
                registration=d, actor=d.candidate, now=NOW
            ))
            for draft in drafts
        ]
    )  # fmt: skip

    assert errors == []
    numbers = sorted(version.registration.number for version in results)
    assert numbers == list(range(1, 21))
    assert session.counter.last_number == 20


def test_a_validation_waiting_too_long_for_the_lock_is_refused_with_its_reason(
    candidate, session, mco, monkeypatch
):
    """Waits on the dossier's lock are bounded: past them the candidate is told to retry."""
    monkeypatch.setattr(services, "LOCK_WAIT", "300ms")
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    fill(registration, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=NOW)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        from django.db import transaction

        try:
            with transaction.atomic():
                Registration.objects.select_for_update().get(pk=registration.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    assert locked.wait(timeout=30)
    try:
        with pytest.raises(services.RegistrationRefused) as refused:
            services.registration_validate(registration=registration, actor=candidate, now=NOW)
    finally:
        release.set()
        holder.join(timeout=30)

    assert [finding.code for finding in refused.value.findings] == ["registration.busy"]
    assert not RegistrationVersion.objects.filter(registration=registration).exists()
