"""The template schema: fully migrated, holding only what every new unit starts with."""

from __future__ import annotations

from django.db import connection
from django_tenants.utils import schema_context

from .schemas import template_schema


def ensure_schema_exists() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{template_schema()}"')


def prepare() -> None:
    """Remove Wagtail's welcome page and default Site: each unit gets its own at provisioning."""
    from wagtail.models import Page, Site

    with schema_context(template_schema()):
        Site.objects.all().delete()
        for page in Page.objects.filter(depth=2):
            page.delete()
