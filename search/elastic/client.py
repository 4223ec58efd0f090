"""The Elasticsearch client of this process, for the configured ELASTICSEARCH_URL."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.serializer import OrjsonSerializer

from portal.elasticsearch_hosts import elasticsearch_hosts

# Maintenance requests (index creation, drift) wait a while, longer than a busy cluster takes to
# create an index (its own wait for the shards is 30 s); searches fail fast (PostgreSQL answers
# instead, see `search_client`); bulk writes may take longer.
REQUEST_TIMEOUT = 60
BULK_TIMEOUT = 120


def get_client() -> Elasticsearch:
    return _client_for(settings.ELASTICSEARCH_URL)


def search_client() -> Elasticsearch:
    """The client for a citizen's search: a node that does not answer within
    PORTAL_ELASTICSEARCH_TIMEOUT is given up on, and the search tried on the cluster's other
    nodes (a read: nothing to undo); then PostgreSQL answers."""
    return get_client().options(
        request_timeout=settings.PORTAL_ELASTICSEARCH_TIMEOUT,
        retry_on_timeout=len(elasticsearch_hosts(settings.ELASTICSEARCH_URL)) > 1,
    )


def bulk_client(client: Elasticsearch) -> Elasticsearch:
    """The same client with room for big bulk requests on a busy node."""
    return client.options(request_timeout=BULK_TIMEOUT)


@lru_cache(maxsize=4)
def _client_for(url: str) -> Elasticsearch:
    if not url:
        raise RuntimeError("ELASTICSEARCH_URL is not set.")
    hosts = elasticsearch_hosts(url)
    # Several nodes of a cluster: a request that a node fails (refused, reset, 502-504) is
    # retried on each other node before it fails; a node that failed rests a while (no
    # sniffing: the nodes are the ones named). A write that timed out is not sent again: the
    # node may still apply it (an index created twice, an older bulk after a newer one); only
    # searches are (`search_client`). One node: fail at once, PostgreSQL answers.
    # orjson: a rebuild serialises every document; the standard json module took 4x as long.
    return Elasticsearch(
        hosts,
        request_timeout=REQUEST_TIMEOUT,
        max_retries=len(hosts) - 1,
        retry_on_timeout=False,
        serializer=OrjsonSerializer(),
    )
