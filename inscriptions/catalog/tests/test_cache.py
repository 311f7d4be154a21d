"""The catalogue's facts kept across requests (``catalog/cache.py``): read once, rebuilt as soon
as the catalogue changes here, in another process, or once the copy is too old."""

import pytest
from django.core.cache import cache as shared_cache
from django.core.management import call_command
from django.db import connection

from inscriptions.catalog import cache, facts
from inscriptions.catalog.models import Language, Specialty, Unit

pytestmark = pytest.mark.django_db

MCO = "32031213"


@pytest.fixture
def catalogue():
    call_command("import_reference", stdout=None)


@pytest.fixture
def clock(monkeypatch):
    """The cache's monotonic clock, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(cache, "_clock", lambda: now[0])
    return now


def test_the_facts_are_read_once_then_kept(catalogue, django_assert_num_queries):
    mco = Specialty.objects.get(bcn_code=MCO)
    first = facts.diploma(mco), facts.academy_table(), facts.diploma_codes()

    with django_assert_num_queries(0):
        again = facts.diploma(mco), facts.academy_table(), facts.diploma_codes()

    assert again[0] is first[0]
    assert again[1] is first[1]
    assert facts.language_names()["en"] == Language.objects.get(code="en").name


def test_an_edit_in_this_process_is_seen_at_once(catalogue, django_capture_on_commit_callbacks):
    mco = Specialty.objects.get(bcn_code=MCO)
    _rows, before = facts.diploma(mco)
    unit = Unit.objects.filter(specialty=mco).order_by("code").first()

    with django_capture_on_commit_callbacks(execute=True):
        unit.title = "Culture générale et expression (nouvel intitulé)"
        unit.save()

    _rows, after = facts.diploma(mco)
    assert after is not before
    assert "Culture générale et expression (nouvel intitulé)" in {u.title for u in after.units}


def test_a_committed_edit_tells_the_other_processes(catalogue, django_capture_on_commit_callbacks):
    generation = shared_cache.get(cache.GENERATION_KEY)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Language.objects.create(code="eu", name="Basque")

    assert callbacks  # told when the transaction commits, not before
    assert shared_cache.get(cache.GENERATION_KEY) != generation


def test_an_edit_in_another_process_is_seen_within_a_second(catalogue, clock):
    academies = facts.academy_table()
    with connection.cursor() as cursor:  # as another process would: nothing said here
        cursor.execute("UPDATE catalog_academy SET name = 'Académie renommée' WHERE code = '16'")

    clock[0] += 0.5
    assert facts.academy_table() is academies  # not yet checked again

    shared_cache.set(cache.GENERATION_KEY, "another process's edit")
    clock[0] += 1
    assert facts.academy_table() is not academies
    assert facts.academy_table().academy("16").name == "Académie renommée"


def test_a_copy_is_rebuilt_when_too_old_even_without_news(catalogue, clock, settings):
    settings.CATALOGUE_CACHE_MAX_AGE = 300
    facts.academy_table()  # starts the copy's life
    codes = facts.diploma_codes()

    clock[0] += 200
    assert facts.diploma_codes() is codes
    clock[0] += 101
    assert facts.diploma_codes() is not codes


def test_deleting_a_row_or_changing_a_specialty_languages_empties_the_copy(catalogue):
    mco = Specialty.objects.get(bcn_code=MCO)
    _rows, before = facts.diploma(mco)

    mco.languages.remove(Language.objects.get(code="en"))

    _rows, after = facts.diploma(mco)
    assert "en" in before.compulsory_languages
    assert "en" not in after.compulsory_languages


def test_a_shared_cache_out_of_reach_leaves_the_copy_to_its_maximum_age(
    catalogue, clock, monkeypatch, caplog
):
    codes = facts.diploma_codes()

    def refuse(*_args, **_kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache.cache, "get", refuse)
    monkeypatch.setattr(cache.cache, "set", refuse)
    clock[0] += 2

    assert facts.diploma_codes() is codes
    cache._bump()  # an edit committed meanwhile: saved, only the others are not told
    assert facts.diploma_codes() is not codes
    assert "the shared cache did not answer" in caplog.text


def test_writes_that_send_no_signal_empty_the_copy_too(catalogue):
    mco = Specialty.objects.get(bcn_code=MCO)
    _rows, before = facts.diploma(mco)
    assert not before.attestations

    Specialty.objects.filter(pk=mco.pk).update(requires_electrical_risk=True)

    _rows, after = facts.diploma(mco)
    assert after.attestations
    Language.objects.bulk_create([Language(code="oc", name="Occitan")])
    assert "oc" in facts.language_names()
    Unit.objects.bulk_update(
        [Unit(pk=unit.pk, title="Renommée") for unit in mco.units.all()], ["title"]
    )
    assert "Renommée" in {unit.title for unit in facts.diploma(mco)[1].units}
