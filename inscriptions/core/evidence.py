"""What is logged besides the services' changes (OWASP ASVS 7.1, 7.2): in the audit log, staff
reading a dossier, each refused access to an object, and each sign-in, failure and
second-factor event (its account and instant); in the connection log (kept a year, then
purged), those sign-in events again with the client's address, as the configured proxies give
it, and the login typed."""

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
    """A sign-in, a failed one, a second-factor event: in the connection log with the address
    and what was typed as the login (kept a year, then purged), and in the audit log, sealed in
    its chain, with the account concerned and the instant only (``user`` when it is known; never
    the password, nor a code typed)."""
    account = user if getattr(user, "pk", None) else None
    ConnectionEvent.objects.create(
        user=account,
        action=action,
        data={**data, "address": client_address(request) if request is not None else ""},
    )
    AuditEntry.objects.create(
        actor=account,
        action=action,
        object_type="accounts.user",
        object_id=str(getattr(account, "pk", "") or ""),
        data={"known_account": account is not None},
    )
