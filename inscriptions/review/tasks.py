from django.utils import timezone
from django_tasks import task

from . import deadlines, export_builds


@task()
def expire_completion_request(request_id: int) -> None:
    """Queued for the request's deadline: at the deadline, an unanswered request makes the
    dossier non conforme (002 §II ④ « A défaut, votre inscription sera refusée »)."""
    deadlines.completion_expire(request_id=request_id, now=timezone.now())


@task()
def build_office_export(export_id: int) -> None:
    """A large export of the queue's list, written outside any request."""
    export_builds.export_build(export_id)


@task()
def count_office_figures(user_id: int, session: int | None, language: str) -> None:
    """The statistics page's figures, counted outside any request and kept for the scope."""
    from inscriptions.accounts.models import User

    from . import statistics

    user = User.objects.get(pk=user_id)
    statistics.count_and_keep(user, session=session, language=language, now=timezone.now())
