"""The background worker: run the periodic commands on their schedule, forever or once."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal.operations.periodic import jobs


class Command(BaseCommand):
    help = "Run the periodic management commands (PORTAL_PERIODIC_COMMANDS) on their schedule."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every command once and exit (cron, tests)."
        )

    def handle(self, *args, once=False, **options):
        schedule = jobs()
        if once:
            failures = sum(not job.run() for job in schedule)
            if failures:
                self.stderr.write(f"{failures} of {len(schedule)} periodic command(s) failed.")
                raise SystemExit(1)
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while not stopping:
            now = time.monotonic()
            for job in schedule:
                if job.due <= now and not stopping:
                    # A long-lived process: drop connections the database closed or that aged out.
                    close_old_connections()
                    job.run()
            time.sleep(1)
