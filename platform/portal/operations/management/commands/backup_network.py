"""manage.py backup_network --output DIR [--with-units]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import audit
from portal.audit import actions
from portal.operations.backups import BackupError, backup_network


class Command(BaseCommand):
    help = (
        "Back up the whole network: one pg_dump of every schema and an archive of all media; "
        "with --with-units also one backup_unit folder per unit (for restore_unit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="A new or empty folder.")
        parser.add_argument(
            "--with-units", action="store_true", help="Also write a unit backup per unit."
        )

    def handle(self, *args, output, with_units, **options):
        try:
            result = backup_network(output, with_units=with_units)
        except BackupError as error:
            raise CommandError(str(error)) from error
        audit.record(
            actions.NETWORK_BACKED_UP,
            target=str(result.directory),
            details={"units": len(result.manifest["units"]), "with_units": with_units},
        )
        self.stdout.write(
            f"Network backed up to {result.directory} ({len(result.manifest['units'])} units)."
        )
