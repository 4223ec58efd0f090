"""Counting matches for the PostgreSQL engine: exact up to a bound, estimated from a sample above.

A typical word can match most of a million rows; counting them and their
facets exactly would read every matching row on every query. Up to
`PORTAL_SEARCH_EXACT_COUNT_LIMIT` matches the total and the facets are exact
(one pass over at most that many rows, whose ids the ranking then reuses
instead of searching the index again); above it they are estimated from a
block sample of the search table (`TABLESAMPLE SYSTEM`, a fixed seed so a
repeated query gives the same figures) and the results say so
(`SearchResults.count_estimated`, the API's `count_estimated`).

The words' index answers with every match at once: for words in a large share
of the rows (several common syllables, "xây dựng Đảng") building that answer
costs more than the whole rest of the query. When the statistics expect the
query to match such a share (`search.postgres.statistics`) and the sample
confirms it, the ranking's candidates are read by scanning the table
in its physical order until enough match (the same first matches the index
would have handed over), and the index is not used.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import connection, transaction

from .statistics import Shares

# About this many rows are sampled for an estimate, whatever the table's size.
SAMPLE_ROWS = 5_000
SAMPLE_SEED = 2025
# Scanning for candidates reads about candidates / share rows: cheaper than the index from
# about this share of the table on.
STREAMED_SHARE = 0.03
# A sample this many times over the bound, from at least this many sampled matches, shows the
# total is over it (a total at the bound gives such a sample about once in 300 queries,
# always the same ones: the sample is fixed): then no more than the candidates are read.
CLEARLY_OVER = 2
CLEARLY_OVER_MATCHES = 20

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
_FIRST_IDS = """
    SELECT e.publication_id FROM portal_search_searchentry e WHERE {where} LIMIT %(candidates)s
"""
# A plain scan from the table's first block: no index, no parallel workers, and no joining
# another session's scan midway (synchronised scans), so a repeated query reads the same rows.
_TABLE_ORDER_SCAN = {
    "enable_bitmapscan": "off",
    "enable_indexscan": "off",
    "enable_indexonlyscan": "off",
    "max_parallel_workers_per_gather": "0",
    "synchronize_seqscans": "off",
}


@dataclass(frozen=True)
class Counts:
    """{facet: {value: count}} for every facet but level, the total, and whether they are
    estimates; `found`: the ids of the first matches in table order (every match when exact)."""

    facets: dict[str, dict[str, int]]
    total: int
    estimated: bool
    found: list[int]


def exact_count_limit() -> int:
    return settings.PORTAL_SEARCH_EXACT_COUNT_LIMIT


def count(where: str, params: dict, shares: Shares, candidates: int) -> Counts:
    """Exact counts when at most the limit match, else estimates from a sample.

    `shares`: how common the query's words are; `candidates`: how many of the
    first matches the ranking needs when the counts are estimates (0: none,
    the page is read in date order).
    """
    limit = exact_count_limit()
    table_rows = shares.rows
    sample = None
    if candidates and shares.expected * table_rows > limit:
        sample = _sample(where, params, table_rows)
        if sample.counts.total >= STREAMED_SHARE * table_rows:
            return sample.with_found(_first_matches_in_table_order(where, params, candidates))
        if sample.matches >= CLEARLY_OVER_MATCHES and sample.counts.total >= CLEARLY_OVER * limit:
            with connection.cursor() as cursor:
                return sample.with_found(_first_ids(cursor, where, params, candidates))
    with connection.cursor() as cursor:
        cursor.execute(_FIRST_MATCHES.format(where=where), dict(params, count_limit=limit + 1))
        rows = cursor.fetchall()
    found = [row[0] for row in rows]
    if len(rows) <= limit:
        return Counts(_tally(rows), len(rows), estimated=False, found=found)
    return (sample or _sample(where, params, table_rows)).with_found(found)


def _tally(rows: list[tuple]) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} of (id, unit, kind, type, issuer, year) rows."""
    tallies = {facet: Counter() for facet in _FACETS}
    for _id, *values in rows:
        for facet, value in zip(_FACETS, values, strict=True):
            tallies[facet]["" if value is None else str(value)] += 1
    return {facet: dict(tally) for facet, tally in tallies.items()}


def _first_matches_in_table_order(where: str, params: dict, candidates: int) -> list[int]:
    """Ids of the first `candidates` matches, scanning the table from its first block."""
    names = list(_TABLE_ORDER_SCAN)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in names))
        previous = cursor.fetchone()
        _set_locally(cursor, dict(_TABLE_ORDER_SCAN))
        found = _first_ids(cursor, where, params, candidates)
        # Inside an outer transaction the settings would outlive this block: put them back.
        _set_locally(cursor, dict(zip(names, previous, strict=True)))
    return found


def _first_ids(cursor, where: str, params: dict, candidates: int) -> list[int]:
    cursor.execute(_FIRST_IDS.format(where=where), dict(params, candidates=candidates))
    return [row[0] for row in cursor.fetchall()]


def _set_locally(cursor, values: dict[str, str]) -> None:
    cursor.execute(
        "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in values),
        [item for pair in values.items() for item in pair],
    )


@dataclass(frozen=True)
class _Sample:
    """Estimated counts, and how many sampled rows matched."""

    counts: Counts
    matches: int

    def with_found(self, found: list[int]) -> Counts:
        # A sample can miss rows we know exist: the total is at least the matches found.
        return replace(self.counts, total=max(self.counts.total, len(found)), found=found)


def _sample(where: str, params: dict, table_rows: float) -> _Sample:
    percent = min(100.0, 100.0 * SAMPLE_ROWS / table_rows)
    sampled = f"""(SELECT {_FACET_COLUMNS} FROM portal_search_searchentry e
                   TABLESAMPLE SYSTEM (%(sample_percent)s) REPEATABLE (%(sample_seed)s)
                   WHERE {where})"""
    in_sample = _grouped(sampled, dict(params, sample_percent=percent, sample_seed=SAMPLE_SEED))
    scale = 100.0 / percent
    facets = {
        facet: {value: max(1, round(n * scale)) for value, n in values.items()}
        for facet, values in in_sample.items()
    }
    matches = sum(in_sample.get("unit", {}).values())
    return _Sample(Counts(facets, round(matches * scale), estimated=True, found=[]), matches)


def _grouped(rows: str, params: dict) -> dict[str, dict[str, int]]:
    with connection.cursor() as cursor:
        cursor.execute(_GROUPED.format(rows=rows), params)
        found = cursor.fetchall()
    facets: dict[str, dict[str, int]] = {}
    for facet, value, n in found:
        facets.setdefault(facet, {})[value] = n
    return facets
