"""Which dossiers the queue's exports (CSV, XLSX) hold and who gets them: the queue's filters and
order, the user's scope, the candidate and the anonymous turned away (from the ZIP and the
statistics too), the audit log of each export, the queue's links to the exports."""

import pytest
from django.urls import reverse

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.core.models import AuditEntry

from .export_files import *  # noqa: F403
from .export_files import _csv, _sheet_rows, _xlsx

pytestmark = pytest.mark.django_db


def test_exports_apply_the_queue_filters_and_order(office, to_complete, durand, frozen):
    only_submitted = _csv(office.get("/bureau/export.csv", {"state": "submitted"}))
    assert [row[4] for row in only_submitted[1:]] == ["DURAND"]

    with_accommodation = _sheet_rows(
        _xlsx(office.get("/bureau/export.xlsx", {"accommodation": "yes"}))
    )
    assert [row[4] for row in with_accommodation[1:]] == ["DURAND"]

    searched = _csv(office.get("/bureau/export.csv", {"q": "martin"}))
    assert [row[4] for row in searched[1:]] == ["MARTIN"]

    by_name_descending = _csv(office.get("/bureau/export.csv", {"sort": "-name"}))
    assert [row[4] for row in by_name_descending[1:]] == ["MARTIN", "DURAND"]


def test_exports_keep_to_the_users_scope(client, staff, academy_admin, dossier, sio_dossier):
    verified_login(client, staff)
    assert [row[4] for row in _csv(client.get("/bureau/export.csv"))[1:]] == ["MARTIN"]
    assert [row[4] for row in _sheet_rows(_xlsx(client.get("/bureau/export.xlsx")))[1:]] == [
        "MARTIN"
    ]

    verified_login(client, academy_admin)
    names = [row[4] for row in _csv(client.get("/bureau/export.csv"))[1:]]
    assert sorted(names) == ["MARTIN", "PETIT"]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/bureau/export.csv"),
        ("get", "/bureau/export.xlsx"),
        ("post", "/bureau/pieces.zip"),
        ("get", "/bureau/statistiques/"),
    ],
)
def test_candidate_gets_404_and_anonymous_goes_to_login(client, candidate, dossier, method, url):
    anonymous = getattr(client, method)(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))

    client.force_login(candidate)
    data = {"dossiers": [str(dossier.pk)]} if method == "post" else {}
    assert getattr(client, method)(url, data).status_code == 404
    assert not AuditEntry.objects.filter(action__in=["dossiers.export", "documents.download"])


def test_each_export_is_audited_with_its_filters_and_rows(office, staff, to_complete, durand):
    b"".join(office.get("/bureau/export.csv", {"state": "submitted"}).streaming_content)
    b"".join(office.get("/bureau/export.xlsx").streaming_content)

    entries = list(AuditEntry.objects.filter(action="dossiers.export").order_by("pk"))
    # Without a session chosen, the queue and its exports are the current session's.
    current = {"session": to_complete.session_id}
    assert [(e.actor_id, e.data) for e in entries] == [
        (staff.pk, {"format": "csv", "filters": {**current, "state": "submitted"}, "rows": 1}),
        (staff.pk, {"format": "xlsx", "filters": current, "rows": 2}),
    ]
    assert entries[0].object_type == "catalog.academy"
    assert entries[0].registration_id is None


def test_queue_links_to_the_exports_with_its_filters(office, dossier, frozen):
    content = office.get("/bureau/", {"state": "submitted", "q": "martin"}).content.decode()

    # The current session is chosen when none is given, and the exports say so too.
    query = f"session={dossier.session_id}&amp;state=submitted&amp;q=martin"
    assert f'href="/bureau/export.csv?{query}"' in content
    assert f'href="/bureau/export.xlsx?{query}"' in content
    assert 'formaction="/bureau/pieces.zip"' in content
    assert 'href="/bureau/statistiques/"' in content
