"""The whole sign-up through a real SMTP server: the activation email arrives, its link
activates the account, and the candidate logs in."""

import pytest
from django.contrib.auth import SESSION_KEY

from inscriptions.accounts.models import User

from .helpers import STRONG_PASSWORD, link_in, path_of, sign_up_data


@pytest.mark.django_db(transaction=True)
def test_candidate_signs_up_receives_the_link_by_smtp_activates_and_logs_in(client, smtp_server):
    response = client.post("/compte/inscription/", sign_up_data())
    assert response.status_code == 302

    [email] = smtp_server.wait_for(1)
    assert email.recipients == ["camille.martin@exemple.fr"]
    assert email.message["To"] == "camille.martin@exemple.fr"
    assert email.subject == "Inscriptions au BTS : Activez votre compte"
    assert email.message.get_content_charset() == "utf-8"
    link = link_in(email.text, "/compte/activation/")

    activated = client.get(path_of(link))
    assert activated.status_code == 200
    assert "<h1>Compte activé</h1>" in activated.content.decode()

    logged_in = client.post(
        "/compte/connexion/", {"username": "camille.martin@exemple.fr", "password": STRONG_PASSWORD}
    )
    assert logged_in.status_code == 302
    user = User.objects.get()
    assert client.session[SESSION_KEY] == str(user.pk)
    assert "Camille Martin" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_sign_up_attempt_notice_reaches_the_owner_by_smtp(client, smtp_server):
    client.post("/compte/inscription/", sign_up_data())
    [activation] = smtp_server.wait_for(1)
    client.get(path_of(link_in(activation.text, "/compte/activation/")))

    client.post("/compte/inscription/", sign_up_data(first_name="Quelqu'un"))

    notice = smtp_server.wait_for(2)[1]
    assert notice.recipients == ["camille.martin@exemple.fr"]
    assert "Quelqu'un a essayé de créer un compte" in notice.text
    assert notice.text.startswith("Bonjour Camille Martin,\n\n")
