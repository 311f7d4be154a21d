"""``office_member_required``: the guard of the exam office's pages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django_otp.middleware import OTPMiddleware

from inscriptions.accounts.models import Role
from inscriptions.accounts.otp import office_member_required
from inscriptions.catalog.tests.factories import UserFactory

from .helpers import verified_login

pytestmark = pytest.mark.django_db

PAGE = "/bureau/dossiers/?page=2"


@office_member_required
def office_page(request):
    return HttpResponse("dossiers")


def call(user=None, session=None):
    request = RequestFactory().get(PAGE)
    request.user = user or AnonymousUser()
    request.session = session or {}
    OTPMiddleware(lambda r: r)(request)
    return office_page(request)


def test_anonymous_is_sent_to_the_login_page_and_back():
    response = call()

    assert response.status_code == 302
    assert response["Location"] == redirect_to_login(PAGE)["Location"]


def test_candidate_gets_404():
    with pytest.raises(Http404):
        call(UserFactory(role=Role.CANDIDATE))


@pytest.mark.parametrize("role", [Role.OFFICE_STAFF, Role.ACADEMY_ADMIN])
def test_office_member_with_only_the_password_is_sent_to_the_code_page_and_back(role):
    response = call(UserFactory(role=role))

    assert response.status_code == 302
    assert (
        response["Location"]
        == redirect_to_login(PAGE, "/compte/connexion/verification/")["Location"]
    )


def test_verified_office_member_sees_the_page(client):
    user = UserFactory(role=Role.OFFICE_STAFF)
    verified_login(client, user)

    response = call(user, client.session)

    assert response.status_code == 200
    assert response.content == b"dossiers"
