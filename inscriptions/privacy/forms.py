from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class CloseAccountForm(forms.Form):
    """Closing the account asks for its password again: whoever finds a session left open
    cannot close it."""

    password = forms.CharField(
        label=_("Votre mot de passe, pour confirmer"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "fr-password__input fr-input"}
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Ce n'est pas le mot de passe de votre compte : le compte n'est pas fermé."),
                code="wrong_password",
            )
        return password
