"""manage.py backup_unit CODE --output DIR"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import audit
from portal.audit import actions
from portal.operations.backups import BackupError, backup_unit
from portal.tenancy.models import Unit


class Command(BaseCommand):
    help = "Back up one unit (schema, media, ledger rows, domains) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The unit's code (manage.py units lists them).")
        parser.add_argument("--output", required=True, type=Path, help="A new or empty folder.")

    def handle(self, *args, code, output, **options):
        try:
            result = backup_unit(code, output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        audit.record(
            actions.UNIT_BACKED_UP,
            unit=Unit.objects.filter(code=code).first(),
            target=str(result.directory),
            details={"counts": result.manifest["counts"]},
        )
        counts = ", ".join(f"{value} {name}" for name, value in result.manifest["counts"].items())
        self.stdout.write(f"Unit {code} backed up to {result.directory} ({counts}).")
