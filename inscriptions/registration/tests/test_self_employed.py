"""Professional experience as a self-employed worker (002_d2d52601aecd35af.txt §IV.B table,
« Expérience professionnelle de trois ans »: « Vous êtes travailleur indépendant : à défaut du
certificat de travail, […] l'attestation d'immatriculation au registre du commerce et des
sociétés (RCS) ou au répertoire des métiers, depuis au moins 3 ans »)."""

import pytest

from inscriptions.registration import services
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import fill, screens

pytestmark = pytest.mark.django_db


def _situation(self_employed):
    return {
        "category": "professional_experience",
        "experience_months": "48",
        "self_employed": self_employed,
    }


@pytest.mark.parametrize(
    ("self_employed", "asked", "not_asked"),
    [
        (
            "yes",
            "Attestation d&#x27;immatriculation au registre du commerce",
            "Certificats de travail",
        ),
        ("no", "Certificats de travail justifiant", "Attestation d&#x27;immatriculation"),
    ],
)
def test_the_registration_at_the_rcs_replaces_the_work_certificates(
    client, candidate, session, mco, frozen, self_employed, asked, not_asked
):
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    pages = screens(
        specialty_pk=mco.pk,
        establishment_pk=establishment.pk,
        situation=_situation(self_employed),
        forme={"form": "global"},
    )
    fill(registration, pages, now=NOW)
    client.force_login(candidate)

    situation = client.get(f"/espace-candidat/dossiers/{registration.pk}/etapes/situation/")
    recap = client.get(f"/espace-candidat/dossiers/{registration.pk}/recapitulatif/")

    assert "Exercez-vous comme travailleur indépendant ?" in situation.content.decode()
    page = recap.content.decode()
    assert asked in page
    assert not_asked not in page
    assert "Travailleur indépendant" in page
