"""The office's forms and the accounts' pages drawn with ``PlainFormRenderer`` (inputs and lists
in Python) are the pages Django's templates draw: the queue and its filters, the dossier page
and its decision forms, with and without errors, the login and sign-up pages."""

import re

import pytest
from django.forms import forms as django_forms
from django.forms.renderers import DjangoTemplates

from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.core import form_rendering

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|data-csrf-token="[^"]*"')


def _normalized(html: bytes) -> str:
    return re.sub(r"\s+", " ", CSRF.sub("", html.decode())).strip()


def _both_ways(monkeypatch, send):
    pages = []
    for renderer in (form_rendering.PlainFormRenderer(), DjangoTemplates()):
        monkeypatch.setattr(django_forms, "get_default_renderer", lambda r=renderer: r)
        response = send()
        assert response.status_code in (200, 400, 422)
        pages.append(_normalized(response.content))
    return pages


def test_the_office_pages_are_drawn_as_the_templates_draw_them(
    client, staff, dossier, frozen, monkeypatch
):
    office = verified_login(client, staff)
    # Each read of the dossier adds a line to its history: drawn twice, it would differ by one.
    monkeypatch.setattr("inscriptions.core.evidence.dossier_read", lambda *args, **kwargs: None)
    decision = f"/bureau/dossiers/{dossier.pk}/decision/"
    requests = [
        lambda: office.get("/bureau/"),
        lambda: office.get("/bureau/", {"state": "submitted", "q": "mar", "sort": "name"}),
        lambda: office.get("/bureau/", {"session": "nonsense", "deadline": "x"}),
        lambda: office.get(f"/bureau/dossiers/{dossier.pk}/"),
        lambda: office.post(decision, {"action": "non_compliant", "noncompliant-comment": "<b>"}),
        lambda: office.post(decision, {"action": "request", "completion-due_on": "demain"}),
    ]
    for send in requests:
        drawn, expected = _both_ways(monkeypatch, send)
        assert "<select" in drawn
        assert drawn == expected


def test_the_accounts_pages_are_drawn_as_the_templates_draw_them(client, monkeypatch):
    for send in (
        lambda: client.get("/compte/connexion/"),
        lambda: client.post("/compte/connexion/", {"username": "x", "password": ""}),
        lambda: client.post("/compte/inscription/", {"email": "pas-une-adresse"}),
    ):
        drawn, expected = _both_ways(monkeypatch, send)
        assert "<input" in drawn
        assert drawn == expected


def test_every_other_form_gets_the_plain_renderer():
    from inscriptions.notifications.forms import MessageForm

    assert isinstance(MessageForm().renderer, form_rendering.PlainFormRenderer)
