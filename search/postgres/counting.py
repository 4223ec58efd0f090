"""Counting matches for the PostgreSQL engine: exact up to a bound, estimated from a sample above.

A typical word can match most of a million rows; counting them and their
facets exactly would read every matching row on every query. Up to
`PORTAL_SEARCH_EXACT_COUNT_LIMIT` matches the total and the facets are exact
(one pass over at most that many rows, whose ids the ranking then reuses
instead of searching the index again); above it they are estimated from a
block sample of the search table (`TABLESAMPLE SYSTEM`, a fixed seed so a
repeated query gives the same figures) and the results say so
(`SearchResults.count_estimated`, the API's `count_estimated`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import connection

EXACT_COUNT_LIMIT = 2_000
# About this many rows are sampled for an estimate, whatever the table's size.
SAMPLE_ROWS = 5_000
SAMPLE_SEED = 2025

_GROUPED = """
    SELECT CASE WHEN GROUPING(e.unit_id) = 0 THEN 'unit'
                WHEN GROUPING(e.kind) = 0 THEN 'kind'
                WHEN GROUPING(e.doc_type) = 0 THEN 'doc_type'
                WHEN GROUPING(e.issuer) = 0 THEN 'issuer'
                ELSE 'year' END,
           COALESCE(e.unit_id::text, e.kind, e.doc_type, e.issuer, e.year::text),
           count(*)
    FROM {rows} e
    GROUP BY GROUPING SETS ((e.unit_id), (e.kind), (e.doc_type), (e.issuer), (e.year))
"""
_FACET_COLUMNS = "e.unit_id, e.kind, e.doc_type, e.issuer, e.year"
_FACETS = ("unit", "kind", "doc_type", "issuer", "year")
_FIRST_MATCHES = f"""
    SELECT e.publication_id, {_FACET_COLUMNS} FROM portal_search_searchentry e
    WHERE {{where}} LIMIT %(count_limit)s
"""


@dataclass(frozen=True)
class Counts:
    """{facet: {value: count}} for every facet but level, the total, and whether they are
    estimates; `found`: the ids of the first matches the index gave (every match when exact)."""

    facets: dict[str, dict[str, int]]
    total: int
    estimated: bool
    found: list[int]


def exact_count_limit() -> int:
    return getattr(settings, "PORTAL_SEARCH_EXACT_COUNT_LIMIT", EXACT_COUNT_LIMIT)


def count(where: str, params: dict) -> Counts:
    """Exact counts when at most the limit match, else estimates from a sample."""
    limit = exact_count_limit()
    with connection.cursor() as cursor:
        cursor.execute(_FIRST_MATCHES.format(where=where), dict(params, count_limit=limit + 1))
        rows = cursor.fetchall()
    found = [row[0] for row in rows]
    if len(rows) <= limit:
        return Counts(_tally(rows), len(rows), estimated=False, found=found)
    return replace(_estimate(where, params, at_least=limit + 1), found=found)


def _tally(rows: list[tuple]) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} of (id, unit, kind, type, issuer, year) rows."""
    tallies = {facet: Counter() for facet in _FACETS}
    for _id, *values in rows:
        for facet, value in zip(_FACETS, values, strict=True):
            tallies[facet]["" if value is None else str(value)] += 1
    return {facet: dict(tally) for facet, tally in tallies.items()}


def _estimate(where: str, params: dict, at_least: int) -> Counts:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'portal_search_searchentry'::regclass")
        rows = max(cursor.fetchone()[0], 1)
    percent = min(100.0, 100.0 * SAMPLE_ROWS / rows)
    sampled = f"""(SELECT {_FACET_COLUMNS} FROM portal_search_searchentry e
                   TABLESAMPLE SYSTEM (%(sample_percent)s) REPEATABLE (%(sample_seed)s)
                   WHERE {where})"""
    in_sample = _grouped(sampled, dict(params, sample_percent=percent, sample_seed=SAMPLE_SEED))
    scale = 100.0 / percent
    facets = {
        facet: {value: max(1, round(n * scale)) for value, n in values.items()}
        for facet, values in in_sample.items()
    }
    # A sample can miss rows we know exist: the total is at least what the bounded pass saw.
    total = max(at_least, round(sum(in_sample.get("unit", {}).values()) * scale))
    return Counts(facets, total, estimated=True, found=[])


def _grouped(rows: str, params: dict) -> dict[str, dict[str, int]]:
    with connection.cursor() as cursor:
        cursor.execute(_GROUPED.format(rows=rows), params)
        found = cursor.fetchall()
    facets: dict[str, dict[str, int]] = {}
    for facet, value, n in found:
        facets.setdefault(facet, {})[value] = n
    return facets
