"""Read the files attached to newly published rows and make their text searchable."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search.attachment_queue import extract_pending


class Command(BaseCommand):
    help = (
        "Extract the text of attached files (PDF, DOCX; scans with OCR) of the rows waiting for it "
        "and store it for both search engines. Run by the background worker (run_periodic)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Read at most this many rows.")

    def handle(self, *args, limit: int | None, **options):
        report = extract_pending(limit)
        self.stdout.write(
            f"Attachment text stored for {report.stored} rows; {report.changed} changed meanwhile "
            f"(read again next time); {report.failed} failed."
        )
