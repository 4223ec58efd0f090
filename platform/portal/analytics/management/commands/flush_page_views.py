"""`flush_page_views [--every SECONDS]`: write the buffered page views to the database."""

import time

from django.core.management.base import BaseCommand

from portal.analytics import counter


class Command(BaseCommand):
    help = (
        "Write the page views buffered in the shared cache to the database (once, or as a worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="keep flushing every N seconds")

    def handle(self, *args, every, **options):
        while True:
            written = counter.flush_all()
            self.stdout.write(f"Flushed {written} page views.")
            if every <= 0:
                return
            time.sleep(every)
