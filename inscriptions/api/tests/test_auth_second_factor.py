"""API tokens of the exam office: the password and ``otp_token`` (a code of the authenticator
app or a recovery code); the token then counts as the second factor for the office's views."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from inscriptions.accounts import second_factor
from inscriptions.accounts.otp import IsVerifiedOfficeMember
from inscriptions.accounts.tests.helpers import totp_code, verified_login
from inscriptions.catalog.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
PASSWORD = "mot-de-passe-de-test"  # UserFactory's


class OfficeOnly(APIView):
    permission_classes = [IsVerifiedOfficeMember]

    def get(self, request):
        return Response({"ok": True})


def ask(email, password=PASSWORD, **extra):
    return APIClient().post(TOKEN, {"email": email, "password": password, **extra}, format="json")


def wrong_code(device):
    return f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"


def office_view(token):
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {token}")
    return OfficeOnly.as_view()(request)


@pytest.fixture
def staff(frozen):
    return UserFactory(office_staff=True, email="gestionnaire@example.fr")


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)


def test_office_member_without_a_code_gets_no_token(staff, device):
    response = ask(staff.email)

    assert response.status_code == 400
    assert response.json() == {"otp_token": ["Saisissez le code de vérification en deux étapes."]}
    assert not Token.objects.exists()


def test_office_member_with_a_wrong_code_gets_no_token(staff, device):
    response = ask(staff.email, otp_token=wrong_code(device))

    assert response.status_code == 400
    assert response.json() == {"otp_token": ["Code de vérification incorrect."]}
    assert not Token.objects.exists()


def test_after_a_wrong_code_the_next_try_waits(staff, device, time_machine):
    ask(staff.email, otp_token=wrong_code(device))

    too_soon = ask(staff.email, otp_token=totp_code(device))

    assert too_soon.status_code == 429
    time_machine.shift(timedelta(seconds=2))
    assert ask(staff.email, otp_token=totp_code(device)).status_code == 200


def test_office_member_with_the_code_gets_a_token_that_counts_as_verified(staff, device):
    response = ask(staff.email, otp_token=totp_code(device))

    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=staff).key
    assert office_view(token).status_code == 200


def test_a_recovery_code_gives_a_token_once(staff, device):
    code = second_factor.recovery_codes_generate(user=staff)[0]

    assert ask(staff.email, otp_token=code.upper()).status_code == 200
    assert ask(staff.email, otp_token=code).status_code == 400


def test_office_member_without_an_authenticator_is_told_to_set_it_up_first(staff):
    response = ask(staff.email, otp_token="123456")

    assert response.status_code == 400
    assert "Configurez d'abord la vérification en deux étapes" in response.json()["detail"]


def test_wrong_password_says_nothing_of_the_second_factor(staff, device):
    response = ask(staff.email, password="Pas-le-bon-1234", otp_token=totp_code(device))

    assert response.status_code == 400
    assert response.json() == {"detail": "Adresse électronique ou mot de passe incorrect."}


def test_candidate_needs_no_code(frozen):
    candidate = UserFactory()

    response = ask(candidate.email, otp_token="")

    assert response.status_code == 200
    assert office_view(response.json()["token"]).status_code == 403


def test_a_token_from_before_the_authenticator_no_longer_counts(staff, frozen, time_machine):
    # Issued to the account before it had its authenticator (as a candidate since promoted, or
    # before a new phone replaced the old one).
    old = Token.objects.create(user=staff)
    time_machine.shift(timedelta(minutes=1))
    device = TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old.key}")

    assert client.get("/api/v1/registrations/").status_code == 401
    assert office_view(old.key).status_code == 401

    fresh = ask(staff.email, otp_token=totp_code(device)).json()["token"]
    assert fresh != old.key
    assert office_view(fresh).status_code == 200


def session_request(user, session):
    request = RequestFactory().get("/")
    request.user = user
    request.session = session
    request._dont_enforce_csrf_checks = True
    OTPMiddleware(lambda r: r)(request)
    return request


def test_session_of_an_office_member_counts_once_verified(client, staff):
    client.force_login(staff)
    unverified = OfficeOnly.as_view()(session_request(staff, client.session))
    verified_login(client, staff)
    verified = OfficeOnly.as_view()(session_request(staff, client.session))

    assert unverified.status_code == 403
    assert verified.status_code == 200


def test_anonymous_is_refused_by_the_office_permission():
    response = OfficeOnly.as_view()(session_request(AnonymousUser(), {}))

    assert response.status_code == 401
