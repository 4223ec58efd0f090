"""Schema names and the template schema every unit is cloned from."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection

PREFIX = "u_"


def schema_name_for_code(code: str) -> str:
    """`79-Q1` -> `u_79_q1`: lower case, '-' as '_', always a valid identifier."""
    return PREFIX + re.sub(r"[^a-z0-9_]", "_", code.lower())


def template_schema() -> str:
    return settings.PORTAL_TEMPLATE_SCHEMA


def existing_schemas() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace")
        return {row[0] for row in cursor.fetchall()}
