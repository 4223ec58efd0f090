"""The PostgreSQL engine: ranked full-text search over `SearchEntry` rows.

Matching uses the folded `document` vector (diacritics-insensitive); ranking
(`search.postgres.ranking`) adds the words side by side, the exact (accented)
forms and a document number written in the query, which puts that document
first. Counts and facets are exact up to a bound and estimated above it
(`search.postgres.counting`).
"""

from __future__ import annotations

from ..parsing import ParsedQuery, parse
from ..query import SearchQuery, SearchResults
from ..results import facets_from_counts, hits_for
from ..unit_directory import units
from ..visibility import scope_unit_ids
from . import counting, spelling_lookup, statistics, suggestions, tsquery
from .ranking import candidates_needed, page_rows
from .statistics import Shares

FACET_LIMIT = 20


class PostgresEngine:
    """Searches the public ledger through PostgreSQL full-text search (no extensions needed)."""

    name = "postgres"

    def is_available(self) -> bool:
        return True

    def suggest(self, unit_id: int, typed: tuple[str, ...], limit: int) -> list:
        return suggestions.suggest(unit_id, typed, limit)

    def corrections(self, words: tuple[str, ...]) -> dict[str, list[str]]:
        return spelling_lookup.corrections(words)

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = parse(query.text)
        network = units()  # read once: the scope, the hits and the facets name the same units
        unit_ids = scope_unit_ids(query, network)
        if not unit_ids:
            return SearchResults(count=0, hits=[], facets={}, engine=self.name)
        filter_groups = tsquery.facet_groups(query, unit_ids)
        shares = statistics.shares(tsquery.required_words(parsed), filter_groups)
        where, params = _conditions(query, parsed, unit_ids, filter_groups, shares)
        counts = counting.count(where, params, shares, candidates_needed(query, parsed))
        rows = page_rows(query, parsed, where, params, counts) if counts.total else []
        return SearchResults(
            count=counts.total,
            hits=hits_for([pk for pk, _score in rows], parsed, network),
            facets=facets_from_counts(counts.facets, FACET_LIMIT, network),
            engine=self.name,
            count_estimated=counts.estimated,
        )


def _conditions(
    query: SearchQuery,
    parsed: ParsedQuery,
    unit_ids: list[int],
    filter_groups: list[list[str]],
    shares: Shares,
) -> tuple[str, dict]:
    conditions = ["e.live", "e.unit_id = ANY(%(unit_ids)s)"]
    params: dict = {"unit_ids": unit_ids}
    matching = tsquery.matching(parsed)
    facets = tsquery.facets(filter_groups)
    words = "e.document @@ to_tsquery('simple', %(matching)s)"
    index_words = shares.index_words()
    if len(index_words) < len(shares.words):
        # The rarer words through the index; the whole query checked on the rows it finds
        # (the function behind @@, which the planner never takes to the index).
        words = (
            "e.document @@ to_tsquery('simple', %(index_words)s)"
            " AND ts_match_vq(e.document, to_tsquery('simple', %(matching)s))"
        )
        params["index_words"] = tsquery.all_of(index_words)
    if facets:
        # The same filters as the columns below, checked inside the words' index.
        words += " AND e.facets @@ %(facets)s::tsquery"
        params["facets"] = facets
    if matching and parsed.doc_keys:
        conditions.append(f"(({words}) OR e.doc_key = ANY(%(doc_keys)s))")
    elif matching:
        conditions.append(words)
    elif parsed.doc_keys:
        conditions.append("e.doc_key = ANY(%(doc_keys)s)")
    elif facets:
        conditions.append("e.facets @@ %(facets)s::tsquery")
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
    if query.signed_only:
        conditions.append(
            "EXISTS (SELECT 1 FROM portal_publications_publication p"
            " WHERE p.id = e.publication_id AND p.signature_status = 'valid')"
        )
    if query.date_from:
        conditions.append("e.day >= %(date_from)s")
        params["date_from"] = query.date_from
    if query.date_to:
        conditions.append("e.day <= %(date_to)s")
        params["date_to"] = query.date_to
    return " AND ".join(conditions), params
