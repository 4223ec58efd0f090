"""Which schemas have migrations left to apply, found with one cheap query each."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.loader import MigrationLoader


def expected_migrations() -> set[tuple[str, str]]:
    """Every migration of the project: each schema records all of them as applied."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.graph.nodes)


def schemas_needing_migration(schemas: list[str]) -> list[str]:
    expected = expected_migrations()
    pending = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables"
            " WHERE table_name = 'django_migrations'"
        )
        migrated = {row[0] for row in cursor.fetchall()}
        for schema in schemas:
            if schema not in migrated:
                pending.append(schema)
                continue
            cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations')
            if not expected <= set(cursor.fetchall()):
                pending.append(schema)
    return pending
