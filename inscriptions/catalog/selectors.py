from datetime import datetime

from .models import ExamSession, ExamSessionQuerySet


def sessions_open_at(moment: datetime) -> ExamSessionQuerySet:
    return (
        ExamSession.objects.open_at(moment)
        .select_related("academy")
        .order_by("registration_closes_at", "academy__name")
    )


def sessions_upcoming_at(moment: datetime) -> ExamSessionQuerySet:
    return (
        ExamSession.objects.upcoming_at(moment)
        .select_related("academy")
        .order_by("registration_opens_at", "academy__name")
    )


def all_sessions() -> ExamSessionQuerySet:
    return ExamSession.objects.select_related("academy").order_by("-exam_year", "academy__name")
