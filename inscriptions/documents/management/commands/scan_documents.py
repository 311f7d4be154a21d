"""Queue again the files the antivirus has not judged yet (clamd was down, or a worker died)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from inscriptions.core.files import antivirus
from inscriptions.documents.models import ScanStatus, UploadedFile
from inscriptions.documents.tasks import scan_uploaded_file


class Command(BaseCommand):
    help = "Soumet à l'antivirus les fichiers déposés qui n'ont pas encore été analysés."

    def handle(self, *args: Any, **options: Any) -> None:
        scanner = antivirus.configured_scanner()
        if scanner is None:
            raise CommandError("Aucun antivirus n'est configuré (CLAMD_SOCKET ou CLAMD_HOST).")
        if not scanner.ping():
            raise CommandError("clamd ne répond pas.")
        waiting = UploadedFile.objects.filter(
            scan_status__in=[ScanStatus.PENDING, ScanStatus.FAILED]
        ).values_list("pk", flat=True)
        count = 0
        for file_id in waiting:
            scan_uploaded_file.enqueue(file_id)
            count += 1
        self.stdout.write(f"{count} fichier(s) soumis à l'antivirus.")
