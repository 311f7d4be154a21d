"""A candidate closes their account (RGPD art. 17), when nothing of theirs must be kept: their
drafts are deleted, the account anonymised (``purge.anonymise_account``), the closure audited."""

from datetime import datetime

from django.db import transaction

from inscriptions import abilities
from inscriptions.accounts.models import User
from inscriptions.core.models import AuditEntry
from inscriptions.core.refusals import ServiceRefused
from inscriptions.registration.models import Registration

from . import purge


def account_close(*, user: User, now: datetime) -> None:
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        can = abilities.account_abilities(locked)
        if not can.close:
            raise ServiceRefused(str(can.close_refused))
        drafts = purge.delete_dossiers(Registration.objects.filter(candidate=locked))
        purge.anonymise_account(locked, now=now)
        AuditEntry.objects.create(
            actor=locked,
            action="account.closed",
            object_type="accounts.user",
            object_id=str(locked.pk),
            data={"drafts_deleted": drafts},
        )
