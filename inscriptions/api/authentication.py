"""The API's token authentication (named in the settings, so it imports no view: DRF's views
read the settings as they are defined)."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from inscriptions.accounts.otp import needs_second_factor, token_gave_second_factor


class SecondFactorTokenAuthentication(TokenAuthentication):
    """Django REST framework's tokens, where an exam-office account's token counts only when it
    was issued with the second factor (an older one is refused as if unknown)."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if needs_second_factor(user) and not token_gave_second_factor(token):
            # Word for word the answer to an unknown token (DRF's own message and translation).
            raise AuthenticationFailed(_("Invalid token."))
        return user, token
