"""`manage.py bench_national_pages create|remove SCHEMA...`: the national bench's page model.

`create` publishes one NationalBenchPage under the home page of each unit
schema and prints {schema: page path} as JSON. `remove` rolls the app back in
each schema, as `migrate bench_national zero` would and more: its pages, content
types and permissions deleted, its table dropped, its migrations un-recorded.
Runs with bench/settings_national_migration.py, where the model is installed.
"""

import json

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Site

from bench.national_pages.apps import NationalPagesConfig
from bench.national_pages.models import NationalBenchPage

SLUG = "trang-do-di-tru"
APP = NationalPagesConfig.label


class Command(BaseCommand):
    help = "Create the national bench's page in unit schemas, or roll its app back in schemas."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "remove"])
        parser.add_argument("schemas", nargs="+")

    def handle(self, *args, **options):
        paths = {}
        for schema in options["schemas"]:
            with schema_context(schema), transaction.atomic():
                if options["action"] == "create":
                    NationalBenchPage.objects.filter(slug=SLUG).delete()
                    paths[schema] = _create().get_url_parts()[2]
                elif schema == get_public_schema_name():
                    _remove_from_public()
                else:
                    _remove_from_unit()
        self.stdout.write(json.dumps(paths))


def _create() -> NationalBenchPage:
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(
        instance=NationalBenchPage(
            title="Trang đo di trú",
            slug=SLUG,
            body="<p>Trang của bài đo: đọc liên tục trong khi cơ sở dữ liệu di trú.</p>",
        )
    )
    page.save_revision().publish()
    return page


def _remove_from_unit() -> None:
    """Pages through Wagtail (revisions, references), the rest by SQL: Django's collector
    would follow the permissions into the public schema's user table (the search_path)."""
    if _has_table():
        NationalBenchPage.objects.all().delete()
    ours = "SELECT id FROM django_content_type WHERE app_label = %s"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailcore_pagelogentry SET content_type_id = NULL"
            f" WHERE content_type_id IN ({ours})",
            [APP],
        )
        cursor.execute(
            "DELETE FROM auth_group_permissions WHERE permission_id IN"
            f" (SELECT id FROM auth_permission WHERE content_type_id IN ({ours}))",
            [APP],
        )
    _remove_from_public()


def _remove_from_public() -> None:
    """Permissions, content types (whatever still points at them fails the commit), the table
    if any (the public schema has none) and the migration records."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM auth_permission WHERE content_type_id IN"
            " (SELECT id FROM django_content_type WHERE app_label = %s)",
            [APP],
        )
        cursor.execute("DELETE FROM django_content_type WHERE app_label = %s", [APP])
        # The pages' deletion queued the table's deferred foreign-key checks: run them before
        # the table (and its triggers) goes.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"DROP TABLE IF EXISTS {NationalBenchPage._meta.db_table} CASCADE")
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", [APP])


def _has_table() -> bool:
    """Through the search_path, by name: listing the tables would read the whole catalog,
    which holds every unit's tables, once per schema."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [NationalBenchPage._meta.db_table])
        return cursor.fetchone()[0]
