"""The outbox indexer: drains the ledger's outbox into Elasticsearch.

Publishing only marks the ledger row (`index_pending`); this worker picks the
marked rows up in batches, writes them through the alias (visible rows indexed,
withdrawn, deleted or archived-unit rows deleted) and clears the marks of the
versions it wrote. A row changed again meanwhile keeps its mark and comes
back in a later batch; when Elasticsearch does not answer, nothing is marked
and the rows wait.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import streaming_bulk

from portal.publications.models import Publication

from .bulk import BULK_CHUNK, actions_for
from .client import bulk_client, get_client
from .index import ensure_index
from .mapping import alias_name

logger = logging.getLogger(__name__)

# How long the loop sleeps when the outbox is empty, and at most after a failure.
IDLE_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 30.0


@dataclass
class DrainReport:
    written: int = 0  # rows whose outbox mark was cleared
    failed: int = 0  # rows Elasticsearch refused (they stay marked)


def drain_batch(batch_size: int = BULK_CHUNK) -> DrainReport:
    """Write one batch of marked rows and clear the marks of the versions written.

    Raises the client's TransportError/ApiError when Elasticsearch cannot be
    reached; the transaction then rolls back and every row keeps its mark.
    """
    report = DrainReport()
    client = get_client()
    with transaction.atomic():
        rows = Publication.objects.pending_for_indexing(batch_size)
        if not rows:
            return report
        ensure_index(client)
        by_position = {}
        for position, (ok, item) in enumerate(
            streaming_bulk(
                bulk_client(client),
                actions_for(rows, alias_name()),
                chunk_size=batch_size,
                raise_on_error=False,
            )
        ):
            row = rows[position]
            if ok or item.get("delete", {}).get("status") == 404:
                by_position[row.pk] = row.version
            else:
                report.failed += 1
                logger.error("Elasticsearch refused publication %s: %s", row.pk, item)
        report.written = Publication.objects.mark_indexed(by_position)
    return report


def drain(batch_size: int = BULK_CHUNK) -> DrainReport:
    """Drain until the outbox has no row this worker can take (refused rows stay marked)."""
    total = DrainReport()
    while True:
        report = drain_batch(batch_size)
        total.written += report.written
        total.failed += report.failed
        if report.written == 0:
            return total


def run_forever(batch_size: int = BULK_CHUNK, idle: float = IDLE_SECONDS) -> None:
    """Drain; sleep `idle` seconds when idle; back off while Elasticsearch or PostgreSQL is away."""
    backoff = idle
    while True:
        try:
            report = drain(batch_size)
        except (TransportError, ApiError, DatabaseError) as error:
            logger.warning("Indexing failed (%s); retrying in %.1fs.", error, backoff)
            if isinstance(error, DatabaseError):
                connection.close()  # the next try opens a new connection
            time.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            continue
        if report.written:
            logger.info("Indexed %s outbox rows.", report.written)
        backoff = idle
        time.sleep(idle)
