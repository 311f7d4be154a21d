from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CANDIDATE = "candidate", _("Candidat")
    OFFICE_STAFF = "office_staff", _("Gestionnaire du bureau des examens")
    ACADEMY_ADMIN = "academy_admin", _("Administrateur d'académie")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ACADEMY_ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in: a candidate, or a member of an académie's exam office.

    The email is the login. Office staff and administrators belong to one académie; office staff
    process the dossiers of the specialties assigned to them.
    """

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("adresse électronique"), unique=True)
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.CANDIDATE)
    academy = models.ForeignKey(
        "catalog.Academy",
        verbose_name=_("académie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Pour les gestionnaires et les administrateurs : leur académie."),
    )
    specialties = models.ManyToManyField(
        "catalog.Specialty",
        verbose_name=_("spécialités traitées"),
        blank=True,
        related_name="office_staff",
    )
    # Set by the online sign-up only, so that the activation link can never re-open an account
    # that an administrator created or deactivated.
    awaiting_activation = models.BooleanField(
        _("en attente d'activation"),
        default=False,
        help_text=_("Compte créé en ligne dont l'adresse électronique n'est pas encore confirmée."),
    )
    # Closed by its owner or by the retention purge: anonymised, no way in (privacy.purge).
    closed_at = models.DateTimeField(_("fermé le"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self) -> str:
        return self.email

    @property
    def is_office_member(self) -> bool:
        return self.role in {Role.OFFICE_STAFF, Role.ACADEMY_ADMIN}
