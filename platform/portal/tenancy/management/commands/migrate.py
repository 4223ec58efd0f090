"""`migrate` is migrate_schemas, as in django-tenants (the test runner calls `migrate`)."""

from .migrate_schemas import Command  # noqa: F401
