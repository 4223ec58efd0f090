"""manage.py restore_unit DIR [--replace]"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal import audit
from portal.audit import actions
from portal.operations.backups import BackupError
from portal.operations.restores import restore_unit


class Command(BaseCommand):
    help = (
        "Restore one unit from a backup_unit folder, all or nothing. An existing unit "
        "with the same code is overwritten only with --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="The folder written by backup_unit.")
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite the unit if it exists."
        )

    def handle(self, *args, directory, replace, **options):
        try:
            result = restore_unit(directory, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        unit = result.unit
        audit.record(
            actions.UNIT_RESTORED_FROM_BACKUP,
            unit=unit,
            target=str(directory),
            details={"replaced": result.replaced},
        )
        verb = "replaced" if result.replaced else "restored"
        self.stdout.write(f"Unit {unit.code} ({unit.name}) {verb} in schema {unit.schema_name}.")
        if result.pending_migrations:
            self.stdout.write(
                f"The backup predates {len(result.pending_migrations)} migration(s); applying them."
            )
            call_command("migrate_schemas", schema_name=unit.schema_name, interactive=False)
        self.stdout.write("Its ledger rows are marked for re-indexing by search.")
