"""The statistics page's figures as last counted (``statistics.count_and_keep``, run by a task):
no request counts a million dossiers."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from . import statistics, tasks
from .statistics import Counted

# A count that did not finish in this time (its worker died) may be asked again.
STALE_COUNTING_SECONDS = 600


def kept_figures(user: Any, *, session: int | None, now: datetime) -> tuple[Counted | None, bool]:
    """The figures last counted for the user's scope, and whether newer ones are being counted
    (when they are older than ``STATISTICS_MAX_AGE_SECONDS``, or were never counted: None)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = statistics.figures_key(user, session, language)
    max_age = timedelta(seconds=settings.STATISTICS_MAX_AGE_SECONDS)
    kept = cache.get(key)
    if kept is not None and now - kept.counted_at < max_age:
        return kept, False
    if cache.add(f"{key}:counting", 1, timeout=STALE_COUNTING_SECONDS):
        tasks.count_office_figures.enqueue(user.pk, session, language)
        # With tasks run inline (the newcomer's default), they are counted already.
        kept = cache.get(key) or kept
    fresh = kept is not None and now - kept.counted_at < max_age
    return kept, not fresh
