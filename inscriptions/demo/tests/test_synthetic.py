"""The synthetic dossiers of the benchmarks: consistent with what the pages read."""

from io import StringIO

import pytest
from django.core.management import call_command

from inscriptions.accounts.models import User
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.demo.generator import SYNTHETIC_DOMAIN
from inscriptions.documents.models import SupportingDocument
from inscriptions.registration.models import Registration, SessionCounter
from inscriptions.registration.selectors import dossiers_in_scope

pytestmark = pytest.mark.django_db


def test_generated_dossiers_are_numbered_scoped_and_open_in_the_office(client):
    out = StringIO()
    call_command("generate_dossiers", count=120, stdout=out)

    synthetic = Registration.objects.filter(candidate__email__endswith=SYNTHETIC_DOMAIN)
    assert synthetic.count() == 120
    assert "120 dossiers synthétiques ajoutés" in out.getvalue()
    session = synthetic.first().session
    numbers = sorted(Registration.objects.filter(session=session).values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    assert SessionCounter.objects.get(session=session).last_number == len(numbers)
    assert {"submitted", "compliant"} <= set(synthetic.values_list("state", flat=True))
    assert SupportingDocument.objects.filter(registration__in=synthetic).exists()
    admin = User.objects.get(email="admin.toulouse@example.org")
    assert dossiers_in_scope(admin).filter(pk__in=synthetic).count() == 120

    verified_login(client, admin)
    dossier = synthetic.filter(state="to_complete").first() or synthetic.first()
    assert client.get("/bureau/", {"q": dossier.last_name}).status_code == 200
    page = client.get(f"/bureau/dossiers/{dossier.pk}/")
    assert page.status_code == 200
    assert dossier.last_name.upper() in page.content.decode()
    # New dossiers after the synthetic ones keep the numbering and the ids free.
    call_command("generate_dossiers", count=5, stdout=StringIO())
    assert Registration.objects.filter(session=session).count() == len(numbers) + 5
