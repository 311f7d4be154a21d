from django.utils import timezone
from django_tasks import task

from . import deadlines


@task()
def expire_completion_request(request_id: int) -> None:
    """Queued for the request's deadline: at the deadline, an unanswered request makes the
    dossier non conforme (002 §II ④ « A défaut, votre inscription sera refusée »)."""
    deadlines.completion_expire(request_id=request_id, now=timezone.now())
