"""The catalogue's facts, kept in each process's memory across requests.

Every screen of the wizard asks the rules, and the rules need the chosen diploma's units and
languages, the academies and their departments: the same few rows for every candidate, changed
only when an administrator edits the catalogue or the reference is imported again. Reading them
again on each request was a third of a registration's queries.

Each process keeps what it built in a dictionary. Any write to the catalogue (the models below,
through the admin site, the reference import or code) empties it at once in the writing process,
and bumps a generation number in Django's shared cache when the transaction commits. The other
processes compare that number at most once a second and start afresh when it moved. The shared
cache is Redis in production (``REDIS_URL``); with the default in-process cache a process learns
of another's edit only when its own copy reaches ``CATALOGUE_CACHE_MAX_AGE`` seconds.
"""

import logging
import threading
import time
import uuid
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)
GENERATION_KEY = "catalogue:generation"
CHECK_SECONDS = 1.0

T = TypeVar("T")
_clock = time.monotonic

_lock = threading.Lock()
_values: dict[Hashable, Any] = {}
# ``built_at`` None: no copy yet, its life starts at the next read.
_state: dict[str, Any] = {"generation": None, "checked_at": float("-inf"), "built_at": None}


def _max_age() -> float:
    return float(getattr(settings, "CATALOGUE_CACHE_MAX_AGE", 300))


def _refresh(now: float) -> None:
    """Start afresh if another process changed the catalogue, or if the copy is too old."""
    if now - _state["checked_at"] < CHECK_SECONDS:
        return
    try:
        generation = cache.get(GENERATION_KEY)
    except Exception:  # a shared cache out of reach: the copy lives until its maximum age
        logger.warning("catalogue cache: the shared cache did not answer", exc_info=True)
        generation = _state["generation"]
    with _lock:
        built_at = _state["built_at"]
        if generation != _state["generation"] or built_at is None or now - built_at > _max_age():
            _values.clear()
            _state.update(generation=generation, built_at=now)
        _state["checked_at"] = now


def memoized(key: Hashable, build: Callable[[], T]) -> T:
    """The value kept under ``key``, built (from the database) when this process has none.

    What is kept is shared by every request of the process: callers must not change it.
    """
    _refresh(_clock())
    try:
        return _values[key]  # type: ignore[no-any-return]
    except KeyError:
        value = build()
        with _lock:
            _values[key] = value
        return value


def clear_local() -> None:
    """Forget this process's copy (the next read rebuilds it)."""
    with _lock:
        _values.clear()
        _state.update(checked_at=float("-inf"), built_at=None)


def _bump() -> None:
    clear_local()
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # the edit is saved; the other workers see it at their copies' maximum age
        logger.warning("catalogue cache: the shared cache did not answer", exc_info=True)


def invalidate() -> None:
    """The catalogue changed: every process rebuilds its copy.

    This process forgets its copy at once (what it reads next in the transaction is the new
    catalogue), and again when the transaction commits, when the other processes are told: told
    earlier, they could rebuild from the rows as they were before the commit.
    """
    clear_local()
    transaction.on_commit(_bump, robust=True)


def changed(**_kwargs: Any) -> None:
    """A signal's receiver: a catalogue row was saved or deleted."""
    invalidate()
