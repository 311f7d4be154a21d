"""Calendar arithmetic the regulations rely on, and the time-zone guard.

Periods "de date à date" end on the day bearing the same number in the last year; when that day
does not exist (29 February) they end on the last day of the month, as the general rule for
délais counted in years does (code de procédure civile, art. 641). Instants are compared as
timezone-aware datetimes only: a naive datetime has no meaning for a deadline "à 17h" in Paris.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def reached_age(birth: date, years: int, on: date) -> bool:
    """Whether someone born on ``birth`` is ``years`` old or more on ``on``."""
    return add_years(birth, years) <= on


def require_aware(moment: datetime, name: str) -> datetime:
    """Refuse naive datetimes: comparing them with the session's Paris dates would be wrong."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return moment


def paris_date(moment: datetime) -> date:
    """The calendar day of an aware instant in Paris (where the exam office counts days)."""
    return require_aware(moment, "moment").astimezone(PARIS).date()
