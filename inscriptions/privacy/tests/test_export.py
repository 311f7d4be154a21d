"""A candidate's export of all their data (RGPD art. 15 and 20), from the account's page and the
API: one ZIP archive whose donnees.json matches the database and whose files are byte for byte
those stored; nothing of another candidate in it; each export audited."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from inscriptions.core.models import AuditEntry, ConnectionEvent
from inscriptions.documents.models import UploadedFile
from inscriptions.documents.tests.conftest import validate
from inscriptions.registration.models import RegistrationVersion

from .helpers import furnish

pytestmark = pytest.mark.django_db


def _archive(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _stored(name):
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def test_the_archive_holds_every_datum_and_file_of_the_candidate(
    dossier, candidate, other_candidate, session, mco
):
    furnish(dossier)
    validate(other_candidate, session, mco)
    ConnectionEvent.objects.create(user=candidate, action="account.login", data={"address": "x"})
    client = Client()
    client.force_login(candidate)

    archive = _archive(client.get("/compte/donnees/mes-donnees.zip"))

    data = json.loads(archive.read("donnees.json"))
    assert data["compte"]["adresse_electronique"] == candidate.email
    (exported,) = data["dossiers"]
    assert exported["reference"] == dossier.reference
    assert exported["reponses_en_cours"] == dossier.answers
    versions = RegistrationVersion.objects.filter(registration=dossier)
    assert [v["version"] for v in exported["versions"]] == [v.version for v in versions]
    for version, stored in zip(exported["versions"], versions, strict=True):
        assert version["reponses"] == stored.answers
        assert archive.read(version["confirmation"]) == _stored(stored.confirmation.name)
    (piece,) = [p for p in exported["pieces"] if p["piece"] == "identity"]
    (file,) = piece["fichiers"]
    upload = UploadedFile.objects.get(document__registration=dossier)
    assert file["nom"] == "carte d'identité.pdf"
    assert hashlib.sha256(archive.read(file["fichier"])).hexdigest() == upload.sha256
    (message,) = exported["messages"]
    assert message["texte"] == "Voici mon attestation."
    (attachment,) = message["pieces_jointes"]
    assert attachment.endswith("attestation.pdf") and archive.read(attachment)
    # The sign-in recorded above, and the test client's own.
    assert [c["action"] for c in data["connexions"]] == ["account.login", "account.login"]
    assert data["connexions"][0]["adresse"] == "x"
    # Every file named in the JSON is in the archive, and nothing else is.
    assert len(archive.namelist()) == 1 + len(versions) + 2
    assert other_candidate.email not in archive.read("donnees.json").decode()
    assert AuditEntry.objects.filter(action="privacy.export", actor=candidate).count() == 1


def test_the_api_gives_the_same_archive(dossier, candidate):
    from inscriptions.api.tests.office_api import client_as

    archive = _archive(client_as(candidate).get("/api/v1/me/data-export/"))

    data = json.loads(archive.read("donnees.json"))
    assert [d["reference"] for d in data["dossiers"]] == [dossier.reference]
    assert AuditEntry.objects.get(action="privacy.export").data["how"] == "api"


def test_the_export_needs_a_signed_in_user():
    assert Client().get("/compte/donnees/mes-donnees.zip").status_code == 302
    assert Client().get("/api/v1/me/data-export/").status_code in {401, 403}
