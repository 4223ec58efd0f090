"""Results of recent searches, kept until anything they could show changes.

At the peak of a big event thousands of visitors search the same few words,
and each search costs tens of milliseconds of database or Elasticsearch time.
A page of results is kept in the shared cache under the query (portal, scope,
filters, page) and the network's ledger mark (`portal.syndication.marks`):
every ledger write, every change of a unit and every new attachment text
bumps that mark, so a kept result never outlives a change of what it shows
(by more than the marks' MEMO_SECONDS in other processes).

PostgreSQL searches the ledger's own rows, so its results are current as soon
as the write commits. Elasticsearch follows the ledger through the indexer and
a refresh; its results are kept only when no row waits for the indexer and the
last change is older than the index's refresh (SETTLE_SECONDS), and for at
most ELASTICSEARCH_SECONDS: the rows of a large catch-up batch become visible
up to a refresh after their mark is cleared, and that short a life bounds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone

from portal.syndication import marks

from .outbox import longest_wait_seconds
from .query import SearchQuery, SearchResults

KEEP_SECONDS = 600
ELASTICSEARCH_SECONDS = 60
SETTLE_SECONDS = 2.0  # the index's refresh interval (1 s) and the indexer's wake-up


def _key(engine_name: str, mark, query: SearchQuery) -> str:
    # The mark's time as well as its counter: a counter bumped by a write that rolled back
    # comes again with the next write, at another time.
    changed = mark.changed_at.timestamp() if mark.changed_at else 0
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    return f"search-results:{engine_name}:{mark.counter}:{changed}:{digest}"


def _settled(mark) -> bool:
    """Whether Elasticsearch shows every change so far (see the module)."""
    if longest_wait_seconds() > 0:
        return False
    return (
        mark.changed_at is None
        or (timezone.now() - mark.changed_at).total_seconds() >= SETTLE_SECONDS
    )


def results_for(
    engine_name: str, query: SearchQuery, search: Callable[[], SearchResults]
) -> SearchResults:
    """The kept results of `query` on `engine_name`, or `search()`'s, kept when they may be."""
    mark = marks.read(marks.NETWORK)
    key = _key(engine_name, mark, query)
    kept = cache.get(key)
    if kept is not None:
        return kept
    results = search()
    if engine_name == "postgres":
        cache.set(key, results, KEEP_SECONDS)
    elif _settled(mark):
        cache.set(key, results, ELASTICSEARCH_SECONDS)
    return results
