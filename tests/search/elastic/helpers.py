"""Searching the Elasticsearch engine in tests."""

from __future__ import annotations

from search.elastic.client import get_client
from search.elastic.engine import ElasticsearchEngine
from search.elastic.mapping import alias_name
from search.query import SearchQuery


def refresh() -> None:
    get_client().indices.refresh(index=alias_name())


def search(text: str, unit, scope: str = "network", **filters):
    return ElasticsearchEngine().search(
        SearchQuery(text=text, scope=scope, unit_id=unit.pk, **filters)
    )


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]
