"""The statistics page: counts by state, specialty and category, validations per Paris day, in
the user's scope and for one session or all, checked against dossiers built here."""

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.models import Academy, Specialty
from inscriptions.catalog.tests.factories import ExamSessionFactory, UserFactory
from inscriptions.registration.models import Registration, State
from inscriptions.review import statistics

from .conftest import NOW

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def sio():
    return Specialty.objects.filter(name__startswith="services informatiques").order_by("pk")[0]


@pytest.fixture
def build(session):
    numbers = iter(range(1, 1000))

    def dossier(
        specialty,
        *,
        state=State.SUBMITTED,
        category="former_school",
        first=NOW,
        last=None,
        version=0,
        exam_session=None,
    ):
        return Registration.objects.create(
            candidate=UserFactory(),
            session=exam_session or session,
            specialty=specialty,
            state=state,
            number=next(numbers),
            version=version,
            category=category,
            first_validated_at=first,
            last_validated_at=last or first,
        )

    return dossier


@pytest.fixture
def dossiers(build, mco, sio, session):
    """Six MCO dossiers and two SIO ones in the 2027 session, one MCO dossier in 2028, one draft."""
    build(mco, state=State.SUBMITTED)
    build(mco, state=State.SUBMITTED, category="professional_experience")
    build(mco, state=State.COMPLIANT, first=NOW - timedelta(days=3))
    build(
        mco,
        state=State.TO_COMPLETE,
        first=NOW - timedelta(days=40),
        last=NOW - timedelta(days=1),
        version=2,
    )
    # 00:30 in Paris on 22 November is still the 21st in UTC: the days are Paris days.
    build(mco, state=State.NON_COMPLIANT, first=datetime(2026, 11, 22, 0, 30, tzinfo=PARIS))
    build(mco, state=State.WITHDRAWN, category="distance_school")
    build(sio, state=State.SUBMITTED)
    build(sio, state=State.COMPLIANT, category="former_apprentice")
    later = ExamSessionFactory(academy=session.academy, now=NOW, exam_year=2028)
    build(mco, exam_session=later, first=NOW - timedelta(days=2))
    build(mco, state=State.DRAFT, first=None)
    return later


def _count(lines, key):
    return next(line.count for line in lines if line.key == key)


def test_counts_by_state_category_and_specialty_for_the_admin(academy_admin, dossiers, session):
    figures = statistics.office_figures(academy_admin, session=session.pk, now=NOW)

    assert figures.total == 8
    assert {line.key: line.count for line in figures.by_state} == {
        "submitted": 3,
        "to_complete": 1,
        "compliant": 2,
        "non_compliant": 1,
        "withdrawn": 1,
    }
    assert _count(figures.by_category, "former_school") == 5
    assert _count(figures.by_category, "professional_experience") == 1
    assert _count(figures.by_category, "distance_school") == 1
    assert _count(figures.by_category, "former_apprentice") == 1
    assert sum(line.count for line in figures.by_category) == 8
    assert [(line.label, line.count) for line in figures.by_specialty] == [
        ("management commercial opérationnel", 6),
        (str(Specialty.objects.filter(name__startswith="services informatiques")[0]), 2),
    ]
    assert figures.by_state[0].share == pytest.approx(37.5)


def test_all_sessions_unless_one_is_chosen(academy_admin, dossiers):
    assert statistics.office_figures(academy_admin, session=None, now=NOW).total == 9
    assert statistics.office_figures(academy_admin, session=dossiers.pk, now=NOW).total == 1


def test_staff_counts_only_their_specialties(staff, dossiers, session):
    figures = statistics.office_figures(staff, session=session.pk, now=NOW)

    assert figures.total == 6
    assert [line.count for line in figures.by_specialty] == [6]


def test_the_other_specialties_past_the_top_are_added_up(academy_admin, dossiers, session):
    figures = statistics.office_figures(academy_admin, session=None, now=NOW, top=1)

    assert [(line.count, line.key) for line in figures.by_specialty] == [(7, ""), (2, "rest")]
    assert figures.by_specialty[1].label == "Autres spécialités (1)"


def test_validations_per_paris_day_over_thirty_days(academy_admin, dossiers):
    per_day = statistics.office_figures(academy_admin, session=None, now=NOW).per_day

    assert len(per_day) == 30
    assert (per_day[0].day.isoformat(), per_day[-1].day.isoformat()) == (
        "2026-10-25",
        "2026-11-23",
    )
    counts = {
        day.day.isoformat(): (day.first, day.modified)
        for day in per_day
        if day.first or day.modified
    }
    assert counts == {
        "2026-11-20": (1, 0),
        "2026-11-21": (1, 0),
        "2026-11-22": (1, 1),
        "2026-11-23": (5, 0),
    }


def test_figures_take_four_grouped_queries_on_the_dossier_table(academy_admin, dossiers):
    with CaptureQueriesContext(connection) as queries:
        statistics.office_figures(academy_admin, session=None, now=NOW)

    on_dossiers = [q["sql"] for q in queries if "registration_registration" in q["sql"]]
    assert len(on_dossiers) == 4
    assert all("GROUP BY" in sql or "COUNT(" in sql for sql in on_dossiers)


def test_statistics_page_has_accessible_tables(client, academy_admin, dossiers, session, frozen):
    verified_login(client, academy_admin)

    response = client.get("/bureau/statistiques/", {"session": session.pk})

    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    squeezed = re.sub(r"\s*(<[^>]+>)\s*", r"\1", content)
    for caption in (
        "Dossiers par état",
        "Dossiers par spécialité",
        "Dossiers par catégorie de candidat",
        "Validations par jour, les 30 derniers jours",
    ):
        assert f"<caption>{caption}</caption>" in squeezed
    assert '<th scope="row">En attente de traitement</th>' in content
    assert '<th scope="col">Dossiers</th>' in content
    assert "37,5 %" in content
    assert "8 dossiers validés" in content
    assert '<time datetime="2026-11-22">dimanche 22 novembre 2026</time>' in content


def test_statistics_page_ignores_a_session_of_another_academy(client, staff, dossiers, catalogue):
    foreign = ExamSessionFactory(
        academy=Academy.objects.get(name="Bordeaux"), now=NOW, exam_year=2027
    )
    verified_login(client, staff)

    response = client.get("/bureau/statistiques/", {"session": foreign.pk})

    assert response.status_code == 200
    assert "7 dossiers validés" in html.unescape(response.content.decode())


# --- Counted by a task, kept for the scope: no request counts a million dossiers.


def test_the_page_shows_the_figures_as_counted_and_counts_again_when_too_old(
    client, academy_admin, build, mco, frozen, time_machine, settings
):
    settings.STATISTICS_MAX_AGE_SECONDS = 300
    verified_login(client, academy_admin)
    build(mco)

    first = client.get("/bureau/statistiques/").content.decode()
    build(mco)
    kept = client.get("/bureau/statistiques/").content.decode()
    time_machine.move_to(NOW + timedelta(seconds=301), tick=False)
    counted_again = client.get("/bureau/statistiques/").content.decode()

    assert "1 dossier validé" in first and "Chiffres comptés le" in first
    assert "1 dossier validé" in kept
    assert "2 dossiers validés" in counted_again


def test_while_a_worker_counts_the_page_says_so_and_asks_once(client, academy_admin, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    from django_tasks import default_task_backend

    default_task_backend.clear()
    verified_login(client, academy_admin)

    page = client.get("/bureau/statistiques/").content.decode()
    client.get("/bureau/statistiques/")

    assert "Les chiffres sont en cours de calcul" in page
    assert 'id="par-etat"' not in page
    (queued,) = default_task_backend.results
    assert queued.task.name == "count_office_figures"


def test_each_scope_and_language_has_its_own_figures(
    client, staff, academy_admin, build, mco, sio, frozen
):
    build(mco)
    build(sio)
    admin = verified_login(client, academy_admin).get("/bureau/statistiques/").content.decode()
    from django.test import Client

    office = verified_login(Client(), staff)
    mine = office.get("/bureau/statistiques/").content.decode()
    office.post("/i18n/setlang/", {"language": "en", "next": "/bureau/statistiques/"})
    english = office.get("/bureau/statistiques/").content.decode()

    assert "2 dossiers validés" in admin
    assert "1 dossier validé" in mine
    # Counted again in English, not the French figures' labels.
    assert '<html lang="en"' in english
    assert "En attente de traitement" in mine and "En attente de traitement" not in english
