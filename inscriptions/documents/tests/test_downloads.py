"""Downloads: the owner and the office staff in scope only, as attachments, never cached; and
the forms the product gives (engagement étudiant, the confirmation to sign)."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from inscriptions.accounts.models import Role
from inscriptions.accounts.tests.helpers import verified_login
from inscriptions.catalog.models import Academy, Specialty
from inscriptions.catalog.tests.factories import UnitFactory, UserFactory
from inscriptions.documents import permissions, services
from inscriptions.documents.models import UploadedFile
from inscriptions.documents.tests import samples
from inscriptions.documents.tests.conftest import validate
from inscriptions.registration.tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(dossier, frozen):
    return services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("Carte d'identité recto.PNG", samples.jpeg(), "image/png"),
        actor=dossier.candidate,
        now=frozen,
    )


def download_url(uploaded):
    return f"/espace-candidat/justificatifs/fichiers/{uploaded.pk}/"


def staff(*, role, academy, specialties=()):
    user = UserFactory(role=role, academy=academy, is_staff=True)
    user.specialties.set(specialties)
    return user


def test_owner_downloads_as_an_attachment_never_cached_never_sniffed(client, uploaded):
    client.force_login(uploaded.uploaded_by)

    response = client.get(download_url(uploaded))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.jpeg()
    # The type is what the content is (JPEG), whatever the name said (.PNG).
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "recto.jpg" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("staff_with_the_specialty", True),
        ("academy_admin", True),
        ("staff_without_the_specialty", False),
        ("staff_of_another_academy", False),
        ("admin_of_another_academy", False),
        ("another_candidate", False),
    ],
)
def test_who_may_download(client, uploaded, mco, who, allowed):
    toulouse = Academy.objects.get(code="16")
    other_academy = Academy.objects.get(code="02")
    other_specialty = Specialty.objects.exclude(pk=mco.pk).first()
    user = {
        "staff_with_the_specialty": lambda: staff(
            role=Role.OFFICE_STAFF, academy=toulouse, specialties=[mco, other_specialty]
        ),
        "academy_admin": lambda: staff(role=Role.ACADEMY_ADMIN, academy=toulouse),
        "staff_without_the_specialty": lambda: staff(
            role=Role.OFFICE_STAFF, academy=toulouse, specialties=[other_specialty]
        ),
        "staff_of_another_academy": lambda: staff(
            role=Role.OFFICE_STAFF, academy=other_academy, specialties=[mco]
        ),
        "admin_of_another_academy": lambda: staff(role=Role.ACADEMY_ADMIN, academy=other_academy),
        "another_candidate": lambda: UserFactory(role=Role.CANDIDATE),
    }[who]()
    verified_login(client, user)

    response = client.get(download_url(uploaded))

    assert response.status_code == (200 if allowed else 404)
    assert permissions.can_view_document(user, uploaded.document) is allowed


def test_anonymous_is_sent_to_the_login_page(client, uploaded):
    response = client.get(download_url(uploaded))
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


def test_a_deactivated_owner_sees_nothing(uploaded):
    owner = uploaded.uploaded_by
    owner.is_active = False
    assert not permissions.can_view_document(owner, uploaded.document)


def test_unknown_file_is_404(candidate_client):
    assert candidate_client.get("/espace-candidat/justificatifs/fichiers/999/").status_code == 404


def test_confirmation_to_sign_is_the_latest_version(candidate_client, dossier, storage):
    response = candidate_client.get(
        f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/confirmation-a-signer.pdf"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="confirmation-1-0.pdf"'
    assert "no-store" in response["Cache-Control"]
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "1-0" in text
    page = candidate_client.get(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/")
    assert "confirmation-a-signer.pdf" in page.content.decode()


def test_no_confirmation_to_sign_when_the_session_does_not_ask_for_it(
    candidate_client, dossier, session
):
    session.signed_confirmation_required = False
    session.save()

    response = candidate_client.get(
        f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/confirmation-a-signer.pdf"
    )
    page = candidate_client.get(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/")

    assert response.status_code == 404
    assert "confirmation_signed" not in page.content.decode()


@pytest.fixture
def engagement_unit(mco):
    return UnitFactory(
        specialty=mco,
        exam_code="EF2",
        code="UF2",
        title="Engagement étudiant",
        kind="optional",
        is_engagement=True,
    )


def test_engagement_form_is_given_filled_with_the_dossier(
    candidate, session, mco, frozen, engagement_unit, client
):
    dossier = validate(
        candidate,
        session,
        mco,
        epreuves={
            "compulsory_language": "en",
            "compulsory_language_followed": "yes",
            "optional_units": ["UF2"],
        },
    )
    client.force_login(candidate)

    page = client.get(f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/").content.decode()
    response = client.get(
        f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/formulaire-engagement-etudiant.pdf"
    )

    assert "Formulaire « engagement étudiant » renseigné" in page
    assert "formulaire-engagement-etudiant.pdf" in page
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(BytesIO(response.content))
    fields = {field.get("/V") for field in reader.get_fields().values()}
    assert {"Léa Marie Martin", "1-0"} <= fields


def test_no_engagement_form_when_the_unit_is_not_chosen(candidate_client, dossier):
    response = candidate_client.get(
        f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/formulaire-engagement-etudiant.pdf"
    )
    assert response.status_code == 404


def test_another_candidate_cannot_get_my_forms(client, dossier):
    client.force_login(UserFactory(role=Role.CANDIDATE))
    base = f"/espace-candidat/justificatifs/dossiers/{dossier.pk}/"
    assert client.get(base + "confirmation-a-signer.pdf").status_code == 404
    assert client.get(base + "formulaire-engagement-etudiant.pdf").status_code == 404


def test_files_are_listed_newest_first_with_history(uploaded, dossier, frozen):
    services.document_upload(
        registration=dossier,
        code="identity",
        upload=SimpleUploadedFile("verso.pdf", samples.pdf(), "application/pdf"),
        actor=dossier.candidate,
        now=NOW,
    )
    names = list(
        UploadedFile.objects.filter(document=uploaded.document).values_list(
            "original_name", flat=True
        )
    )
    assert names[0] == "verso.pdf"
    assert len(names) == 2


def test_office_member_with_only_the_password_is_asked_for_the_code(client, uploaded, mco):
    user = staff(role=Role.OFFICE_STAFF, academy=Academy.objects.get(code="16"), specialties=[mco])
    client.force_login(user)

    response = client.get(download_url(uploaded))

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/verification/?next=")
