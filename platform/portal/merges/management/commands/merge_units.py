"""Merge units into a surviving unit (see docs/operations.md, "Merging units")."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.merges.errors import MergeError
from portal.merges.merging import merge_units
from portal.merges.planning import COUNTED


class Command(BaseCommand):
    help = (
        "Merge the units CODE... into the unit --into: pages, files, editors, ledger rows and "
        "addresses move; the merged units are archived. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="+", metavar="CODE", help="Units to merge.")
        parser.add_argument(
            "--into", required=True, metavar="SURVIVOR_CODE", help="The surviving unit."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do the whole merge, report it, then roll it back.",
        )

    def handle(self, *args, **options):
        with translation.override("en"):
            try:
                result = merge_units(options["into"], options["codes"], dry_run=options["dry_run"])
            except MergeError as error:
                raise CommandError(str(error)) from error
        survivor = result.plan.survivor
        for code, counts in result.plan.counts.items():
            figures = ", ".join(f"{counts[name]} {name}" for name in COUNTED)
            self.stdout.write(f"{code}: {figures}; {result.moved[code]} pages written")
        verb = "Would merge" if result.dry_run else "Merged"
        self.stdout.write(
            f"{verb} {', '.join(result.plan.counts)} into {survivor.code}: "
            f"{result.ledger_live} live ledger rows, {result.redirects} redirects."
            + (" Nothing was changed (dry run)." if result.dry_run else "")
        )
