"""The PostgreSQL engine: ranked full-text search over `SearchEntry` rows.

Matching uses the folded `document` vector (diacritics-insensitive); ranking
adds the words side by side, the exact (accented) forms and a document number
written in the query, which puts that document first.
"""

from __future__ import annotations

from django.db import connection

from ..parsing import ParsedQuery, parse
from ..query import SearchQuery, SearchResults
from ..results import facets_from_counts, hits_for
from ..visibility import scope_unit_ids
from . import tsquery

# ts_rank weights for D, C, B, A: body/attachments, summary, document number, title.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
FACET_LIMIT = 20


class PostgresEngine:
    """Searches the public ledger through PostgreSQL full-text search (no extensions needed)."""

    name = "postgres"

    def is_available(self) -> bool:
        return True

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = parse(query.text)
        unit_ids = scope_unit_ids(query)
        if not unit_ids:
            return SearchResults(count=0, hits=[], facets={}, engine=self.name)
        where, params = _conditions(query, parsed, unit_ids)
        counts = _facet_counts(where, params)
        count = sum(counts.get("unit", {}).values())
        rows = _page_rows(query, parsed, where, params) if count else []
        return SearchResults(
            count=count,
            hits=hits_for([pk for pk, _score in rows], parsed),
            facets=facets_from_counts(counts, FACET_LIMIT),
            engine=self.name,
        )


def _conditions(query: SearchQuery, parsed: ParsedQuery, unit_ids: list[int]) -> tuple[str, dict]:
    conditions = ["e.live", "e.unit_id = ANY(%(unit_ids)s)"]
    params: dict = {"unit_ids": unit_ids}
    matching = tsquery.matching(parsed)
    if matching and parsed.doc_keys:
        conditions.append(
            "(e.document @@ to_tsquery('simple', %(matching)s) OR e.doc_key = ANY(%(doc_keys)s))"
        )
    elif matching:
        conditions.append("e.document @@ to_tsquery('simple', %(matching)s)")
    elif parsed.doc_keys:
        conditions.append("e.doc_key = ANY(%(doc_keys)s)")
    params.update(matching=matching, doc_keys=list(parsed.doc_keys))
    filters = (
        ("kind", query.kinds),
        ("doc_type", query.doc_types),
        ("issuer", query.issuers),
        ("year", query.years),
    )
    for column, values in filters:
        if values:
            conditions.append(f"e.{column} = ANY(%({column}s)s)")
            params[f"{column}s"] = list(values)
    if query.date_from:
        conditions.append("e.day >= %(date_from)s")
        params["date_from"] = query.date_from
    if query.date_to:
        conditions.append("e.day <= %(date_to)s")
        params["date_to"] = query.date_to
    return " AND ".join(conditions), params


def _facet_counts(where: str, params: dict) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} for every facet but level, counted over every match in one pass."""
    sql = f"""
        SELECT CASE WHEN GROUPING(e.unit_id) = 0 THEN 'unit'
                    WHEN GROUPING(e.kind) = 0 THEN 'kind'
                    WHEN GROUPING(e.doc_type) = 0 THEN 'doc_type'
                    WHEN GROUPING(e.issuer) = 0 THEN 'issuer'
                    ELSE 'year' END,
               COALESCE(e.unit_id::text, e.kind, e.doc_type, e.issuer, e.year::text),
               count(*)
        FROM portal_search_searchentry e
        WHERE {where}
        GROUP BY GROUPING SETS ((e.unit_id), (e.kind), (e.doc_type), (e.issuer), (e.year))
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts: dict[str, dict[str, int]] = {}
    for facet, value, count in rows:
        counts.setdefault(facet, {})[value] = count
    return counts


def _page_rows(query: SearchQuery, parsed: ParsedQuery, where: str, params: dict) -> list[tuple]:
    """(publication id, score) of the requested page, best first (or newest first)."""
    params = dict(params, limit=query.page_size, offset=query.offset)
    score = _score(parsed, params)
    if query.sort == "date" or score == "0":
        order = "e.day DESC, e.published_at DESC, e.publication_id DESC"
    else:
        order = "score DESC, e.day DESC, e.publication_id DESC"
    sql = f"""
        SELECT e.publication_id, {score} AS score
        FROM portal_search_searchentry e
        WHERE {where}
        ORDER BY {order}
        LIMIT %(limit)s OFFSET %(offset)s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _score(parsed: ParsedQuery, params: dict) -> str:
    weights = f"'{WEIGHTS}'::real[]"
    terms = []
    if params["matching"]:
        terms.append(
            f"ts_rank({weights}, COALESCE(e.main, e.document), to_tsquery('simple', %(matching)s))"
            f" + 0.25 * ts_rank({weights}, e.document, to_tsquery('simple', %(matching)s))"
        )
    adjacent = tsquery.adjacent(parsed)
    if adjacent:
        params["adjacent"] = adjacent
        # Having the words side by side anywhere outranks having them scattered.
        terms.append(
            f"ts_rank({weights}, e.document, to_tsquery('simple', %(adjacent)s))"
            " + CASE WHEN e.document @@ to_tsquery('simple', %(adjacent)s) THEN 1 ELSE 0 END"
        )
    exact = tsquery.exact(parsed)
    if exact:
        params["exact"] = exact
        terms.append(f"0.5 * ts_rank({weights}, e.exact, to_tsquery('simple', %(exact)s))")
    if parsed.doc_keys:
        terms.append("CASE WHEN e.doc_key = ANY(%(doc_keys)s) THEN 100 ELSE 0 END")
    return " + ".join(terms) or "0"
