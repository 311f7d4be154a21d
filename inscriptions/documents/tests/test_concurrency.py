"""Parallel uploads on PostgreSQL: the dossier's row lock keeps the quota, and nothing refused
is left in the storage.

SQLite serialises every writer, so these run on PostgreSQL only (CI runs the suite on both).
"""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from inscriptions.core.files.refusals import DocumentRefused
from inscriptions.documents import services
from inscriptions.documents.models import UploadedFile
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import stored_files
from inscriptions.registration.tests.conftest import NOW

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrency: PostgreSQL only"
    ),
]

CODES = ["identity", "jdc_certificate", "transcript", "confirmation_signed"]


def test_parallel_uploads_never_pass_the_quota(dossier, storage, settings):
    data = samples.pdf()
    settings.DOCUMENT_QUOTA_BYTES = 2 * len(data)  # room for two files, not four
    barrier = threading.Barrier(len(CODES))
    outcomes: list[str] = []
    lock = threading.Lock()

    def upload(code: str) -> None:
        try:
            barrier.wait()
            services.document_upload(
                registration=dossier,
                code=code,
                upload=SimpleUploadedFile(f"{code}.pdf", data, "application/pdf"),
                actor=dossier.candidate,
                now=NOW,
            )
            outcome = "stored"
        except DocumentRefused as refused:
            outcome = refused.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=upload, args=(code,)) for code in CODES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(outcomes) == ["quota_exceeded", "quota_exceeded", "stored", "stored"]
    assert UploadedFile.objects.count() == 2
    assert len(stored_files(storage)) == 2
