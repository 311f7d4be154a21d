from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User
from .selectors import user_by_email

# Set on the request when the password was right but the account still waits for activation,
# so that the login form can say so to the one person who knows the password.
AWAITING_ACTIVATION = "account_awaiting_activation"


class EmailBackend(ModelBackend):
    """Login with the email address, in any case."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_by_email(username)
        if user is None:
            # As Django's backend does: hash anyway, so that the answer takes as long for an
            # unknown address as for a known one.
            User().set_password(password)
            return None
        if not user.check_password(password):
            return None
        if self.user_can_authenticate(user):
            return user
        if request is not None and user.awaiting_activation:
            setattr(request, AWAITING_ACTIVATION, True)
        return None
