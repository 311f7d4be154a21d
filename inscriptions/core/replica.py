"""Reads that may come from a PostgreSQL read replica (``DATABASE_REPLICA_URL``): the office's
queue, its exports and its statistics, the heaviest reads of the service, which can lag a moment
behind. Everything else, and every write, goes to the primary. Without a replica configured,
nothing changes."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings

REPLICA = "replica"
_from_replica: ContextVar[bool] = ContextVar("from_replica", default=False)

View = TypeVar("View", bound=Callable[..., Any])


def configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def from_replica() -> Iterator[None]:
    """Within it, reads go to the replica (when there is one)."""
    token = _from_replica.set(True)
    try:
        yield
    finally:
        _from_replica.reset(token)


def replica_reads(view: View) -> View:
    """A view whose reads may come from the replica."""

    @wraps(view)
    def reading(*args: Any, **kwargs: Any) -> Any:
        with from_replica():
            return view(*args, **kwargs)

    return reading  # type: ignore[return-value]


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return REPLICA if _from_replica.get() and configured() else None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return None

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # The replica follows the primary: it is never migrated by the service.
        return db != REPLICA
