"""The synthetic candidates and their dossiers, drawn from a seeded generator: who they are and
what their dossier holds, before any row is written (``synthetic.generate`` writes them)."""

import random
import secrets
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from faker import Faker

from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import ExamSession, Specialty
from inscriptions.registration.models import RegistrationVersion

# State of a dossier half-way through the processing weeks.
STATES = [
    ("submitted", 0.50),
    ("to_complete", 0.10),
    ("compliant", 0.28),
    ("non_compliant", 0.09),
    ("withdrawn", 0.03),
]
CATEGORIES = [
    ("former_school", 0.35),
    ("former_apprentice", 0.15),
    ("former_continuing", 0.15),
    ("distance_school", 0.10),
    ("distance_apprentice", 0.03),
    ("distance_continuing", 0.07),
    ("professional_experience", 0.15),
]
DOCUMENTS = ["confirmation_signed", "identity", "jdc_certificate", "school_certificates"]
SYNTHETIC_DOMAIN = "synthetique.example"


def _weighted(rng: random.Random, table: list[tuple[str, float]]) -> str:
    return rng.choices([value for value, _ in table], [weight for _, weight in table])[0]


@dataclass
class Template:
    answers: dict[str, Any]
    summary: dict[str, Any]


def template_version() -> Template:
    """The latest version of a dossier the wizard validated (``load_demo`` makes some)."""
    version = RegistrationVersion.objects.order_by("-pk").first()
    if version is None:
        raise RuntimeError("no validated dossier to copy: run manage.py load_demo first")
    return Template(answers=version.answers, summary=version.summary)


class Generator:
    def __init__(self, *, session: ExamSession, seed: int, now: datetime) -> None:
        self.session = session
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, no secret
        self.now = now
        fake = Faker("fr_FR")
        fake.seed_instance(seed)
        # Pools: Faker is slow per call, and real names repeat (which search must cope with).
        self.last_names = [fake.last_name() for _ in range(3000)]
        self.first_names = [fake.first_name() for _ in range(800)]
        self.streets = [fake.street_address() for _ in range(2000)]
        self.cities = [(fake.city(), fake.postcode()) for _ in range(500)]
        specialties = list(Specialty.objects.filter(is_active=True).order_by("pk"))
        # A few specialties gather most candidates (MCO, NDRC, CG, SIO...): Zipf-like weights.
        self.specialties = specialties
        self.specialty_weights = [1 / (rank + 1) for rank in range(len(specialties))]
        self.rng.shuffle(self.specialty_weights)
        self.template = template_version()
        self.password = make_password(secrets.token_urlsafe(16))
        self.office = User.objects.filter(
            role__in=[Role.ACADEMY_ADMIN, Role.OFFICE_STAFF], academy=session.academy
        ).first()

    def dossiers(
        self, count: int, *, first_number: int, ids: dict[str, int]
    ) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for index in range(count):
            specialty = rng.choices(self.specialties, self.specialty_weights)[0]
            last_name = rng.choice(self.last_names)
            first_name = rng.choice(self.first_names)
            city, postcode = rng.choice(self.cities)
            state = _weighted(rng, STATES)
            validated = self.now - timedelta(minutes=rng.randint(60, 60 * 24 * 40))
            version = rng.choices([0, 1, 2], [0.75, 0.2, 0.05])[0]
            missing = rng.choices([0, 1, 2], [0.7, 0.22, 0.08])[0] if state != "compliant" else 0
            refused = 1 if state in {"to_complete", "non_compliant"} and rng.random() < 0.5 else 0
            yield {
                "n": index,
                "number": first_number + index,
                "user_id": ids["user"] + index,
                "registration_id": ids["registration"] + index,
                "specialty": specialty,
                "last_name": last_name,
                "first_name": first_name,
                "street": rng.choice(self.streets),
                "city": city,
                "postcode": postcode,
                "state": state,
                "category": _weighted(rng, CATEGORIES),
                "form": "global" if rng.random() < 0.85 else "progressive",
                "accommodation": rng.random() < 0.04,
                "validated": validated,
                "version": version,
                "missing": missing,
                "refused": refused,
                "birth_year": rng.randint(1975, 2007),
            }

    def answers(self, d: dict[str, Any]) -> dict[str, Any]:
        answers = deepcopy(self.template.answers)
        identity = answers.setdefault("identity", {})
        identity.update(
            {
                "last_name": d["last_name"],
                "first_name_1": d["first_name"],
                "birth_year": str(d["birth_year"]),
                "street": d["street"],
                "postal_code": d["postcode"],
                "locality": d["city"],
                "email": self.email(d),
            }
        )
        answers.setdefault("situation", {})["category"] = d["category"]
        answers["situation"]["disability_declared"] = d["accommodation"]
        answers["specialty"] = {"specialty": d["specialty"].pk}
        answers["form"] = {"form": d["form"]}
        return answers

    def summary(self, d: dict[str, Any]) -> dict[str, Any]:
        summary = deepcopy(self.template.summary)
        summary["specialty_id"] = d["specialty"].pk
        summary["accommodation_requested"] = d["accommodation"]
        for row in summary.get("rows", []):
            if row[1] == "Nom":
                row[2] = d["last_name"]
            elif row[1] == "Prénoms":
                row[2] = d["first_name"]
            elif row[1] == "Spécialité":
                row[2] = d["specialty"].name
        return summary

    @staticmethod
    def email(d: dict[str, Any]) -> str:
        return f"candidat.{d['registration_id']}@{SYNTHETIC_DOMAIN}"
