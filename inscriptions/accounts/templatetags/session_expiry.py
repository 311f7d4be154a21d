from typing import Any

from django import template
from django.conf import settings

from inscriptions.accounts.session_refresh import seconds_since_refresh

register = template.Library()


@register.inclusion_tag("accounts/session_expiry_dialog.html", takes_context=True)
def session_expiry_dialog(context: template.Context) -> dict[str, Any]:
    """The warning shown before the session expires, with the timings the script reads."""
    warning = settings.SESSION_WARNING_SECONDS
    request = context.get("request")
    return {
        # The session lasts from its last write, which may be a little before this page.
        "elapsed": seconds_since_refresh(request) if request is not None else 0,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
        "timeout": settings.SESSION_COOKIE_AGE,
        "warning": warning,
        "warning_minutes": warning // 60,
        "warning_seconds": warning % 60,
    }
