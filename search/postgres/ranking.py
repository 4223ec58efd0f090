"""The page of hits for the PostgreSQL engine: ranked, or newest first.

When few rows match, every match is ranked: counting
(`search.postgres.counting`) already found them all, and they are ranked by id
without searching the index again. When more match than counting does
exactly, ranking every one of them would read every matching row and cost a
`ts_rank` per row on every query; then only a bounded set of candidates is
ranked: the first `PORTAL_SEARCH_RANK_CANDIDATES` matches in table order,
found by counting (at least the requested page's depth), and the rows whose
document number was written in the query. Among the candidates the tiers of
`search.relevance` order them (document number, faithful diacritics, words side
by side, title/number/summary before body); a better match outside them can be
missed, the price of a bounded cost for words common to most of the network's rows.
"""

from __future__ import annotations

from django.conf import settings

from portal.tenancy.replica.router import reading_connection

from .. import relevance as relevance_rules
from ..parsing import ParsedQuery
from ..query import SearchQuery
from . import tsquery
from .counting import Counts

# ts_rank weights for D, C, B, A: body/attachments, summary, document number, title.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
NEWEST_FIRST = "e.day DESC, e.published_at DESC, e.publication_id DESC"


def rank_candidates() -> int:
    return settings.PORTAL_SEARCH_RANK_CANDIDATES


def candidates_needed(query: SearchQuery, parsed: ParsedQuery) -> int:
    """How many of the first matches ranking needs when counts are estimated (0: the page is
    read newest first, straight from the date index)."""
    if not _is_ranked(query, parsed):
        return 0
    return max(rank_candidates(), query.offset + query.page_size)


def _is_ranked(query: SearchQuery, parsed: ParsedQuery) -> bool:
    return query.sort != "date" and not parsed.is_empty


def page_rows(
    query: SearchQuery, parsed: ParsedQuery, where: str, params: dict, counts: Counts
) -> list[tuple]:
    """(publication id, score) of the requested page, best first (or newest first)."""
    params = dict(params, limit=query.page_size, offset=query.offset)
    ranked = _is_ranked(query, parsed)
    score = _score(parsed, params) if ranked else "0"
    if not counts.estimated:
        params["found"] = counts.found
        rows = "e.publication_id = ANY(%(found)s::bigint[])"
    elif not ranked:
        rows = where
    else:
        rows = _candidates(parsed, where, params, counts.found[: candidates_needed(query, parsed)])
    if not ranked:
        order = NEWEST_FIRST
    else:
        order = "score DESC, e.day DESC, e.publication_id DESC"
    sql = f"""
        SELECT e.publication_id, {score} AS score
        FROM portal_search_searchentry e
        WHERE {rows}
        ORDER BY {order}
        LIMIT %(limit)s OFFSET %(offset)s
    """
    with reading_connection().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _candidates(parsed: ParsedQuery, where: str, params: dict, first_matches: list[int]) -> str:
    """A condition selecting the bounded candidate set: the first matches counting found in
    table order (no rank order: that would mean reading every match) and the
    document-number matches. The subquery names its table `e` too: inside it is its own row.
    """
    params["candidates"] = first_matches
    candidates = "e.publication_id = ANY(%(candidates)s::bigint[])"
    if not parsed.doc_keys:
        return candidates
    return (
        f"({candidates} OR e.publication_id IN"
        " (SELECT e.publication_id FROM portal_search_searchentry e"
        f" WHERE {where} AND e.doc_key = ANY(%(doc_keys)s)))"
    )


def _score(parsed: ParsedQuery, params: dict) -> str:
    """The tiers of `search.relevance`, then the words' relevance scaled below 1."""
    weights = f"'{WEIGHTS}'::real[]"
    tiers, relevance = [], []
    if params["matching"]:
        relevance.append(
            f"ts_rank({weights}, COALESCE(e.main, e.document), to_tsquery('simple', %(matching)s))"
            f" + 0.25 * ts_rank({weights}, e.document, to_tsquery('simple', %(matching)s))"
        )
        params["prominent"] = tsquery.prominent(parsed)
        tiers.append(_tier(relevance_rules.PROMINENT, "e.document", "prominent"))
    if tsquery.adjacent(parsed):
        params["adjacent"] = tsquery.adjacent(parsed)
        params["pairs"] = tsquery.pairs(parsed)
        tiers.append(_tier(relevance_rules.ADJACENT, "e.document", "adjacent"))
        relevance.append(f"ts_rank({weights}, e.document, to_tsquery('simple', %(pairs)s))")
    if tsquery.faithful(parsed):
        params["faithful"] = tsquery.faithful(parsed)
        tiers.append(_tier(relevance_rules.FAITHFUL, "e.exact", "faithful"))
    if parsed.all_words:
        params["exact"] = tsquery.exact(parsed)
        relevance.append(f"0.5 * ts_rank({weights}, e.exact, to_tsquery('simple', %(exact)s))")
    if parsed.doc_keys:
        points = relevance_rules.NUMBER_EXACT
        tiers.append(f"CASE WHEN e.doc_key = ANY(%(doc_keys)s) THEN {points} ELSE 0 END")
    if parsed.number_prefixes:
        # Keys are letters and digits only: safe inside the pattern.
        params["number_prefix"] = "^(" + "|".join(parsed.number_prefixes) + ")([A-Z]|$)"
        points = relevance_rules.NUMBER_PREFIX
        tiers.append(f"CASE WHEN e.doc_key ~ %(number_prefix)s THEN {points} ELSE 0 END")
    if relevance:
        # r / (1 + r): below 1 whatever r, so it never outweighs a tier.
        tiers.append(f"(SELECT r / (1 + r) FROM (SELECT {' + '.join(relevance)} AS r) AS words)")
    return " + ".join(tiers) or "0"


def _tier(points: float, column: str, query: str) -> str:
    return f"CASE WHEN {column} @@ to_tsquery('simple', %({query})s) THEN {points} ELSE 0 END"
