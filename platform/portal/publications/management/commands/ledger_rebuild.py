"""Rebuild the ledger rows of one unit, or of every unit, from their pages."""

from django.core.management.base import BaseCommand, CommandError

from portal.publications import ledger
from portal.tenancy.models import Unit


class Command(BaseCommand):
    help = (
        "Make the publication ledger match the units' pages (e.g. after a restore): "
        "live pages get their rows back, rows of deleted pages turn deleted. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", metavar="CODE", help="Only this unit (its code).")

    def handle(self, *args, unit=None, **options):
        units = Unit.objects.all()
        if unit:
            units = units.filter(code=unit)
            if not units.exists():
                raise CommandError(f"No unit with code {unit!r}.")
        for each in list(units):
            changes = ledger.rebuild(each)
            summary = ", ".join(f"{status}: {count}" for status, count in sorted(changes.items()))
            self.stdout.write(f"{each.code}: {summary or 'no change'}")
