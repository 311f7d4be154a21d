"""The office's figures: dossiers by state, specialty and category, and validations per day.

Grouped queries on the dossier table alone (the specialty's name joined from its small table),
in the user's scope (``registration.selectors.dossiers_in_scope``), for one session or all:
four queries whatever the number of dossiers. The days are Paris days. The page shows them as
last counted by a task, kept ``STATISTICS_MAX_AGE_SECONDS`` (``kept_figures``).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from inscriptions.accounts.models import Role
from inscriptions.core.replica import from_replica
from inscriptions.registration.models import Registration, State
from inscriptions.registration.selectors import dossiers_in_scope
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

PARIS = ZoneInfo("Europe/Paris")
TOP_SPECIALTIES = 10
DAYS = 30


@dataclass(frozen=True)
class Line:
    label: str
    count: int
    share: float  # percentage of the total, 0 when there is no dossier
    key: str = ""


@dataclass(frozen=True)
class Day:
    day: date
    first: int  # dossiers validated for the first time that day
    modified: int  # dossiers whose latest validation, a modification, is of that day


@dataclass(frozen=True)
class Figures:
    total: int
    by_state: list[Line]
    by_specialty: list[Line]
    by_category: list[Line]
    per_day: list[Day]


def _line(label: str, count: int, total: int, key: str = "") -> Line:
    return Line(label=label, count=count, share=100 * count / total if total else 0.0, key=key)


def _counts(dossiers: QuerySet[Registration], field: str) -> dict[Any, int]:
    rows = dossiers.order_by().values_list(field).annotate(count=Count("pk"))
    return dict(rows)


def _by_specialty(dossiers: QuerySet[Registration], total: int, top: int) -> list[Line]:
    rows = list(
        dossiers.order_by()
        .values_list("specialty_id", "specialty__name", "specialty__option")
        .annotate(count=Count("pk"))
        .order_by("-count", "specialty__name", "specialty__option")
    )
    lines = [
        _line(f"{name} — {option}" if option else name or _("Sans spécialité"), count, total)
        for _pk, name, option, count in rows[:top]
    ]
    rest = rows[top:]
    if rest:
        label = _("Autres spécialités (%(number)s)") % {"number": len(rest)}
        lines.append(_line(label, sum(row[3] for row in rest), total, key="rest"))
    return lines


def _per_day(dossiers: QuerySet[Registration], *, now: datetime, days: int) -> list[Day]:
    """One query: a count per Paris day between that day's midnights, computed here (so a
    daylight-saving day has its 23 or 25 hours), instead of converting each row's time in the
    database, which SQLite can only do through a Python function called for every row."""
    first_day = now.astimezone(PARIS).date() - timedelta(days=days - 1)
    midnights = [
        datetime.combine(first_day + timedelta(days=offset), time.min, tzinfo=PARIS)
        for offset in range(days + 1)
    ]

    def within(field: str, offset: int) -> Q:
        return Q(**{f"{field}__gte": midnights[offset], f"{field}__lt": midnights[offset + 1]})

    counts: dict[str, Any] = {}
    for offset in range(days):
        counts[f"first_{offset}"] = Count("pk", filter=within("first_validated_at", offset))
        counts[f"modified_{offset}"] = Count(
            "pk", filter=within("last_validated_at", offset) & Q(version__gt=1)
        )
    recent = Q(first_validated_at__gte=midnights[0]) | Q(last_validated_at__gte=midnights[0])
    found = dossiers.filter(recent).order_by().aggregate(**counts)
    return [
        Day(
            day=first_day + timedelta(days=offset),
            first=found[f"first_{offset}"],
            modified=found[f"modified_{offset}"],
        )
        for offset in range(days)
    ]


def office_figures(
    user: Any, *, session: int | None, now: datetime, top: int = TOP_SPECIALTIES
) -> Figures:
    """The figures of the dossiers this user may see, of one session or of all."""
    dossiers = dossiers_in_scope(user)
    if session:
        dossiers = dossiers.filter(session_id=session)
    states = _counts(dossiers, "state")
    total = sum(states.values())
    by_state = [
        _line(str(label), states.get(value, 0), total, key=value)
        for value, label in State.choices
        if value != State.DRAFT
    ]
    categories = _counts(dossiers, "category")
    by_category = [
        _line(_(labels.label(category)), categories.get(category.value, 0), total, key=category)
        for category in rf.Category
    ]
    known = {category.value for category in rf.Category}
    unknown = sum(count for key, count in categories.items() if key not in known)
    if unknown:
        by_category.append(_line(_("Non renseignée"), unknown, total, key="unknown"))
    return Figures(
        total=total,
        by_state=by_state,
        by_specialty=_by_specialty(dossiers, total, top),
        by_category=by_category,
        per_day=_per_day(dossiers, now=now, days=DAYS),
    )


# --- Kept between requests: at a million dossiers the figures take seconds to count, so no
# request counts them; a task does, and its result is kept in the shared cache for everyone of
# the same scope, shown with when it was counted.


@dataclass(frozen=True)
class Counted:
    figures: Figures
    counted_at: datetime


def figures_key(user: Any, session: int | None, language: str) -> str:
    specialties = "*"
    if user.role != Role.ACADEMY_ADMIN:
        specialties = ",".join(
            str(pk) for pk in sorted(user.specialties.values_list("pk", flat=True))
        )
    return f"office-figures:{user.academy_id}:{specialties}:{session or 'all'}:{language}"


def count_and_keep(user: Any, *, session: int | None, language: str, now: datetime) -> Counted:
    """Count the figures (in ``language``) and keep them for the user's scope."""
    with translation.override(language), from_replica():
        counted = Counted(office_figures(user, session=session, now=now), now)
    key = figures_key(user, session, language)
    cache.set(key, counted, timeout=settings.STATISTICS_MAX_AGE_SECONDS * 12)
    cache.delete(f"{key}:counting")
    return counted
