"""Drain the ledger's outbox into Elasticsearch: once, or as a long-running worker."""

from __future__ import annotations

import contextlib
import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError

from search.elastic import index, indexer


class Command(BaseCommand):
    help = (
        "Keep the Elasticsearch index current from the ledger's outbox. Without options it runs "
        "until stopped; --once drains what is waiting and exits; --rebuild loads a new index and "
        "swaps the alias (no downtime)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Drain the outbox once and exit.")
        parser.add_argument(
            "--rebuild", action="store_true", help="Rebuild the whole index first (zero downtime)."
        )
        parser.add_argument(
            "--batch-size", type=int, default=indexer.BULK_CHUNK, help="Rows per bulk request."
        )

    def handle(self, *args, once: bool, rebuild: bool, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            if rebuild:
                name, loaded = index.rebuild()
                self.stdout.write(f"Rebuilt index {name}: {loaded} documents.")
            if once or rebuild:
                report = indexer.drain(batch_size)
                self.stdout.write(f"Indexed {report.written} outbox rows; {report.failed} refused.")
                if report.failed:
                    raise CommandError(f"Elasticsearch refused {report.failed} rows; see the log.")
                return
        except (TransportError, ApiError) as error:
            raise CommandError(f"Elasticsearch is unavailable: {error}") from error
        self.stdout.write("Indexing the outbox continuously (Ctrl+C to stop).")
        stop = threading.Event()
        # A service manager's stop (SIGTERM) lets the batch in hand finish and clear its marks.
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):
            indexer.run_forever(batch_size, stop=stop)
        self.stdout.write("Stopped; rows still waiting keep their outbox mark.")
