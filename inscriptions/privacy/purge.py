"""The purge (a periodic job, ``privacy.purge``): what the retention periods no longer allow is
deleted, or anonymised where the audit log must keep pointing at it, and what was done is
written to the audit log (counts only: nothing of what went is kept).

- a dossier and its files, ``RETENTION_DOSSIER_YEARS`` after its session's results: deleted,
  rows and files (the confirmation PDFs, the supporting documents, the messages' attachments);
- an account never used for a validated registration, ``RETENTION_UNUSED_ACCOUNT_MONTHS`` after
  it was last used (its sign-in, or its creation): its drafts deleted, the account anonymised;
  an account whose every dossier was deleted, likewise;
- the connection log (sign-ins, failures, second-factor attempts), after
  ``RETENTION_CONNECTION_LOG_MONTHS``: deleted.

The account is anonymised, not deleted: the audit log, which nothing may change, names its
actors by account, so the row stays, with no name, no address, no password and no way in.
"""

from datetime import datetime
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from inscriptions.accounts.models import Role, User
from inscriptions.core import retention
from inscriptions.core.models import AuditEntry, ConnectionEvent
from inscriptions.documents.models import SupportingDocument, UploadedFile
from inscriptions.notifications.models import Message, MessageAttachment, Notification
from inscriptions.registration.models import Registration, RegistrationVersion
from inscriptions.review.models import CompletionRequest, StateChange


def _delete_files(names: list[str]) -> None:
    """After the commit: a file is never deleted for rows a rollback keeps."""

    def delete() -> None:
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete, robust=True)


def delete_dossiers(registrations: Any) -> int:
    """Delete dossiers with every row and file of theirs (the caller holds the transaction)."""
    ids = list(registrations.values_list("pk", flat=True))
    if not ids:
        return 0
    files = list(
        UploadedFile.objects.filter(document__registration__in=ids).values_list("file", flat=True)
    )
    files += list(
        MessageAttachment.objects.filter(message__registration__in=ids).values_list(
            "file", flat=True
        )
    )
    files += list(
        RegistrationVersion.objects.filter(registration__in=ids).values_list(
            "confirmation", flat=True
        )
    )
    SupportingDocument.objects.filter(registration__in=ids).update(reviewed_file=None)
    UploadedFile.objects.filter(document__registration__in=ids).delete()
    SupportingDocument.objects.filter(registration__in=ids).delete()
    MessageAttachment.objects.filter(message__registration__in=ids).delete()
    Message.objects.filter(registration__in=ids).delete()
    Notification.objects.filter(registration__in=ids).delete()
    CompletionRequest.objects.filter(registration__in=ids).delete()
    StateChange.objects.filter(registration__in=ids).delete()
    RegistrationVersion.objects.filter(registration__in=ids).delete()
    Registration.objects.filter(pk__in=ids).delete()
    _delete_files(files)
    return len(ids)


def anonymise_account(user: User, *, now: datetime) -> None:
    """No name, no address, no password, no way in; its notifications, API token, second-factor
    devices and connection log deleted (the caller holds the transaction). A session still open
    ends at its next request: an inactive account is signed in no more."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rest_framework.authtoken.models import Token

    user.email = f"compte-ferme-{user.pk}@anonyme.invalid"
    user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.awaiting_activation = False
    user.closed_at = now
    user.save()
    Notification.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    ConnectionEvent.objects.filter(user=user).delete()


def _expired_sessions_year(now: datetime) -> int:
    """The latest exam year whose dossiers are past their period."""
    year = now.year - retention.periods().dossier_years - 1
    while retention.dossier_kept_until(year + 1) <= now:
        year += 1
    while retention.dossier_kept_until(year) > now:
        year -= 1
    return year


def purge_dossiers(*, now: datetime) -> int:
    expired = Registration.objects.filter(session__exam_year__lte=_expired_sessions_year(now))
    deleted = 0
    for pk in list(expired.values_list("pk", flat=True)[:1000]):
        with transaction.atomic():
            deleted += delete_dossiers(Registration.objects.filter(pk=pk))
    return deleted


def _unused_candidates(now: datetime) -> Any:
    cutoff = retention.unused_account_cutoff(now)
    return (
        User.objects.filter(role=Role.CANDIDATE, closed_at__isnull=True, is_superuser=False)
        .exclude(registrations__number__isnull=False)
        .annotate(last_used=Coalesce("last_login", "date_joined"))
        .annotate(last_draft=Max("registrations__updated_at"))
        .filter(last_used__lt=cutoff)
        .filter(Q(last_draft__isnull=True) | Q(last_draft__lt=cutoff))
    )


def purge_accounts(*, now: datetime) -> int:
    done = 0
    for user in list(_unused_candidates(now)[:1000]):
        with transaction.atomic():
            delete_dossiers(Registration.objects.filter(candidate=user))
            anonymise_account(user, now=now)
        done += 1
    return done


def purge_connection_log(*, now: datetime) -> int:
    deleted, _ = ConnectionEvent.objects.filter(
        at__lt=retention.connection_log_cutoff(now)
    ).delete()
    return deleted


def purge(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    done = {
        "dossiers": purge_dossiers(now=now),
        "accounts": purge_accounts(now=now),
        "connections": purge_connection_log(now=now),
    }
    if any(done.values()):
        # Counts only: nothing of what went is kept.
        AuditEntry.objects.create(
            actor=None, action="privacy.purge", object_type="privacy.purge", object_id="", data=done
        )
    return done
