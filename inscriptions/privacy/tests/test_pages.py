"""« Mes données personnelles »: the retention periods stated from the settings the purge
applies (here and on the personal-data page), each validated dossier's date of deletion, and
the account's closure: asked for with the password, refused with its reason while a validated
dossier must be kept, and then the drafts deleted, the account anonymised, the user signed out."""

import pytest
from django.test import Client

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import STRONG_PASSWORD, verified_login
from inscriptions.catalog.tests.factories import UserFactory
from inscriptions.core.models import AuditEntry
from inscriptions.registration import services as registration_services
from inscriptions.registration.models import Registration
from inscriptions.registration.tests.conftest import NOW

pytestmark = pytest.mark.django_db

PAGE = "/compte/donnees/"
CLOSE = "/compte/donnees/fermer-le-compte/"


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def drafter(session):
    user = UserFactory(role=Role.CANDIDATE, email="camille@example.fr", password=STRONG_PASSWORD)
    registration_services.registration_start(candidate=user, session=session, now=NOW)
    return user


def test_the_personal_data_page_states_the_periods_the_purge_applies(client, settings):
    page = client.get("/donnees-personnelles/").content.decode()
    assert "conservés 6 ans après les résultats de sa session" in page
    assert "effacé 6 mois après sa dernière utilisation" in page
    assert "conservé 12 mois" in page

    settings.RETENTION_DOSSIER_YEARS = 1
    settings.RETENTION_CONNECTION_LOG_MONTHS = 6
    page = client.get("/donnees-personnelles/").content.decode()
    assert "conservés 1 an après les résultats de sa session" in page
    assert "conservé 6 mois" in page


def test_the_page_says_until_when_each_validated_dossier_is_kept(dossier, candidate):
    page = _signed_in(candidate).get(PAGE).content.decode()

    assert f"Votre dossier {dossier.reference}" in page
    assert "est conservé jusqu&#x27;au 1 janvier 2034" in page or "jusqu'au 1 janvier 2034" in page
    # No closure while the dossier must be kept, and the reason why.
    assert "fermer-le-compte" not in page
    assert "le bureau des examens doit conserver votre dossier" in page


def test_closing_asks_for_the_password_and_keeps_everything_when_wrong(drafter):
    client = _signed_in(drafter)

    response = client.post(CLOSE, {"password": "pas le bon"})

    assert response.status_code == 400
    assert "Ce n&#x27;est pas le mot de passe de votre compte" in response.content.decode()
    drafter.refresh_from_db()
    assert drafter.is_active and drafter.email == "camille@example.fr"
    assert Registration.objects.filter(candidate=drafter).exists()


def test_closing_deletes_the_drafts_anonymises_and_signs_out(drafter):
    client = _signed_in(drafter)

    response = client.post(CLOSE, {"password": STRONG_PASSWORD}, follow=True)

    assert "Votre compte est fermé" in response.content.decode()
    drafter.refresh_from_db()
    assert not drafter.is_active and drafter.closed_at is not None
    assert drafter.email.endswith("@anonyme.invalid")
    assert not Registration.objects.filter(candidate=drafter).exists()
    entry = AuditEntry.objects.get(action="account.closed")
    assert entry.data == {"drafts_deleted": 1}
    assert client.get("/espace-candidat/").status_code == 302
    # The old address and password open nothing any more.
    signing_in = Client().post(
        "/compte/connexion/", {"username": "camille@example.fr", "password": STRONG_PASSWORD}
    )
    assert signing_in.status_code == 200
    assert "_auth_user_id" not in signing_in.wsgi_request.session


def test_closing_is_refused_while_a_validated_dossier_must_be_kept(dossier, candidate):
    candidate.set_password(STRONG_PASSWORD)
    candidate.save()
    client = _signed_in(candidate)

    response = client.post(CLOSE, {"password": STRONG_PASSWORD})

    assert response.status_code == 400
    assert "le bureau des examens doit conserver votre dossier" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.is_active


def test_staff_export_but_do_not_close_their_account(staff):
    page = verified_login(Client(), staff).get(PAGE).content.decode()
    assert "mes-donnees.zip" in page
    assert "fermés par l&#x27;administrateur" in page or "fermés par l'administrateur" in page


def test_the_header_links_to_the_page(candidate):
    assert PAGE in _signed_in(candidate).get("/espace-candidat/").content.decode()
