"""Rebuild the Elasticsearch index from the ledger with no downtime."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError

from search.elastic import index


class Command(BaseCommand):
    help = "Load every visible ledger row into a new index, then swap the alias to it atomically."

    def handle(self, *args, **options):
        try:
            name, loaded = index.rebuild()
        except (TransportError, ApiError) as error:
            raise CommandError(f"Elasticsearch is unavailable: {error}") from error
        self.stdout.write(f"Rebuilt index {name}: {loaded} documents.")
