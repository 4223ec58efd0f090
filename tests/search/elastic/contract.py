"""The Elasticsearch engine in the shared contract suite (tests/search/test_contract.py)."""

from __future__ import annotations

from dataclasses import dataclass

from search.elastic.client import get_client
from search.elastic.engine import ElasticsearchEngine
from search.elastic.indexer import drain
from search.elastic.mapping import alias_name

from .node import empty_index


@dataclass
class ElasticsearchContract:
    engine: ElasticsearchEngine

    def sync(self) -> None:
        """Drain the outbox (inside the test's transaction) and make the writes searchable."""
        drain()
        get_client().indices.refresh(index=alias_name())


def contract_engine(request) -> ElasticsearchContract:
    empty_index()
    return ElasticsearchContract(ElasticsearchEngine())
