"""A SearchQuery as an Elasticsearch request (elasticsearch.dsl), matching the PostgreSQL engine.

Matching: every free word and every quoted phrase, folded, in `all_text`
(every text field of the row, see `search.elastic.mapping`); none of the
excluded words; or the document number written in the query. Ranking, over a
bounded set of candidates: the words' relevance in the whole text, where they
were found (title above summary above the rest), the words side by side (a
phrase query), their exact diacritics (the original words: the fields keep
the original tokens beside the folded ones and queries are not folded), and a
large constant for the document number, which puts that document first.
"""

from __future__ import annotations

from elasticsearch.dsl import A, Q, Search

from ..parsing import ParsedQuery
from ..postgres.ranking import rank_candidates
from ..query import SearchQuery
from .mapping import MATCHED_FIELD, WEIGHED_FIELDS, alias_name

DOC_NUMBER_BOOST = 1000.0
# A fixed seed: the same query over the same index gives the same estimates.
SAMPLE_SEED = 2025
ADJACENT_BOOST = 2.0
EXACT_BOOST = 0.5
# Terms aggregations return every value (facets keep the top 20 after ordering by
# count, then label, like the PostgreSQL engine); units: a province has a few thousand.
FACET_SIZES = {"unit": 10000, "kind": 100, "doc_type": 500, "issuer": 2000, "year": 500}
FACET_FIELDS = {
    "unit": "unit_id",
    "kind": "kind",
    "doc_type": "doc_type",
    "issuer": "issuer",
    "year": "year",
}


def matching(parsed: ParsedQuery) -> Q | None:
    """What a row must contain (None: no text condition)."""
    every_word = {"query": " ".join(parsed.folded_words), "operator": "and"}
    text = [Q("match", **{MATCHED_FIELD: every_word})] if parsed.folded_words else []
    text += [
        Q("match_phrase", **{MATCHED_FIELD: " ".join(phrase)}) for phrase in parsed.folded_phrases
    ]
    must_not = [Q("match", **{MATCHED_FIELD: word}) for word in parsed.folded_excluded]
    text_query = Q("bool", filter=text, must_not=must_not) if text else None
    if not parsed.doc_keys:
        return text_query
    number = Q(
        "constant_score", filter=Q("terms", doc_key=list(parsed.doc_keys)), boost=DOC_NUMBER_BOOST
    )
    if text_query is None:
        return number
    return Q("bool", should=[text_query, number], minimum_should_match=1)


def ranking(parsed: ParsedQuery) -> list[Q]:
    """The clauses that score the candidates (rows that already match)."""
    clauses = []
    phrase_words = tuple(word for phrase in parsed.folded_phrases for word in phrase)
    found = " ".join(parsed.folded_words + phrase_words)
    if found:
        clauses.append(Q("match", **{MATCHED_FIELD: found}))
        weighed = [f"{name}^{weight}" for name, weight in WEIGHED_FIELDS.items()]
        # Per word the best of title and summary: a word in both counts once.
        clauses.append(Q("multi_match", query=found, fields=weighed, type="cross_fields"))
    if len(parsed.folded_words) > 1:
        words = " ".join(parsed.folded_words)
        adjacent = {"query": words, "boost": ADJACENT_BOOST}
        clauses.append(Q("match_phrase", **{MATCHED_FIELD: adjacent}))
    if parsed.all_words:
        exact = " ".join(parsed.all_words)
        clauses.append(Q("match", **{MATCHED_FIELD: {"query": exact, "boost": EXACT_BOOST}}))
    return clauses


def filters(query: SearchQuery, unit_ids: list[int]) -> list[Q]:
    conditions = [Q("terms", unit_id=unit_ids)]
    for field, values in (
        ("kind", query.kinds),
        ("doc_type", query.doc_types),
        ("issuer", query.issuers),
        ("year", query.years),
    ):
        if values:
            conditions.append(Q("terms", **{field: list(values)}))
    if query.signed_only:
        conditions.append(Q("term", signature_valid=True))
    dates = {}
    if query.date_from:
        dates["gte"] = query.date_from.isoformat()
    if query.date_to:
        dates["lte"] = query.date_to.isoformat()
    if dates:
        conditions.append(Q("range", day=dates))
    return conditions


def build_search(
    query: SearchQuery, parsed: ParsedQuery, unit_ids: list[int], client, total_limit: int
) -> Search:
    """The request for one page of hits; matches are counted up to `total_limit` only.

    By relevance, the candidates are the first `rank_candidates()` matches
    the index yields (at least the page's depth), as the PostgreSQL engine
    ranks a bounded set of candidates: matching scores nothing, so a word
    common to most of the network costs no more than a rarer one, and the
    ranking clauses score only the candidates (a rescore). A document number
    scores in the matching itself, so its document is always a candidate.
    Ties keep the index's order.
    """
    must = matching(parsed)
    search_query = Q(
        "bool", must=[must] if must is not None else [], filter=filters(query, unit_ids)
    )
    search = Search(using=client, index=alias_name()).query(search_query)
    depth = query.offset + query.page_size
    extra = {}
    if query.sort == "date" or must is None:
        search = search.sort({"day": "desc"}, {"published_at": "desc"}, {"publication_id": "desc"})
    else:
        clauses = ranking(parsed)
        if clauses:
            extra["rescore"] = {
                "window_size": max(rank_candidates(), depth),
                "query": {"rescore_query": Q("bool", should=clauses).to_dict()},
            }
    return search.extra(
        from_=query.offset,
        size=query.page_size,
        track_total_hits=total_limit,
        _source=["publication_id"],
        **extra,
    )


def build_facets_search(
    query: SearchQuery,
    parsed: ParsedQuery,
    unit_ids: list[int],
    client,
    probability: float = 1.0,
    stop_after: int | None = None,
) -> Search:
    """The request for every facet's counts over the matches, unscored; below probability 1
    under a `random_sampler` aggregation named "sample" (see `search.elastic.counting`);
    with `stop_after`, the node may stop collecting after that many matches."""
    must = matching(parsed)
    conditions = ([must] if must is not None else []) + filters(query, unit_ids)
    search = Search(using=client, index=alias_name()).query(Q("bool", filter=conditions))
    parent = search.aggs
    if probability < 1:
        parent = parent.bucket(
            "sample", A("random_sampler", probability=probability, seed=SAMPLE_SEED)
        )
    for key, field in FACET_FIELDS.items():
        parent.bucket(key, A("terms", field=field, size=FACET_SIZES[key]))
    extra = {"terminate_after": stop_after} if stop_after else {}
    # A sample has a count of its own; over the whole index the total is counted here.
    return search.extra(size=0, track_total_hits=probability == 1, **extra)
