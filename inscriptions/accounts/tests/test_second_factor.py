"""The exam office's second factor after the password: the code page, the authenticator's
set-up with its QR code, the recovery codes; candidates are never asked for a code."""

import base64
import re
from datetime import datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inscriptions.accounts import second_factor
from inscriptions.accounts.models import Role
from inscriptions.catalog.tests.factories import UserFactory

from .helpers import STRONG_PASSWORD, totp_code, verified_login

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 10, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
LOGIN = "/compte/connexion/"
VERIFY = "/compte/connexion/verification/"
SET_UP = "/compte/double-authentification/configurer/"
CODES = "/compte/double-authentification/codes-de-secours/"
OFFICE_PASSWORD = "Gestion-des-dossiers-2027"
WRONG_CODE = "Code incorrect. Saisissez les chiffres affichés en ce moment"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def staff():
    return UserFactory(office_staff=True, email="gestionnaire@exemple.fr", password=OFFICE_PASSWORD)


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)


def log_in(client, email="gestionnaire@exemple.fr", password=OFFICE_PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def give_code(client, code, next_url="/"):
    return client.post(VERIFY, {"code": code, "next": next_url})


def wrong_code(device):
    return f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"


def is_verified(client):
    return DEVICE_ID_SESSION_KEY in client.session


def field_messages(html, field_id="id_code"):
    return re.search(
        rf'<div class="fr-messages-group" id="{field_id}-messages"[^>]*>(.*?)</div>', html, re.S
    ).group(1)


@pytest.mark.parametrize("role", [Role.OFFICE_STAFF, Role.ACADEMY_ADMIN])
def test_office_member_goes_from_the_password_to_the_code_page(client, device, staff, role):
    staff.role = role
    staff.save()

    response = log_in(client, next="/bureau/dossiers/")

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={quote('/bureau/dossiers/', safe='')}"
    assert client.session[SESSION_KEY] == str(staff.pk)
    assert not is_verified(client)


def test_a_next_elsewhere_is_dropped(client, device):
    response = log_in(client, next="https://malveillant.example/")

    assert response["Location"] == f"{VERIFY}?next=%2F"
    after = give_code(client, totp_code(device), next_url="https://malveillant.example/")
    assert after["Location"] == "/"


def test_code_page_asks_for_the_code_of_the_app(client, device):
    log_in(client)

    html = client.get(f"{VERIFY}?next=/bureau/").content.decode()

    assert "<h1>Vérification en deux étapes</h1>" in html
    assert '<label class="fr-label" for="id_code">Code de vérification' in html
    assert 'autocomplete="one-time-code"' in html
    assert '<input type="hidden" name="next" value="/bureau/">' in html


def test_wrong_code_is_refused_with_a_french_message_beside_the_field(client, device):
    log_in(client)

    wrong = wrong_code(device)
    response = give_code(client, wrong)

    assert response.status_code == 200
    html = response.content.decode()
    assert WRONG_CODE in field_messages(html)
    assert "<title>Erreur : Vérification en deux étapes — Inscriptions au BTS</title>" in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'<input(?=[^>]*id="id_code")(?=[^>]*autofocus)[^>]*>', html)
    assert 'value="' + wrong not in html  # a code is never shown back
    # The summary at the top links to the field.
    assert '<a href="#id_code">Code de vérification : Code incorrect.' in html
    assert not is_verified(client)


def test_right_code_lets_the_office_member_in(client, device):
    log_in(client)

    response = give_code(client, totp_code(device), next_url="/sessions/")

    assert response.status_code == 302
    assert response["Location"] == "/sessions/"
    assert is_verified(client)
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_once(client, device):
    code = totp_code(device)
    log_in(client)
    give_code(client, code)
    client.post("/compte/deconnexion/")
    log_in(client)

    response = give_code(client, code)

    assert WRONG_CODE in response.content.decode()
    assert not is_verified(client)


def test_after_wrong_codes_the_next_try_must_wait(client, device, time_machine):
    log_in(client)
    give_code(client, wrong_code(device))
    give_code(client, wrong_code(device))  # too soon: refused without being checked

    response = give_code(client, totp_code(device))

    assert "Trop de codes incorrects à la suite : attendez 1 seconde" in field_messages(
        response.content.decode()
    )
    assert not is_verified(client)
    time_machine.shift(timedelta(seconds=1))
    assert give_code(client, totp_code(device))["Location"] == "/"


def test_recovery_code_works_once_only(client, staff, device):
    codes = second_factor.recovery_codes_generate(user=staff)
    log_in(client)

    response = give_code(client, f" {codes[0].upper()} ", next_url="/sessions/")

    assert is_verified(client)
    assert response["Location"] == f"{CODES}?next=%2Fsessions%2F"
    html = client.get(response["Location"]).content.decode()
    assert "Il vous reste 9 codes de secours." in html
    client.post("/compte/deconnexion/")
    log_in(client)
    assert WRONG_CODE in give_code(client, codes[0]).content.decode()
    assert not is_verified(client)


def test_password_only_session_reaches_nothing_of_the_office(client, device):
    log_in(client)

    admin = client.get("/admin/")
    page = client.get("/espace-candidat/")
    api = client.get("/api/v1/registrations/")

    assert admin.status_code == page.status_code == 302
    assert admin["Location"].startswith(VERIFY)
    assert api.status_code == 403
    assert client.get("/").status_code == 200


def test_another_authorization_header_does_not_open_the_password_only_session(client, device):
    log_in(client)

    page = client.get("/espace-candidat/", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==")
    api = client.get("/api/v1/registrations/", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==")
    bad_token = client.get("/api/v1/registrations/", HTTP_AUTHORIZATION="Token inconnu")

    assert page.status_code == 302
    assert api.status_code == 403
    assert bad_token.status_code == 401


def test_candidate_is_never_asked_for_a_code(client):
    candidate = UserFactory(email="camille@exemple.fr", password=STRONG_PASSWORD)

    response = log_in(client, email="camille@exemple.fr", password=STRONG_PASSWORD)

    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(candidate.pk)
    assert client.get("/espace-candidat/").status_code == 200
    assert client.get(VERIFY)["Location"] == "/"
    assert client.get(SET_UP).status_code == 404
    assert client.get(CODES).status_code == 404
    assert not TOTPDevice.objects.exists()


def test_first_login_sets_up_the_authenticator_with_a_qr_code(client, staff):
    log_in(client, next="/sessions/")

    to_set_up = client.get(f"{VERIFY}?next=/sessions/")
    assert to_set_up["Location"] == f"{SET_UP}?next=%2Fsessions%2F"
    html = client.get(to_set_up["Location"]).content.decode()

    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    assert re.search(r'<div class="otp-qr"><svg[^>]*>.*</svg></div>', html, re.S)
    secret = second_factor.totp_secret(device)
    assert f'<code class="otp-secret" lang="en">{secret}</code>' in html
    # The secret typed in an app gives the same codes as the device.
    typed = TOTP(second_factor_key(secret))
    assert f"{typed.token():06d}" == totp_code(device)
    # Reloading the page keeps the same secret.
    assert secret in client.get(SET_UP).content.decode()
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def second_factor_key(secret):
    compact = secret.replace(" ", "")
    return base64.b32decode(compact + "=" * (-len(compact) % 8))


def test_set_up_refuses_a_wrong_code_beside_the_field(client, staff):
    log_in(client)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=staff)

    response = client.post(SET_UP, {"code": wrong_code(device), "next": "/"})

    html = response.content.decode()
    assert "Code incorrect. Saisissez les 6 chiffres affichés en ce moment par l" in (
        field_messages(html)
    )
    assert "<title>Erreur : Configurer la vérification en deux étapes" in html
    device.refresh_from_db()
    assert not device.confirmed
    assert not is_verified(client)


def test_set_up_confirms_the_app_and_shows_ten_recovery_codes_once(client, staff):
    log_in(client)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=staff)

    response = client.post(SET_UP, {"code": totp_code(device), "next": "/sessions/"})

    device.refresh_from_db()
    assert device.confirmed
    assert is_verified(client)
    assert response["Location"] == f"{CODES}?next=%2Fsessions%2F"
    html = client.get(response["Location"]).content.decode()
    shown = re.findall(r'<li><code lang="en">([a-z2-7]{8})</code></li>', html)
    stored = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert len(shown) == 10
    assert set(shown) == stored
    assert 'href="/sessions/">Continuer</a>' in html
    again = client.get(response["Location"]).content.decode()
    assert not set(shown) & set(re.findall(r"[a-z2-7]{8}", again))
    assert "Il vous reste 10 codes de secours." in again


def test_set_up_cannot_replace_an_authenticator_with_the_password_alone(client, device):
    log_in(client)

    assert client.get(SET_UP)["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.count() == 1


def test_new_recovery_codes_replace_the_old_ones(client, staff):
    old = second_factor.recovery_codes_generate(user=staff)
    verified_login(client, staff)

    response = client.post(CODES, {"next": "/"})

    html = client.get(response["Location"]).content.decode()
    new = re.findall(r'<li><code lang="en">([a-z2-7]{8})</code></li>', html)
    assert len(new) == 10
    stored = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert stored == set(new)
    assert not stored & set(old)


def test_recovery_codes_page_needs_the_second_factor(client, device, staff):
    client.force_login(staff)

    assert client.get(CODES)["Location"].startswith(VERIFY)
    assert client.post(CODES)["Location"].startswith(VERIFY)
    assert not StaticToken.objects.exists()
