"""`editorial_report (--unit CODE | --network) --period P --format xlsx|csv --output FILE`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.reports import exports, figures
from portal.reports.periods import Period, PeriodError
from portal.tenancy.models import Unit


class Command(BaseCommand):
    help = "Write the editorial report of a unit or of the network for a month, quarter or year."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--unit", metavar="CODE", help="the unit's code, e.g. TN-HA")
        scope.add_argument(
            "--network", action="store_true", help="every active unit of the network"
        )
        parser.add_argument("--period", required=True, help="YYYY-MM, YYYY-QN or YYYY")
        parser.add_argument("--format", required=True, choices=exports.FORMATS, dest="fmt")
        parser.add_argument("--output", required=True, help="the file to write")

    def handle(self, *args, unit, network, period, fmt, output, **options):
        try:
            period = Period.parse(period)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"No unit with code {unit!r} (see `manage.py units`).")
            report = figures.unit_report(found, period)
        else:
            report = figures.network_report(period)
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        target.write_bytes(exports.export(report, fmt))
        self.stdout.write(f"Wrote {target} ({period.name}, {fmt}).")
