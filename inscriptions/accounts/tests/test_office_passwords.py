"""Passwords of the exam office's accounts: 16 characters at least, whatever the form that sets
them (the admin's new account, the admin's password change, the reset link); the candidates
keep the 12-character rules of CNIL délibération 2022-100."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from inscriptions.accounts.groups import academy_admin_group
from inscriptions.accounts.models import Role, User
from inscriptions.accounts.validators import OfficeMemberLengthValidator
from inscriptions.catalog.tests.factories import UserFactory

from .helpers import link_in, path_of, verified_login

pytestmark = pytest.mark.django_db

# 15 characters, three kinds: strong enough for a candidate, too short for the office.
FIFTEEN = "Tournesol-2027!"
SIXTEEN = "Tournesol-2027!!"
SHORT_FOR_OFFICE = "Ce mot de passe est trop court pour un compte du bureau des examens"


@pytest.mark.parametrize(
    ("role", "password", "accepted"),
    [
        (Role.CANDIDATE, FIFTEEN, True),
        (Role.OFFICE_STAFF, FIFTEEN, False),
        (Role.ACADEMY_ADMIN, FIFTEEN, False),
        (Role.OFFICE_STAFF, SIXTEEN, True),
        (Role.ACADEMY_ADMIN, SIXTEEN, True),
    ],
)
def test_sixteen_characters_for_the_office_twelve_for_candidates(role, password, accepted):
    user = User(email="personne@exemple.fr", role=role)

    if accepted:
        validate_password(password, user)
    else:
        with pytest.raises(ValidationError) as refusal:
            validate_password(password, user)
        assert [error.code for error in refusal.value.error_list] == ["office_password_too_short"]


def test_without_an_account_the_office_rule_does_not_apply():
    validate_password(FIFTEEN)


def test_the_office_rule_is_told_to_the_office_only():
    validator = OfficeMemberLengthValidator()

    assert validator.get_help_text() == ""
    assert validator.help_text_for(User(role=Role.CANDIDATE)) == ""
    assert validator.help_text_for(User(role=Role.OFFICE_STAFF)) == (
        "Compte du bureau des examens : au moins 16 caractères."
    )


@pytest.fixture
def admin_client(client):
    admin = UserFactory(academy_admin=True, password="Administration-Toulouse-2027")
    admin.groups.set([academy_admin_group()])
    admin.is_superuser = True
    admin.save()
    return verified_login(client, admin)


def new_account(role, password):
    return {
        "email": "nouveau@exemple.fr",
        "password1": password,
        "password2": password,
        "usable_password": "true",
        "role": role,
        "academy": "",
    }


def test_admin_refuses_a_short_password_for_a_new_office_account(admin_client):
    response = admin_client.post("/admin/accounts/user/add/", new_account("office_staff", FIFTEEN))

    assert response.status_code == 200
    assert SHORT_FOR_OFFICE in response.content.decode()
    assert not User.objects.filter(email="nouveau@exemple.fr").exists()

    accepted = admin_client.post("/admin/accounts/user/add/", new_account("office_staff", SIXTEEN))
    assert accepted.status_code == 302
    assert User.objects.get(email="nouveau@exemple.fr").check_password(SIXTEEN)


def test_admin_accepts_the_candidates_rules_for_a_candidate_account(admin_client):
    response = admin_client.post("/admin/accounts/user/add/", new_account("candidate", FIFTEEN))

    assert response.status_code == 302


def test_admin_password_change_of_an_office_account_wants_sixteen(admin_client):
    staff = UserFactory(office_staff=True)
    url = f"/admin/accounts/user/{staff.pk}/password/"

    short = admin_client.post(url, {"password1": FIFTEEN, "password2": FIFTEEN})
    right = admin_client.post(url, {"password1": SIXTEEN, "password2": SIXTEEN})

    assert SHORT_FOR_OFFICE in short.content.decode()
    assert right.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(SIXTEEN)


def test_password_reset_of_an_office_account_wants_sixteen_and_says_so(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    staff = UserFactory(office_staff=True, email="gestionnaire@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/mot-de-passe/oublie/", {"email": staff.email})
    [email] = mailoutbox
    form = client.get(path_of(link_in(email.body, "/compte/mot-de-passe/nouveau/")), follow=True)
    assert "Compte du bureau des examens : au moins 16 caractères." in form.content.decode()
    set_password_url = form.redirect_chain[-1][0]

    short = client.post(set_password_url, {"new_password": FIFTEEN})
    right = client.post(set_password_url, {"new_password": SIXTEEN})

    assert SHORT_FOR_OFFICE in short.content.decode()
    assert right["Location"] == "/compte/mot-de-passe/modifie/"
    staff.refresh_from_db()
    assert staff.check_password(SIXTEEN)


def test_sign_up_page_does_not_list_the_office_rule(client):
    html = client.get("/compte/inscription/").content.decode()

    assert "bureau des examens : au moins 16" not in html
    assert '<p class="fr-message fr-message--info"></p>' not in html
