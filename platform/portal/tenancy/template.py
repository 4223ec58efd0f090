"""The template schema: fully migrated, holding only what every new unit starts with."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager

from django.db import connection
from django_tenants.utils import schema_context

from . import clone_script
from .schemas import template_schema

# Advisory lock on the template: shared by clones, exclusive while migrating,
# so no clone ever copies a half-migrated template.
TEMPLATE_LOCK = 7_411_000


def ensure_schema_exists() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{template_schema()}"')


def prepare() -> None:
    """Make the template ready to clone.

    Removes Wagtail's welcome page and default Site: each unit gets its own at
    provisioning.
    """
    from wagtail.models import Page, Site

    with schema_context(template_schema()):
        Site.objects.all().delete()
        for page in Page.objects.filter(depth=2):
            page.delete()


def fingerprint() -> str:
    """A digest of the migrations applied to the template schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT app, name FROM "{template_schema()}".django_migrations ORDER BY app, name'
        )
        rows = cursor.fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def clone(new_schema: str) -> None:
    """Create `new_schema` as a copy of the template, structure and rows (call in a transaction).

    The foreign keys into the shared tables come last: adding one locks the
    table it points to until the transaction ends (see clone_script).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [TEMPLATE_LOCK])
        script = clone_script.for_fingerprint(fingerprint())
        cursor.execute(script.render(new_schema))
        if foreign_keys_out := script.render_foreign_keys_out(new_schema):
            cursor.execute(foreign_keys_out)


@contextmanager
def locked_for_migration():
    """Hold the template exclusively while it is migrated.

    The lock lives in a connection of its own: the parallel migration executor
    closes Django's connection before forking its workers.
    """
    lock_connection = connection.get_new_connection(connection.get_connection_params())
    try:
        lock_connection.autocommit = True
        lock_connection.execute("SELECT pg_advisory_lock(%s)", [TEMPLATE_LOCK])
        try:
            yield
        finally:
            # Explicitly: a closed connection's server process may hold it a while longer.
            lock_connection.execute("SELECT pg_advisory_unlock(%s)", [TEMPLATE_LOCK])
    finally:
        lock_connection.close()
