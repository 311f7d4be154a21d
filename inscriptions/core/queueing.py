"""Work that survives faults: a task queued with the change it follows, and sent once.

``enqueue_with(task, *args)``: with the database queue (``TASK_BACKEND=database``) the task's row
is written in the change's own transaction (an outbox: both commit, or neither); with another
queue it is queued once the transaction commits, and a failure to queue then is logged, never
turned into an error answer for a change already committed (the periodic sweeps queue again what
a committed change still lacks).

``claim_sending`` / ``sent`` / ``release_sending``: a message sent at most once however many times
its task runs (a retry, two workers): the row is claimed before sending, marked sent after; a
claim older than ``stale`` (its worker died) may be taken again.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model, Q

logger = logging.getLogger("inscriptions.queueing")


def enqueue_with(task: Any, *args: Any) -> None:
    if settings.TASK_BACKEND == "database":
        task.enqueue(*args)
        return

    def enqueue() -> None:
        task.enqueue(*args)

    transaction.on_commit(enqueue, robust=True)


def claim_sending(
    model: type[Model], pk: int, *, started: str, done: str, now: datetime, stale: timedelta
) -> bool:
    """True when the caller is to send (nobody sent it, nobody is sending it)."""
    claimed = (
        model._default_manager.filter(pk=pk, **{f"{done}__isnull": True})
        .filter(Q(**{f"{started}__isnull": True}) | Q(**{f"{started}__lt": now - stale}))
        .update(**{started: now})
    )
    return claimed == 1


def sent(model: type[Model], pk: int, *, done: str, now: datetime) -> None:
    model._default_manager.filter(pk=pk).update(**{done: now})


def release_sending(model: type[Model], pk: int, *, started: str) -> None:
    """The sending failed: the next try may send."""
    model._default_manager.filter(pk=pk).update(**{started: None})
