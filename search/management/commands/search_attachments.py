"""Read the files attached to newly published rows and make their text searchable."""

from __future__ import annotations

import contextlib
import signal
import threading

from django.core.management.base import BaseCommand

from search import attachment_queue


class Command(BaseCommand):
    help = (
        "Extract the text of attached files (PDF, DOCX; scans with OCR) of the rows waiting for it "
        "and store it for both search engines. Run by the background worker (run_periodic); "
        "--follow runs as a worker of its own, woken as soon as a row with files is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Read at most this many rows.")
        parser.add_argument(
            "--follow",
            action="store_true",
            help="Run until stopped, reading new files as soon as their rows are published.",
        )

    def handle(self, *args, limit: int | None, follow: bool, **options):
        if follow:
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            with contextlib.suppress(KeyboardInterrupt):
                attachment_queue.follow(stop)
            return
        report = attachment_queue.extract_pending(limit)
        self.stdout.write(
            f"Attachment text stored for {report.stored} rows; {report.changed} changed meanwhile "
            f"(read again next time); {report.failed} failed."
        )
