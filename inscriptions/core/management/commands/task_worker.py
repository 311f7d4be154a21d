"""The database queue's worker (django-tasks-db's ``db_worker``), made to outlive the database:
when PostgreSQL is out of reach (a restart, a failover) it waits and connects again instead of
exiting, so no task is left without a worker while the supervisor notices."""

import logging
import time
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("inscriptions.tasks")

RECONNECT_SECONDS = 2.0


class Command(db_worker.Command):
    help = (
        "Exécute les tâches de la file en base (TASK_BACKEND=database) ; attend et se reconnecte "
        "quand la base de données est injoignable, au lieu de s'arrêter."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                super().handle(*args, **options)
                return
            except (OperationalError, InterfaceError) as error:
                logger.warning("Task worker: the database is out of reach (%s); waiting", error)
                connections.close_all()
                time.sleep(RECONNECT_SECONDS)
