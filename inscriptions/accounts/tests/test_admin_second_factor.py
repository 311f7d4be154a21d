"""The admin site behind the same door as the office: the accounts' login, then the code."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from inscriptions.accounts.groups import academy_admin_group
from inscriptions.catalog.tests.factories import UserFactory

from .helpers import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    user = UserFactory(academy_admin=True, is_superuser=True)
    user.groups.set([academy_admin_group()])
    return user


def test_admin_login_page_sends_to_the_accounts_login(client):
    response = client.get("/admin/login/?next=/admin/catalog/unit/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/connexion/?next=/admin/catalog/unit/"


def test_admin_login_form_cannot_be_used_with_the_password_alone(client, administrator):
    response = client.post(
        "/admin/login/",
        {"username": administrator.email, "password": "mot-de-passe-de-test"},
    )

    assert response["Location"].startswith("/compte/connexion/")
    assert "_auth_user_id" not in client.session


def test_administrator_with_only_the_password_does_not_reach_the_admin(client, administrator):
    client.force_login(administrator)

    for url in ["/admin/", "/admin/catalog/unit/", "/admin/login/?next=/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/compte/connexion/verification/?next="), url


def test_administrator_with_the_code_reaches_the_admin(client, administrator):
    verified_login(client, administrator)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/?next=/admin/catalog/unit/")["Location"] == (
        "/admin/catalog/unit/"
    )


def test_admin_login_keeps_no_next_elsewhere(client):
    response = client.get("/admin/login/?next=https://malveillant.example/")

    assert response["Location"] == "/compte/connexion/?next=/admin/"


def test_verified_office_member_without_admin_rights_is_refused(client):
    verified_login(client, UserFactory(office_staff=True, is_staff=False))

    assert client.get("/admin/login/").status_code == 403


def test_admin_can_remove_an_authenticator_but_never_sees_its_key(client, administrator):
    staff = UserFactory(office_staff=True)
    device = TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)
    verified_login(client, administrator)

    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")

    assert page.status_code == 200
    assert device.key not in page.content.decode()
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/").status_code != 200
    client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
