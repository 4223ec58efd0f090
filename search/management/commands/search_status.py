"""Show how far the Elasticsearch index is from the ledger."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError

from search.elastic import index
from search.outbox import longest_wait_seconds


class Command(BaseCommand):
    help = (
        "Compare the ledger's visible rows with the Elasticsearch index (exit 1 on drift, or "
        "while a row has waited in the outbox longer than PORTAL_SEARCH_OUTBOX_MAX_WAIT)."
    )

    def handle(self, *args, **options):
        try:
            drift = index.drift()
        except (TransportError, ApiError) as error:
            raise CommandError(f"Elasticsearch is unavailable: {error}") from error
        self.stdout.write(f"Visible ledger rows: {drift.visible}")
        self.stdout.write(f"Indexed documents:   {drift.indexed}")
        self.stdout.write(f"Waiting in outbox:   {drift.pending}")
        waited = longest_wait_seconds()
        self.stdout.write(f"Longest wait:        {waited:.0f} s")
        if drift.missing:
            self.stdout.write(f"Missing from the index (first): {drift.missing}")
        if drift.stale:
            self.stdout.write(f"In the index but hidden (first): {drift.stale}")
        if drift.outdated:
            outdated = ", ".join(drift.outdated)
            raise CommandError(
                f"Index {outdated} was made from an older mapping: run search_rebuild."
            )
        if waited > settings.PORTAL_SEARCH_OUTBOX_MAX_WAIT:
            raise CommandError(
                f"A row has waited {waited:.0f} s in the outbox (more than "
                f"{settings.PORTAL_SEARCH_OUTBOX_MAX_WAIT} s): is the search_index worker running?"
            )
        if drift.missing or drift.stale:
            raise CommandError(
                "The index differs from the ledger: run search_index (or search_rebuild)."
            )
        self.stdout.write("The index matches the ledger.")
