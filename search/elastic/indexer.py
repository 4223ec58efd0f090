"""The outbox indexer: drains the ledger's outbox into Elasticsearch.

Publishing only marks the ledger row (`index_pending`); this worker picks the
marked rows up in batches, writes them through the alias (visible rows indexed,
withdrawn, deleted or archived-unit rows deleted) and clears the marks of the
versions it wrote. A row changed again meanwhile keeps its mark and comes
back in a later batch; when Elasticsearch does not answer, nothing is marked
and the rows wait.

The worker wakes as soon as a ledger write commits (LISTEN/NOTIFY, see
`search.outbox`; it still polls every IDLE_SECONDS), and a small batch is
written with an immediate refresh, so a publication is searchable without
waiting for the index's refresh interval. Big batches (a catch-up after an
outage, a bulk change) leave the refresh to the interval.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import streaming_bulk

from portal.publications.models import Publication

from ..outbox import OutboxListener
from .bulk import BULK_BYTES, BULK_CHUNK, actions_for
from .client import bulk_client, get_client
from .index import apply_replicas, ensure_index, rebuild_if_outdated
from .mapping import alias_name

logger = logging.getLogger(__name__)

# How long the loop waits for a notification when the outbox is empty (then it looks anyway),
# and at most after a failure.
IDLE_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
# Batches up to this size are refreshed at once (a refresh makes a small segment: cheap for a
# few rows, wasteful for every 500 of a catch-up). Writes go through the alias, so a rebuild's
# new index, not yet behind it, is never refreshed by the worker.
REFRESH_AT_ONCE_ROWS = 50


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
                max_chunk_bytes=BULK_BYTES,
                raise_on_error=False,
                refresh="true" if len(rows) <= REFRESH_AT_ONCE_ROWS else "false",
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


def run_forever(
    batch_size: int = BULK_CHUNK, idle: float = IDLE_SECONDS, stop: threading.Event | None = None
) -> None:
    """Drain; then wait for a ledger write (at most `idle` seconds); back off while
    Elasticsearch or PostgreSQL is away, but try again at once when a ledger write is
    notified. Returns once `stop` is set (checked between batches and every IDLE_SECONDS).

    First, once the node answers, an index made from an older mapping is rebuilt
    (an upgrade changed it; searches are answered by PostgreSQL until then) and the
    index gets the configured number of replicas."""
    stop = stop or threading.Event()
    backoff = idle
    mapping_checked = False
    with OutboxListener() as outbox:
        while not stop.is_set():
            try:
                if not mapping_checked:
                    rebuild_if_outdated()
                    apply_replicas(get_client())
                    mapping_checked = True
                report = drain(batch_size)
            except (TransportError, ApiError, DatabaseError) as error:
                logger.warning("Indexing failed (%s); retrying in %.1fs.", error, backoff)
                if isinstance(error, DatabaseError):
                    connection.close()  # the next try opens a new connection
                _wait(outbox, backoff, stop)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
                continue
            if report.written:
                logger.info("Indexed %s outbox rows.", report.written)
            backoff = idle
            _wait(outbox, idle, stop)


def _wait(outbox: OutboxListener, seconds: float, stop: threading.Event) -> None:
    """Until new work is notified, `stop` is set or `seconds` pass: a back-off after a failure
    ends as soon as there is something new to write (the node may be back)."""
    deadline = time.monotonic() + seconds
    while not stop.is_set():
        remaining = deadline - time.monotonic()
        if remaining <= 0 or outbox.wait(min(remaining, IDLE_SECONDS)):
            return
