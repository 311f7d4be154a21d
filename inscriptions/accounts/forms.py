import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.models import Device

from . import services
from .backends import AWAITING_ACTIVATION
from .models import User
from .second_factor import CodeCheck

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EMAIL_HELP = _("Format attendu : nom@domaine.fr")


class DsfrFormMixin:
    """Fields drawn as DSFR inputs (see ``accounts/field.html``): each input is described by its
    messages group, marked invalid when it has an error, and the first field in error takes the
    focus when the page comes back."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for bound in self.visible_fields():  # type: ignore[attr-defined]
            attrs = bound.field.widget.attrs
            attrs.pop("autofocus", None)
            if isinstance(bound.field.widget, forms.PasswordInput):
                attrs["class"] = "fr-password__input fr-input"
            else:
                attrs["class"] = "fr-input"
            attrs["aria-describedby"] = f"{bound.auto_id}-messages"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        in_error = [name for name in self.errors if name in self.fields]  # type: ignore[attr-defined]
        for name in in_error:
            self.fields[name].widget.attrs["aria-invalid"] = "true"
        if in_error:
            self.fields[in_error[0]].widget.attrs["autofocus"] = True


def password_requirements(user: User | None = None) -> list[str]:
    """The rules a new password of ``user`` must follow (some apply to office members only)."""
    texts = []
    for validator in password_validation.get_default_password_validators():
        help_text_for = getattr(validator, "help_text_for", None)
        text = help_text_for(user) if help_text_for is not None else validator.get_help_text()
        if text:
            texts.append(str(text))
    return texts


def email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("Adresse électronique"),
        help_text=EMAIL_HELP,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class SignUpForm(DsfrFormMixin, forms.Form):
    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = email_field()
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        estimated_as_typed(self.fields["password"], "id_password-strength")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            # Compared with the name and address typed, as the account will hold them.
            person = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, person)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class LoginForm(DsfrFormMixin, AuthenticationForm):
    """Django's login form (the ``username`` field is the address, as django-axes expects)."""

    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie ; après "
            "plusieurs erreurs, la connexion sera bloquée quelques minutes."
        ),
        "inactive": _(
            "Votre compte n'est pas encore activé : ouvrez le lien d'activation que nous vous "
            "avons envoyé par courriel, ou demandez-en un nouveau."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Adresse électronique")
        self.fields["username"].help_text = EMAIL_HELP
        self.fields["username"].widget.input_type = "email"
        self.fields["password"].label = _("Mot de passe")

    @property
    def account_awaiting_activation(self) -> bool:
        """Only set when the password was right (see ``EmailBackend``)."""
        return bool(getattr(self.request, AWAITING_ACTIVATION, False))

    def get_invalid_login_error(self) -> ValidationError:
        if self.account_awaiting_activation:
            return ValidationError(self.error_messages["inactive"], code="inactive")
        return super().get_invalid_login_error()


class EmailForm(DsfrFormMixin, forms.Form):
    email = email_field()


def estimated_as_typed(field: forms.Field, target: str, *, staff: bool = False) -> None:
    """The rules' estimate shown under a new password as it is typed (``password_strength.js``,
    ``accounts:password_estimate``); without JavaScript, the same rules on submit."""
    field.widget.attrs.update(
        {
            "data-strength-url": reverse("accounts:password_estimate"),
            "data-strength-target": target,
            "data-strength-ok": str(_("Ce mot de passe est assez robuste.")),
            **({"data-strength-staff": "1"} if staff else {}),
        }
    )


class NewPasswordForm(DsfrFormMixin, forms.Form):
    """The new password of a reset; the interface of Django's ``SetPasswordForm``, one field."""

    new_password = forms.CharField(
        label=_("Nouveau mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        estimated_as_typed(
            self.fields["new_password"],
            "id_new_password-strength",
            staff=getattr(user, "is_office_member", False),
        )

    def clean_new_password(self) -> str:
        password: str = self.cleaned_data["new_password"]
        password_validation.validate_password(password, self.user)
        return password

    def save(self, commit: bool = True) -> User:
        return services.password_set(user=self.user, password=self.cleaned_data["new_password"])


CODE_INVALID = _(
    "Code incorrect. Saisissez les chiffres affichés en ce moment par votre application "
    "d'authentification, ou l'un de vos codes de secours."
)


class CodeInput(forms.TextInput):
    """A one-time code is never written back into the page."""

    def format_value(self, value: Any) -> str | None:
        return None


class SecondFactorCodeForm(DsfrFormMixin, forms.Form):
    """A code of the authenticator app, or a recovery code, given to ``check`` (a service of
    ``second_factor``) as the form is cleaned, so that a refusal shows beside the field."""

    code = forms.CharField(
        label=_("Code de vérification"),
        max_length=32,
        widget=CodeInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )

    def __init__(
        self,
        *args: Any,
        check: Callable[[str], CodeCheck],
        help_text: "StrOrPromise" = "",
        invalid_message: "StrOrPromise" = CODE_INVALID,
        **kwargs: Any,
    ) -> None:
        self.check = check
        self.invalid_message = invalid_message
        self.device: Device | None = None
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        result = self.check(code)
        if result.device is not None:
            self.device = result.device
            return code
        if result.retry_at is not None:
            seconds = max(1, math.ceil((result.retry_at - timezone.now()).total_seconds()))
            raise ValidationError(
                ngettext(
                    "Trop de codes incorrects à la suite : attendez %(seconds)d seconde avant "
                    "de réessayer.",
                    "Trop de codes incorrects à la suite : attendez %(seconds)d secondes avant "
                    "de réessayer.",
                    seconds,
                )
                % {"seconds": seconds},
                code="throttled",
            )
        raise ValidationError(self.invalid_message, code="invalid")


def _current_password() -> forms.CharField:
    return forms.CharField(
        label=_("Votre mot de passe actuel"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class _Reauthenticated(DsfrFormMixin, forms.Form):
    """Any change of the credentials asks for the current password again."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_current_password(self) -> str:
        password: str = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise ValidationError(
                _("Ce n'est pas le mot de passe actuel de votre compte."), code="wrong_password"
            )
        return password


class PasswordChangeForm(_Reauthenticated):
    current_password = _current_password()
    new_password = forms.CharField(
        label=_("Nouveau mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        estimated_as_typed(
            self.fields["new_password"], "id_new_password-strength", staff=user.is_office_member
        )

    def clean_new_password(self) -> str:
        password: str = self.cleaned_data["new_password"]
        password_validation.validate_password(password, self.user)
        return password


class EmailChangeForm(_Reauthenticated):
    current_password = _current_password()
    new_email = forms.EmailField(
        label=_("Nouvelle adresse électronique"),
        help_text=EMAIL_HELP,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_new_email(self) -> str:
        email: str = self.cleaned_data["new_email"].strip()
        if email.lower() == self.user.email.lower():
            raise ValidationError(_("C'est déjà l'adresse de votre compte."), code="same_email")
        return email
