"""Searching the Elasticsearch engine in tests."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import psycopg
from django.db import connection, connections

from search.elastic.client import get_client
from search.elastic.engine import ElasticsearchEngine
from search.elastic.indexer import run_forever
from search.elastic.mapping import alias_name
from search.query import SearchQuery

# The worker's poll in tests: far longer than any wait, so only a notification can explain a
# prompt wake.
SLOW_POLL_SECONDS = 120


def refresh() -> None:
    get_client().indices.refresh(index=alias_name())


def search(text: str, unit, scope: str = "network", **filters):
    return ElasticsearchEngine().search(
        SearchQuery(text=text, scope=scope, unit_id=unit.pk, **filters)
    )


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


@contextmanager
def running_worker():
    """`run_forever` in a thread (its own database connection, outside the test's transaction)."""
    stop = threading.Event()

    def work():
        try:
            run_forever(idle=SLOW_POLL_SECONDS, stop=stop)
        finally:
            connections.close_all()

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    try:
        yield worker
    finally:
        stop.set()
        with psycopg.connect(**connection.get_connection_params(), autocommit=True) as waker:
            waker.execute("NOTIFY portal_search_outbox")  # end its wait now
        worker.join(timeout=30)
        assert not worker.is_alive()


def wait_until(condition, seconds: float) -> float | None:
    """Seconds until `condition()` held, None if it never did within `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(0.05)
    return None
