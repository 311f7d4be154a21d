"""The audit log as evidence (OWASP ASVS 7.3.3): entries chained by hash, each day's last digest
signed, and a verification that says where the chain breaks.

Entries are written by many transactions at once, so they are not chained as they are written
(that would make every change of the service wait for one lock). The sealing job takes, in the
order of their numbers, the entries committed long enough ago (``SEAL_AFTER``) and not yet
sealed, and gives each its digest: sha256 of the previous seal's digest and of the entry's
canonical form. ``verify`` recomputes every digest from the first seal, and checks each day's
signature.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditDigest, AuditEntry, AuditSeal

GENESIS = "0" * 64
# An entry is sealed once this old: a transaction still open when the job runs commits before.
SEAL_AFTER = timedelta(seconds=60)
BATCH = 5000


def payload(entry: AuditEntry) -> bytes:
    """The entry's canonical form: every field that says what happened."""
    return json.dumps(
        {
            "id": entry.pk,
            "at": entry.at.isoformat(),
            "actor": entry.actor_id,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "data": entry.data,
            "registration": entry.registration_id,
            "version": entry.version,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    ).encode()


def chained(previous: str, entry: AuditEntry) -> str:
    return hashlib.sha256(previous.encode() + payload(entry)).hexdigest()


def _signing_key() -> bytes:
    key = settings.AUDIT_SIGNING_KEY or f"audit-chain:{settings.SECRET_KEY}"
    return key.encode()


def signature(day: date, seal_id: int, digest: str) -> str:
    message = f"{day.isoformat()}:{seal_id}:{digest}".encode()
    return hmac.new(_signing_key(), message, hashlib.sha256).hexdigest()


def _lock_chain() -> None:
    """One sealer at a time (SQLite writes one transaction at a time already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(7243011)")


def seal_pending(*, now: datetime) -> int:
    """Seal the entries committed before ``now - SEAL_AFTER`` and not sealed yet; sign each day
    that ended. Returns how many entries were sealed (safe to run at any time, and twice)."""
    sealed = 0
    while True:
        with transaction.atomic():
            _lock_chain()
            last = AuditSeal.objects.order_by("-pk").first()
            previous = last.digest if last else GENESIS
            pending = list(
                AuditEntry.objects.filter(seal__isnull=True, at__lte=now - SEAL_AFTER).order_by(
                    "pk"
                )[:BATCH]
            )
            for entry in pending:
                previous = chained(previous, entry)
                AuditSeal.objects.create(entry=entry, digest=previous)
            sealed += len(pending)
            _sign_days(now=now)
        if len(pending) < BATCH:
            return sealed


def _sign_days(*, now: datetime) -> None:
    """Each day that ended gets its last digest signed (once)."""
    today = timezone.localdate(now)
    signed = AuditDigest.objects.order_by("-day").values_list("day", flat=True).first()
    last = AuditSeal.objects.order_by("-pk").first()
    if last is None:
        return
    day = timezone.localdate(last.sealed_at) if signed is None else signed + timedelta(days=1)
    while day < today:
        until = timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))
        seal = AuditSeal.objects.filter(sealed_at__lt=until).order_by("-pk").first()
        if seal is not None:
            AuditDigest.objects.create(
                day=day,
                last_seal=seal,
                digest=seal.digest,
                signature=signature(day, seal.pk, seal.digest),
            )
        day += timedelta(days=1)


@dataclass(frozen=True)
class Verification:
    seals: int
    broken_at: int | None = None
    reason: str = ""
    unsealed: int = 0

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify() -> Verification:
    """Recompute the chain from its first seal; the first seal whose digest differs, or the
    first day whose signature does not match, says where it was rewritten."""
    previous = GENESIS
    count = 0
    seals = AuditSeal.objects.select_related("entry").order_by("pk").iterator(chunk_size=2000)
    signed = set(AuditDigest.objects.values_list("last_seal_id", flat=True))
    digests: dict[int, str] = {}
    for seal in seals:
        count += 1
        previous = chained(previous, seal.entry)
        if previous != seal.digest:
            return Verification(count, seal.pk, "digest", _unsealed())
        if seal.pk in signed:
            digests[seal.pk] = seal.digest
    for day in AuditDigest.objects.order_by("day"):
        expected = signature(day.day, day.last_seal_id, day.digest)
        if (
            not hmac.compare_digest(expected, day.signature)
            or digests.get(day.last_seal_id) != day.digest
        ):
            return Verification(count, day.last_seal_id, f"signature {day.day}", _unsealed())
    return Verification(count, unsealed=_unsealed())


def _unsealed() -> int:
    return AuditEntry.objects.filter(seal__isnull=True).count()
