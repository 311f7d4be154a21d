"""The office's heaviest reads from the read replica where one is configured (core/replica.py):
the queue, its exports, the statistics' count."""

import pytest

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.core import replica

pytestmark = pytest.mark.django_db


def test_the_queue_reads_from_the_replica(client, staff, dossier, monkeypatch):
    from inscriptions.review import selectors

    seen = []
    counts = selectors.state_counts

    def watched(*args, **kwargs):
        seen.append(replica._from_replica.get())
        return counts(*args, **kwargs)

    monkeypatch.setattr(selectors, "state_counts", watched)

    assert verified_login(client, staff).get("/bureau/").status_code == 200
    assert seen == [True]


def test_the_statistics_are_counted_from_the_replica(academy_admin, monkeypatch):
    from django.utils import timezone

    from inscriptions.review import statistics

    seen = []
    figures = statistics.office_figures

    def watched(*args, **kwargs):
        seen.append(replica._from_replica.get())
        return figures(*args, **kwargs)

    monkeypatch.setattr(statistics, "office_figures", watched)
    statistics.count_and_keep(academy_admin, session=None, language="fr", now=timezone.now())

    assert seen == [True]
