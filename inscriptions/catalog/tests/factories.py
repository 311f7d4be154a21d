"""Factories for the référentiel and the accounts.

``ExamSessionFactory`` builds its dates from a ``now`` parameter (the present moment by default),
so a test that freezes time passes the same instant and gets a session open, upcoming or closed
at that instant:

    ExamSessionFactory(now=moment)                 # open: opened a week ago, closes in 3 weeks
    ExamSessionFactory(now=moment, upcoming=True)  # opens in a month
    ExamSessionFactory(now=moment, closed=True)    # closed a month ago
"""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from inscriptions.accounts.models import Role, User
from inscriptions.catalog.models import (
    Academy,
    Department,
    ExamSession,
    Language,
    OfficeContact,
    Specialty,
    Unit,
    UnitKind,
)

PARIS = ZoneInfo("Europe/Paris")

ACADEMY_NAMES = [
    "Aix-Marseille",
    "Amiens",
    "Besançon",
    "Bordeaux",
    "Clermont-Ferrand",
    "Créteil",
    "Dijon",
    "Grenoble",
    "Lille",
    "Limoges",
    "Lyon",
    "Montpellier",
    "Nancy-Metz",
    "Nantes",
    "Nice",
    "Normandie",
    "Orléans-Tours",
    "Paris",
    "Poitiers",
    "Reims",
    "Rennes",
    "Strasbourg",
    "Toulouse",
    "Versailles",
]

SPECIALTY_NAMES = [
    "Comptabilité et gestion",
    "Management commercial opérationnel",
    "Négociation et digitalisation de la relation client",
    "Services informatiques aux organisations",
    "Support à l'action managériale",
    "Maintenance des systèmes",
    "Bâtiment",
    "Tourisme",
]

LANGUAGES = [
    ("en", "Anglais"),
    ("de", "Allemand"),
    ("es", "Espagnol"),
    ("it", "Italien"),
    ("pt", "Portugais"),
    ("ar", "Arabe"),
]


def _cycled(names: list[str], n: int) -> str:
    """The n-th name of the list, numbered once the list is used up, so it stays unique."""
    name = names[n % len(names)]
    return name if n < len(names) else f"{name} {n // len(names) + 1}"


class AcademyFactory(DjangoModelFactory):
    class Meta:
        model = Academy

    code = factory.Sequence(lambda n: f"{n % 900 + 10}")
    name = factory.Sequence(lambda n: _cycled(ACADEMY_NAMES, n))
    office_name = factory.LazyAttribute(lambda o: f"Bureau des examens de {o.name}")
    office_address = "1 rue de l'Examen\n75000 Paris"
    office_email = factory.Sequence(lambda n: f"examens{n}@ac-exemple.fr")
    office_phone = "01 23 45 67 89"


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"{n % 95 + 1:02d}")
    academy = factory.SubFactory(AcademyFactory)


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: LANGUAGES[n % len(LANGUAGES)][0])
    name = factory.LazyAttribute(lambda o: dict(LANGUAGES).get(o.code, o.code))


class SpecialtyFactory(DjangoModelFactory):
    class Meta:
        model = Specialty
        skip_postgeneration_save = True

    # BTS diplomas carry BCN codes starting with 320.
    bcn_code = factory.Sequence(lambda n: f"320{n % 100_000:05d}")
    name = factory.Sequence(lambda n: _cycled(SPECIALTY_NAMES, n))

    @factory.post_generation
    def languages(self, create: bool, extracted: list[Language] | None, **kwargs: object) -> None:
        if create and extracted:
            self.languages.set(extracted)


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    specialty = factory.SubFactory(SpecialtyFactory)
    exam_code = factory.Sequence(lambda n: f"E{n + 1}")
    code = factory.LazyAttribute(lambda o: o.exam_code.replace("E", "U", 1))
    title = factory.Sequence(lambda n: f"Épreuve {n + 1}")
    coefficient = Decimal("2.00")
    kind = UnitKind.PROFESSIONAL


class OfficeContactFactory(DjangoModelFactory):
    class Meta:
        model = OfficeContact

    academy = factory.SubFactory(AcademyFactory)
    label = factory.Sequence(lambda n: f"Pôle des BTS {n + 1}")
    email = factory.Sequence(lambda n: f"pole-bts{n}@ac-exemple.fr")
    phone = "01 23 45 67 00"


class ExamSessionFactory(DjangoModelFactory):
    """A session whose calendar follows the usual order of the notices, relative to ``now``."""

    class Meta:
        model = ExamSession

    class Params:
        now = factory.LazyFunction(timezone.now)
        # How far from ``now`` registration opens (negative: it is already open), and how long
        # it stays open.
        opens_in = timedelta(days=-7)
        open_for = timedelta(days=28)
        upcoming = factory.Trait(opens_in=timedelta(days=30))
        closed = factory.Trait(opens_in=timedelta(days=-60))

    academy = factory.SubFactory(AcademyFactory)
    registration_opens_at = factory.LazyAttribute(lambda o: o.now + o.opens_in)
    registration_closes_at = factory.LazyAttribute(lambda o: o.registration_opens_at + o.open_for)
    documents_due_at = factory.LazyAttribute(
        lambda o: o.registration_closes_at + timedelta(days=21)
    )
    late_documents_due_at = None
    processing_due_at = factory.LazyAttribute(
        lambda o: o.registration_closes_at + timedelta(days=60)
    )
    convocations_published_at = factory.LazyAttribute(
        lambda o: o.registration_closes_at + timedelta(days=150)
    )
    first_written_exam_at = factory.LazyAttribute(
        lambda o: o.registration_closes_at + timedelta(days=180)
    )
    # The exam year is the year of the written exams, in Paris.
    exam_year = factory.LazyAttribute(lambda o: o.first_written_exam_at.astimezone(PARIS).year)


class UserFactory(DjangoModelFactory):
    """A candidate by default; ``office_staff`` and ``academy_admin`` give office members, who
    reach the back office (``is_staff``) for their académie."""

    class Meta:
        model = User

    class Params:
        office_staff = factory.Trait(
            role=Role.OFFICE_STAFF, is_staff=True, academy=factory.SubFactory(AcademyFactory)
        )
        academy_admin = factory.Trait(
            role=Role.ACADEMY_ADMIN, is_staff=True, academy=factory.SubFactory(AcademyFactory)
        )

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = "Martin"
    role = Role.CANDIDATE
    password = factory.django.Password("mot-de-passe-de-test")
