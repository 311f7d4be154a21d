"""What is logged besides the services' changes (OWASP ASVS 7.1, 7.2): in the audit log, staff
reading a dossier and each refused access to an object; in the connection log (kept a year, then
purged), sign-ins and their failures and second-factor events; each with the actor, the instant
and the client's address as the configured proxies give it."""

from typing import Any

from django.http import HttpRequest

from .models import AuditEntry, ConnectionEvent, audit


def client_address(request: HttpRequest) -> str:
    """The address through the trusted proxies only (``AXES_PROXY_COUNT``), as the login
    limits count it."""
    from axes.helpers import get_client_ip_address

    return str(get_client_ip_address(request) or "")


def _actor(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def dossier_read(request: HttpRequest, registration: Any, *, how: str) -> None:
    """A staff read of a dossier: its page, the API's dossier or history."""
    audit(
        actor=_actor(request),
        action="dossier.view",
        obj=registration,
        how=how,
        address=client_address(request),
    )


def access_refused(request: HttpRequest, *, object_type: str, object_id: Any) -> None:
    """A request for an object that is not the user's, or out of their scope (answered 404)."""
    AuditEntry.objects.create(
        actor=_actor(request),
        action="access.refused",
        object_type=object_type,
        object_id=str(object_id)[:40],
        data={"address": client_address(request), "path": request.path[:200]},
    )


def account_event(
    request: HttpRequest | None, *, action: str, user: Any = None, **data: object
) -> None:
    """A sign-in, a failed one, a second-factor event, in the connection log: ``user`` is the
    account concerned when it is known (never the password, nor a code typed)."""
    ConnectionEvent.objects.create(
        user=user if getattr(user, "pk", None) else None,
        action=action,
        data={**data, "address": client_address(request) if request is not None else ""},
    )
