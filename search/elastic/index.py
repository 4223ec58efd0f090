"""The indices behind the network's alias: template, creation, zero-downtime rebuild, drift.

Every index is named `<alias>-<timestamp>` and gets its analysis and mappings
from the index template. Searches and outbox writes go through the alias; a
rebuild loads a new index while the old one keeps answering, then swaps the
alias in one atomic request.
"""

from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from elasticsearch import ConnectionTimeout, Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk, scan, streaming_bulk

from portal.publications.models import Publication

from ..unit_directory import units
from ..visibility import visible_publications
from .bulk import BULK_BYTES, BULK_CHUNK, actions_for, index_actions
from .client import bulk_client, get_client
from .documents import LedgerRow
from .mapping import (
    MAPPING_VERSION,
    REFRESH_INTERVAL,
    alias_name,
    mapping_version,
    template_body,
)

logger = logging.getLogger(__name__)

# A rebuild reads the ledger in batches of REBUILD_BATCH rows and sends REBUILD_CHUNK documents
# per bulk request, up to REBUILD_THREADS requests at a time (the node analyses them while
# this process builds the next).
REBUILD_BATCH = 5_000
REBUILD_CHUNK = 2_000
REBUILD_THREADS = 3
# Merging a million documents into one segment took 35 s on a 2-CPU test machine.
MERGE_TIMEOUT = 1800
# While a new index loads, nobody searches it: no refreshes, no replicas, no fsync per request.
LOADING_SETTINGS = {
    "refresh_interval": "-1",
    "number_of_replicas": 0,
    "translog.durability": "async",
}


def put_template(client: Elasticsearch) -> None:
    client.indices.put_index_template(name=alias_name(), **template_body())


def new_index(client: Elasticsearch) -> str:
    """Create an empty index for the alias (not yet behind it); returns its name."""
    put_template(client)
    name = f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"
    client.indices.create(index=name)
    return name


def indices_behind_alias(client: Elasticsearch) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias_name()))
    except NotFoundError:
        return []


def mapping_versions(client: Elasticsearch) -> dict[str, int | None]:
    """{index: the MAPPING_VERSION it was made with} for the indices behind the alias."""
    try:
        mappings = client.indices.get_mapping(index=alias_name())
    except NotFoundError:
        return {}
    return {name: mapping_version(body["mappings"]) for name, body in mappings.items()}


def outdated(versions: dict[str, int | None]) -> list[str]:
    """Of `mapping_versions()`, the indices made from an older mapping: this code's queries
    miss in them."""
    return sorted(name for name, version in versions.items() if version != MAPPING_VERSION)


def outdated_indices(client: Elasticsearch) -> list[str]:
    return outdated(mapping_versions(client))


def rebuild_if_outdated(client: Elasticsearch | None = None) -> bool:
    """After an upgrade that changed the mapping, rebuild the index; True when it did."""
    client = client or get_client()
    outdated = outdated_indices(client)
    if not outdated:
        return False
    logger.warning(
        "Search index %s was made from an older mapping; rebuilding it "
        "(PostgreSQL answers searches meanwhile).",
        outdated,
    )
    rebuild(client)
    return True


def apply_replicas(client: Elasticsearch) -> None:
    """Give the indices behind the alias PORTAL_ELASTICSEARCH_REPLICAS replicas (a setting an
    index can change while it serves; its shards cannot: `search_rebuild` for those)."""
    wanted = str(settings.PORTAL_ELASTICSEARCH_REPLICAS)
    try:
        current = client.indices.get_settings(index=alias_name(), name="index.number_of_replicas")
    except NotFoundError:
        return
    for name, body in current.items():
        if body["settings"]["index"]["number_of_replicas"] != wanted:
            client.indices.put_settings(index=name, settings={"index.number_of_replicas": wanted})
            logger.info("Search index %s now has %s replica(s).", name, wanted)


def ensure_index(client: Elasticsearch | None = None) -> None:
    """Create the first index and its alias when there is none (idempotent)."""
    client = client or get_client()
    if indices_behind_alias(client):
        return
    name = new_index(client)
    client.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias_name()}}])
    logger.info("Created search index %s behind alias %s.", name, alias_name())


def rebuild(client: Elasticsearch | None = None) -> tuple[str, int]:
    """Load every visible row into a new index, then swap the alias to it atomically.

    Rows changed while loading (the outbox indexer may have written them to
    the old index meanwhile) are written again once the alias points at the
    new index. Before the swap the new index is merged into one segment: a bulk
    load leaves dozens, each searched by every query, and merging them later
    would take the node's CPU from the first searches. Returns the new index's
    name and the number of documents loaded.
    """
    client = client or get_client()
    started = timezone.now()
    name = new_index(client)
    template = client.indices.get_settings(index=name)[name]["settings"]["index"]
    client.indices.put_settings(index=name, settings={"index": LOADING_SETTINGS})
    loaded = load_visible(client, name)
    client.indices.put_settings(
        index=name,
        settings={
            "index": {
                "refresh_interval": REFRESH_INTERVAL,
                "number_of_replicas": template.get("number_of_replicas", 0),
                "translog.durability": "request",
            }
        },
    )
    bulk_client(client).indices.refresh(index=name)
    _merge(client, name)
    old = indices_behind_alias(client)
    client.indices.update_aliases(
        actions=[{"remove": {"index": index, "alias": alias_name()}} for index in old]
        + [{"add": {"index": name, "alias": alias_name()}}]
    )
    changed = Publication.objects.filter(changed_at__gte=started).select_related("unit")
    load(client, alias_name(), changed)
    for index in old:
        client.indices.delete(index=index)
    logger.info("Rebuilt search index %s with %s documents (replaced %s).", name, loaded, old)
    return name, loaded


def _merge(client: Elasticsearch, name: str) -> None:
    try:
        client.options(request_timeout=MERGE_TIMEOUT).indices.forcemerge(
            index=name, max_num_segments=1
        )
    except ConnectionTimeout:
        # The node goes on merging; the new index answers meanwhile, only slower.
        logger.warning(
            "Merging search index %s took over %s s; swapping the alias anyway.",
            name,
            MERGE_TIMEOUT,
        )


def load_visible(client: Elasticsearch, index: str) -> int:
    """Index every visible ledger row into `index` (a new one); returns how many were indexed."""
    network = units()
    rows = (
        visible_publications()
        .order_by("pk")
        .values_list(*LedgerRow._fields[:-1], "attachments")
        .iterator(chunk_size=REBUILD_BATCH)
    )

    sent: deque[Future] = deque()
    done = 0
    with ThreadPoolExecutor(REBUILD_THREADS) as pool:
        # Rows are read and documents built here, in this thread (its database connection),
        # while the pool's threads wait for the node.
        for batch in _batches(rows, REBUILD_BATCH):
            ledger_rows = [LedgerRow(*row[:-1], has_files=bool(row[-1])) for row in batch]
            for chunk in _batches(index_actions(ledger_rows, index, network), REBUILD_CHUNK):
                sent.append(pool.submit(_send, client, chunk))
                if len(sent) > REBUILD_THREADS:
                    done += sent.popleft().result()
        done += sum(request.result() for request in sent)
    return done


def _send(client: Elasticsearch, actions: list[dict]) -> int:
    indexed, errors = bulk(
        bulk_client(client),
        actions,
        chunk_size=len(actions),
        max_chunk_bytes=BULK_BYTES,
        raise_on_error=False,
    )
    for error in errors:
        logger.error("Elasticsearch refused a document while rebuilding: %s", error)
    return indexed


def load(client: Elasticsearch, index: str, publications) -> int:
    """Write `publications` (visible ones indexed, others deleted) to `index`; returns how many."""
    done = 0
    for batch in _batches(publications.order_by("pk").iterator(chunk_size=BULK_CHUNK), BULK_CHUNK):
        results = streaming_bulk(
            bulk_client(client),
            actions_for(batch, index),
            chunk_size=BULK_CHUNK,
            max_chunk_bytes=BULK_BYTES,
            raise_on_error=False,
        )
        done += sum(1 for ok, item in results if ok or _is_missing_delete(item))
    return done


def _batches(iterable, size: int):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _is_missing_delete(item: dict) -> bool:
    """Deleting a document that is not there is success: it is gone either way."""
    return item.get("delete", {}).get("status") == 404


@dataclass(frozen=True)
class Drift:
    """How the index differs from the ledger."""

    indexed: int  # documents in the index
    visible: int  # rows that should be there
    pending: int  # rows waiting in the outbox
    missing: list[int]  # visible row ids absent from the index (first few)
    stale: list[int]  # row ids in the index that should not be (first few)
    outdated: list[str]  # indices made from an older mapping (to rebuild)


def drift(client: Elasticsearch | None = None, sample: int = 20) -> Drift:
    """Compare the ledger's visible rows with the documents behind the alias."""
    client = client or get_client()
    client.indices.refresh(index=alias_name())
    in_index = {
        hit["_source"]["publication_id"]
        for hit in scan(client, index=alias_name(), _source=["publication_id"], size=5000)
    }
    visible = set(visible_publications().values_list("pk", flat=True))
    return Drift(
        indexed=len(in_index),
        visible=len(visible),
        pending=Publication.objects.filter(index_pending=True).count(),
        missing=sorted(visible - in_index)[:sample],
        stale=sorted(in_index - visible)[:sample],
        outdated=outdated_indices(client),
    )
