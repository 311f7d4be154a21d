"""A production start with no demo data (README « Starting an académie »): ``setup_academy``
then the admin take a fresh database to an académie that registers candidates, from sign-up to
the confirmation PDF."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from inscriptions.accounts.groups import ACADEMY_ADMIN_GROUP
from inscriptions.accounts.models import Role, User
from inscriptions.accounts.tests.helpers import (
    OTHER_STRONG_PASSWORD,
    link_in,
    sign_up_data,
    verified_login,
)
from inscriptions.catalog.models import Academy, ExamSession, Specialty
from inscriptions.registration.models import Registration, State
from inscriptions.registration.tests.wizard import screens, walk

pytestmark = pytest.mark.django_db

STAFF_PASSWORD = "Garonne-Capitole-Brique-2027"
SETUP = [
    "--academie",
    "16",
    "--admin-email",
    "admin@ac-toulouse.fr",
    "--admin-first-name",
    "Alice",
    "--office-email",
    "dec-postbac@ac-toulouse.fr",
    "--office-phone",
    "05 36 25 70 00",
]


def setup(*args: str) -> str:
    out = StringIO()
    call_command("setup_academy", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def run_on_commit(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def test_setup_prepares_the_academy_and_invites_its_first_administrator(run_on_commit):
    output = setup(*SETUP)

    toulouse = Academy.objects.get(code="16")
    assert (toulouse.office_email, toulouse.office_phone) == (
        "dec-postbac@ac-toulouse.fr",
        "05 36 25 70 00",
    )
    assert toulouse.establishments.filter(code="FIC-31", is_active=True).exists()
    admin = User.objects.get(email="admin@ac-toulouse.fr")
    assert (admin.role, admin.academy, admin.is_staff) == (Role.ACADEMY_ADMIN, toulouse, True)
    assert not admin.has_usable_password()
    assert list(admin.groups.values_list("name", flat=True)) == [ACADEMY_ADMIN_GROUP]
    (invitation,) = mail.outbox
    assert invitation.to == ["admin@ac-toulouse.fr"]
    assert "l'académie de Toulouse" in invitation.body and "16 caractères" in invitation.body
    assert "Administrateur créé : admin@ac-toulouse.fr" in output


def test_setup_run_again_changes_nothing_but_a_new_link(run_on_commit):
    setup(*SETUP)
    mail.outbox.clear()

    output = setup(*SETUP)

    assert User.objects.count() == 1
    assert len(mail.outbox) == 1
    assert "nouveau lien envoyé" in output


def test_setup_refuses_an_address_of_another_role():
    User.objects.create_user(email="admin@ac-toulouse.fr", password=None, role=Role.CANDIDATE)

    with pytest.raises(CommandError, match="déjà celle d'un compte"):
        setup(*SETUP)


def test_setup_refuses_an_unknown_academy_or_a_bad_address():
    with pytest.raises(CommandError, match="Académie « 99 » inconnue"):
        setup("--academie", "99", "--admin-email", "a@b.fr", "--office-email", "c@d.fr")
    with pytest.raises(CommandError, match="Adresse invalide : pas-une-adresse"):
        setup("--academie", "16", "--admin-email", "pas-une-adresse", "--office-email", "c@d.fr")


def _session_through_the_admin(client: Client, academy: Academy) -> ExamSession:
    now = timezone.localtime()
    dates = {
        "registration_opens_at": now - timedelta(days=1),
        "registration_closes_at": now + timedelta(days=30),
        "documents_due_at": now + timedelta(days=45),
        "processing_due_at": now + timedelta(days=80),
        "convocations_published_at": now + timedelta(days=150),
        "first_written_exam_at": now + timedelta(days=180),
    }
    data = {"academy": academy.pk, "exam_year": now.year + 1}
    form = client.get("/admin/catalog/examsession/add/").context["adminform"].form
    for name in form.fields:
        value = dates.get(name)
        if value is not None:
            data[f"{name}_0"], data[f"{name}_1"] = f"{value:%d/%m/%Y}", f"{value:%H:%M:%S}"
        elif name not in data and form[name].value() is not None:
            data[name] = form[name].value()
    response = client.post("/admin/catalog/examsession/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return ExamSession.objects.get(academy=academy)


def test_a_fresh_install_takes_a_registration_to_the_confirmation_pdf(run_on_commit):
    setup(*SETUP)
    toulouse = Academy.objects.get(code="16")
    admin = User.objects.get(email="admin@ac-toulouse.fr")

    # The administrator chooses a password from the invitation, then creates the session.
    office = Client()
    form = office.get(link_in(mail.outbox[0].body, "/compte/"), follow=True)
    office.post(form.redirect_chain[-1][0], {"new_password": STAFF_PASSWORD})
    admin.refresh_from_db()
    assert admin.check_password(STAFF_PASSWORD)
    verified_login(office, admin)
    session = _session_through_the_admin(office, toulouse)

    # A candidate signs up, activates the account, and registers with no demo data anywhere.
    mail.outbox.clear()
    candidate_client = Client()
    candidate_client.post("/compte/inscription/", sign_up_data(password=OTHER_STRONG_PASSWORD))
    candidate_client.get(link_in(mail.outbox[0].body, "/compte/activation/"), follow=True)
    candidate = User.objects.get(email=sign_up_data()["email"])
    assert candidate.is_active
    candidate_client.force_login(candidate)
    started = candidate_client.post(f"/espace-candidat/sessions/{session.pk}/inscription/")
    assert started.status_code == 302
    registration = Registration.objects.get(candidate=candidate)
    mco = Specialty.objects.get(bcn_code="32031213")
    establishment = toulouse.establishments.get(code="FIC-31")
    pages = screens(specialty_pk=mco.pk, establishment_pk=establishment.pk)
    pages = [
        (name, {**data, "email": candidate.email} if name == "identite" else data)
        for name, data in pages
    ]
    recap = walk(candidate_client, registration.pk, pages)
    validated = candidate_client.post(recap.headers["Location"])

    assert validated.status_code == 302
    registration.refresh_from_db()
    assert (registration.state, registration.reference) == (State.SUBMITTED, "1-0")
    pdf = candidate_client.get(
        f"/espace-candidat/dossiers/{registration.pk}/versions/0/confirmation.pdf"
    )
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(_bytes(pdf)).pages)
    assert "management commercial opérationnel" in text
    assert "Candidats individuels — département 31" in text


def _bytes(response):
    from io import BytesIO

    return BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
