"""API tokens: the address and password of the account, guarded by django-axes as the login page
is (5 failures for one address from one machine lock it for 15 minutes), and throttled."""

from datetime import timedelta

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from inscriptions.registration.tests.conftest import NOW

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
PASSWORD = "mot-de-passe-de-test"  # UserFactory's
WRONG = "Pas-le-bon-1234"


def ask(email, password, *, ip="192.0.2.1"):
    return APIClient().post(
        TOKEN, {"email": email, "password": password}, format="json", REMOTE_ADDR=ip
    )


def test_right_password_gives_a_token_that_opens_the_api(candidate):
    response = ask(candidate.email, PASSWORD)

    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=candidate).key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/registrations/").status_code == 200
    candidate.refresh_from_db()
    assert candidate.last_login is not None


def test_asking_again_gives_the_same_token(candidate):
    first = ask(candidate.email, PASSWORD).json()["token"]

    assert ask(candidate.email, PASSWORD).json()["token"] == first


def test_wrong_password_and_unknown_address_get_the_same_answer(candidate):
    wrong = ask(candidate.email, WRONG)
    unknown = ask("personne@nulle-part.fr", WRONG)

    assert wrong.status_code == unknown.status_code == 400
    assert (
        wrong.json()
        == unknown.json()
        == {"detail": "Adresse électronique ou mot de passe incorrect."}
    )
    assert not Token.objects.exists()


def test_missing_password_is_400(candidate):
    response = APIClient().post(TOKEN, {"email": candidate.email}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["password"]


def test_fifth_failure_locks_and_the_right_password_is_then_refused(candidate, time_machine):
    time_machine.move_to(NOW, tick=False)
    for _ in range(4):
        assert ask(candidate.email, WRONG).status_code == 400

    locked = ask(candidate.email, WRONG)
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert locked["Retry-After"] == "900"

    time_machine.move_to(NOW + timedelta(minutes=5), tick=False)
    right = ask(candidate.email, PASSWORD)
    assert right.status_code == 429
    assert not Token.objects.exists()


def test_lockout_answers_the_same_whether_the_account_exists_or_not(candidate, time_machine):
    time_machine.move_to(NOW, tick=False)
    known = [ask(candidate.email, WRONG, ip="192.0.2.1") for _ in range(5)]
    unknown = [ask("personne@nulle-part.fr", WRONG, ip="192.0.2.2") for _ in range(5)]

    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert known[-1].status_code == 429
    assert known[-1].json() == unknown[-1].json()
    assert known[-1]["Retry-After"] == unknown[-1]["Retry-After"]


def test_lockout_is_per_account_whatever_the_address(candidate, time_machine):
    """ASVS 2.2.1: failures spread over many addresses count against the account."""
    time_machine.move_to(NOW, tick=False)
    for number in range(5):
        ask(candidate.email, WRONG, ip=f"192.0.2.{number + 1}")

    assert ask(candidate.email, PASSWORD, ip="192.0.2.9").status_code == 429


def test_a_forged_forwarded_for_header_does_not_change_the_address(candidate, time_machine):
    """Without a proxy configured (AXES_PROXY_COUNT=0), X-Forwarded-For is ignored: forging a
    new one on each request does not escape the per-address limit of the throttle."""
    time_machine.move_to(NOW, tick=False)
    client = APIClient()
    codes = [
        client.post(
            TOKEN,
            {"email": f"inconnu{number}@example.fr", "password": WRONG},
            format="json",
            REMOTE_ADDR="192.0.2.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        ).status_code
        for number in range(12)
    ]

    assert codes[-1] == 429


def test_token_given_again_after_the_cool_off(candidate, time_machine):
    time_machine.move_to(NOW, tick=False)
    for _ in range(5):
        ask(candidate.email, WRONG)

    time_machine.move_to(NOW + timedelta(minutes=16), tick=False)

    assert ask(candidate.email, PASSWORD).status_code == 200


def test_success_forgets_the_earlier_failures(candidate, time_machine):
    time_machine.move_to(NOW, tick=False)
    for _ in range(4):
        ask(candidate.email, WRONG)
    assert ask(candidate.email, PASSWORD).status_code == 200

    for _ in range(4):
        assert ask(candidate.email, WRONG).status_code == 400
    assert ask(candidate.email, PASSWORD).status_code == 200


def test_more_than_ten_requests_a_minute_are_throttled(candidate, time_machine):
    time_machine.move_to(NOW, tick=False)
    for _ in range(10):
        assert ask(candidate.email, PASSWORD).status_code == 200

    throttled = ask(candidate.email, PASSWORD)

    assert throttled.status_code == 429
    time_machine.move_to(NOW + timedelta(minutes=1, seconds=1), tick=False)
    assert ask(candidate.email, PASSWORD).status_code == 200


def test_revoked_token_no_longer_opens_the_api(candidate):
    token = ask(candidate.email, PASSWORD).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert client.delete(TOKEN).status_code == 204

    assert client.get("/api/v1/registrations/").status_code == 401
    assert not Token.objects.exists()
