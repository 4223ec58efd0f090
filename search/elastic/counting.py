"""Counting matches on Elasticsearch: exact up to a bound, estimated from a random sample above.

The same rule as the PostgreSQL engine (`search.postgres.counting`): up to
`PORTAL_SEARCH_EXACT_COUNT_LIMIT` matches the total and the facets are exact;
above it both are estimated and flagged `count_estimated`. The page of hits
counts matches only up to the bound (`track_total_hits`); the same request
(`_msearch`) carries an unscored search for the facets under a
`random_sampler` aggregation that reads about SAMPLE_DOCS documents of the
index whatever its size (the node scales the bucket counts back up). When the
page says there are at most the bound's matches, one more search counts the
facets exactly over them. (Stopping an aggregation after the bound's matches
with `terminate_after` does not bound its cost: the node collected hundreds of
thousands of matches of a common word anyway.) On an index small enough for
the sample to be all of it, the sample is the exact count.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from elasticsearch import Elasticsearch

from ..postgres.counting import exact_count_limit
from .mapping import alias_name
from .queries import FACET_FIELDS

SAMPLE_DOCS = 5_000
# The sampler takes a probability in (0, 0.5], or 1 (everything).
HIGHEST_SAMPLED_PROBABILITY = 0.5
# The index's size changes slowly; it is asked for at most this often.
SIZE_MAX_AGE_SECONDS = 60.0

_size_cache: dict[str, tuple[float, int]] = {}


def sample_probability(client: Elasticsearch) -> float:
    """The share of the index a facet sample reads: about SAMPLE_DOCS documents."""
    documents = _index_size(client)
    probability = SAMPLE_DOCS / max(documents, 1)
    return probability if probability <= HIGHEST_SAMPLED_PROBABILITY else 1.0


def _index_size(client: Elasticsearch) -> int:
    alias = alias_name()
    checked, size = _size_cache.get(alias, (0.0, 0))
    if time.monotonic() - checked > SIZE_MAX_AGE_SECONDS:
        size = client.count(index=alias)["count"]
        _size_cache[alias] = (time.monotonic(), size)
    return size


@dataclass(frozen=True)
class Counts:
    """{facet: {value: count}}, the total, and whether they are estimates."""

    facets: dict[str, dict[str, int]]
    total: int
    estimated: bool


def bucket_counts(aggregations) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} from the facets' terms aggregations."""
    # Read as plain dicts: wrapping each of a few thousand buckets cost more than the search.
    return {
        key: {
            str(bucket["key"]): bucket["doc_count"]
            for bucket in aggregations[key].to_dict()["buckets"]
        }
        for key in FACET_FIELDS
    }


def counted(total: int, aggregations, estimated: bool) -> Counts:
    """Counts from the facets' aggregations over every match."""
    return Counts(bucket_counts(aggregations), total, estimated)


def estimated(sample, probability: float) -> Counts:
    """Counts from the random sampler's aggregation (its buckets are already scaled up)."""
    facets = {
        facet: {value: max(1, n) for value, n in values.items()}
        for facet, values in bucket_counts(sample).items()
    }
    # The sample can miss rows the page's count saw: the total is at least above the bound.
    total = max(exact_count_limit() + 1, round(sample.doc_count / probability))
    return Counts(facets, total, estimated=True)
