"""migrate_schemas over the public schema, the template schema and every unit.

Differs from django-tenants' command in four ways: the template schema is
always included; schemas with nothing to apply are skipped (checked with one
query each instead of a full `migrate` run); the rest run in parallel; the
system checks run once, not once per schema.
"""

import os

from django.conf import settings
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand
from django_tenants.migration_executors import get_executor
from django_tenants.utils import get_public_schema_name, get_tenant_model

from portal.tenancy import schema_pool, template
from portal.tenancy.migration_plan import schemas_needing_migration
from portal.tenancy.schemas import template_schema


class Command(MigrateSchemasCommand):
    help = "Migrate the public schema, the template schema and every unit's schema."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--all-schemas",
            action="store_true",
            help="Run migrate in every schema, even those with nothing to apply.",
        )

    def handle(self, *args, **options):
        targeted = options.get("schema_name") or options.get("app_label") or options.get("fake")
        if targeted:
            return super().handle(*args, **options)
        # SyncCommon.handle parses the shared options (sync_public, sync_tenant, executor...).
        super(MigrateSchemasCommand, self).handle(*args, **options)
        # The system checks ran once, for this command: not again in every schema's migrate.
        self.options["skip_checks"] = True
        public = get_public_schema_name()
        if self.sync_public:
            get_executor(codename=self.executor)(self.args, self.options).run_migrations(
                tenants=[public]
            )
        if not self.sync_tenant:
            return
        template.ensure_schema_exists()
        with template.locked_for_migration():
            self._migrate_tenant_schemas(options)
            template.prepare()
        dropped = schema_pool.discard_stale()
        made = schema_pool.fill()
        if dropped or made:
            self.stdout.write(f"Spare schemas: {dropped} outdated one(s) dropped, {made} cloned.")

    def _migrate_tenant_schemas(self, options) -> None:
        public = get_public_schema_name()
        units = list(
            get_tenant_model()
            .objects.exclude(schema_name=public)
            .values_list("schema_name", flat=True)
        )
        schemas = [template_schema(), *units]
        todo = schemas if options["all_schemas"] else schemas_needing_migration(schemas)
        skipped = len(schemas) - len(todo)
        if skipped:
            self.stdout.write(f"{skipped} schema(s) already up to date, skipped.")
        if todo:
            workers = settings.PORTAL_MIGRATION_WORKERS or os.cpu_count() or 1
            codename = self.executor or (
                "multiprocessing" if len(todo) > 1 and workers > 1 else None
            )
            settings.TENANT_MULTIPROCESSING_MAX_PROCESSES = workers
            get_executor(codename=codename)(self.args, self.options).run_migrations(tenants=todo)
