"""Rows in bulk for the synthetic dossiers: PostgreSQL's COPY, else ``bulk_create``."""

import json
from collections.abc import Iterable
from typing import Any

from django.db import connection, models

BATCH = 5_000


def copy_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows (dicts by attname, ids given) as fast as the database allows."""
    fields = list(model._meta.concrete_fields)
    names = [field.attname for field in fields]
    count = 0
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        columns = ", ".join(connection.ops.quote_name(field.column or "") for field in fields)
        json_columns = {f.attname for f in fields if isinstance(f, models.JSONField)}
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: COPY
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(
                        [
                            json.dumps(row.get(name)) if name in json_columns else row.get(name)
                            for name in names
                        ]
                    )
                    count += 1
        return count
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**row))
        count += 1
        if len(batch) >= BATCH:
            model._default_manager.bulk_create(batch)
            batch = []
    if batch:
        model._default_manager.bulk_create(batch)
    return count


def reset_sequences(models_: list[type[models.Model]]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )
