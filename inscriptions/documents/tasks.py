from django.utils import timezone
from django_tasks import task

from . import scanning


@task()
def scan_uploaded_file(file_id: int) -> None:
    """After each upload, when a scanner is configured: clamd's verdict on the file."""
    scanning.uploaded_file_scan(file_id=file_id, now=timezone.now())
