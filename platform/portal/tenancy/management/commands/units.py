"""List every unit of the network."""

import json

from django.core.management.base import BaseCommand

from portal.tenancy.listing import unit_rows


class Command(BaseCommand):
    help = "List every unit: code, name, level, parent code, status, domains."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args, **options):
        rows = unit_rows()
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            indent = "  " * (row["depth"] - 1)
            self.stdout.write(
                f"{indent}{row['code']:<12} {row['name']:<40} {row['level']:<9} "
                f"{row['status']:<9} {', '.join(row['domains'])}"
            )
