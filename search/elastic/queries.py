"""A SearchQuery as an Elasticsearch request (elasticsearch.dsl), matching the PostgreSQL engine.

Matching: every free word and every quoted phrase, folded, in `all_text`
(every text field of the row, see `search.elastic.mapping`); none of the
excluded words; or the document number written in the query. Ranking, over a
bounded set of candidates: the tiers of `search.relevance` (constant scores:
the document number, faithful diacritics, the words side by side, every word
in title, number or summary), then, scaled below 1, the words' relevance in the
whole text, where they were found, successive words side by side and their
exact diacritics (the fields keep the original tokens beside the folded ones
and queries are not folded).
"""

from __future__ import annotations

from elasticsearch.dsl import A, Q, Search

from .. import relevance as rules
from .. import spelling
from ..parsing import ParsedQuery
from ..postgres.ranking import rank_candidates
from ..query import SearchQuery
from ..text import fold
from .mapping import MATCHED_FIELD, NUMBER_WORDS_FIELD, WEIGHED_FIELDS, alias_name

DOC_NUMBER_BOOST = 1000.0
# BM25 times this stays below 1 for the queries people type, so the words' relevance orders
# rows within a tier of `search.relevance` and never outweighs one.
RELEVANCE_SCALE = 0.001
# A fixed seed: the same query over the same index gives the same estimates.
SAMPLE_SEED = 2025
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


def relevance(parsed: ParsedQuery) -> list[Q]:
    """The words' own relevance (BM25): orders candidates within a tier of `search.relevance`."""
    clauses = []
    found = " ".join(parsed.required_words)
    if found:
        clauses.append(Q("match", **{MATCHED_FIELD: found}))
        weighed = [f"{name}^{weight}" for name, weight in WEIGHED_FIELDS.items()]
        # Per word the best of title, number and summary: a word in several counts once.
        clauses.append(Q("multi_match", query=found, fields=weighed, type="cross_fields"))
    words = parsed.folded_words
    # Two successive words side by side: words close together rank higher.
    clauses += [
        Q("match_phrase", **{MATCHED_FIELD: " ".join(words[i : i + 2])})
        for i in range(len(words) - 1)
    ]
    if parsed.all_words:
        exact = " ".join(parsed.all_words)
        clauses.append(Q("match", **{MATCHED_FIELD: {"query": exact, "boost": EXACT_BOOST}}))
    return clauses


def tiers(parsed: ParsedQuery) -> list[Q]:
    """The tiers of `search.relevance`, each a constant score a row meets or not."""
    clauses = []
    if parsed.required_words:
        fields = list(WEIGHED_FIELDS)
        every_word_prominent = Q(
            "bool",
            filter=[Q("multi_match", query=word, fields=fields) for word in parsed.required_words],
        )
        clauses.append(_tier(every_word_prominent, rules.PROMINENT))
    if len(parsed.folded_words) > 1:
        side_by_side = Q("match_phrase", **{MATCHED_FIELD: " ".join(parsed.folded_words)})
        clauses.append(_tier(side_by_side, rules.ADJACENT))
    if parsed.marked_words:
        # Queries are not folded: a word with diacritics matches that very form only.
        as_typed = [Q("match", **{MATCHED_FIELD: word}) for word in parsed.marked_words]
        clauses.append(_tier(Q("bool", filter=as_typed), rules.FAITHFUL))
    if parsed.doc_keys:
        clauses.append(_tier(Q("terms", doc_key=list(parsed.doc_keys)), rules.NUMBER_EXACT))
    if parsed.number_prefixes:
        # Keys are letters and digits only: safe inside the pattern.
        beginning = "(" + "|".join(parsed.number_prefixes) + ")([A-Z].*)?"
        clauses.append(_tier(Q("regexp", doc_key=beginning), rules.NUMBER_PREFIX))
    return clauses


def _tier(condition: Q, points: float) -> Q:
    return Q("constant_score", filter=condition, boost=points)


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
        window = max(rank_candidates(), depth)
        # First the words' relevance alone, then scaled below 1 under the tiers.
        extra["rescore"] = [
            {
                "window_size": window,
                "query": {
                    "rescore_query": Q("bool", should=relevance(parsed)).to_dict(),
                    "query_weight": 0,
                },
            },
            {
                "window_size": window,
                "query": {
                    "rescore_query": Q("bool", should=tiers(parsed)).to_dict(),
                    "query_weight": RELEVANCE_SCALE,
                },
            },
        ]
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


def spelling_suggestions(words: tuple[str, ...]) -> dict:
    """One term suggestion per word, within `search.spelling`'s limits; only for words no row
    holds (`missing`)."""
    return {
        f"w{index}": {
            "text": word,
            "term": {
                "field": MATCHED_FIELD,
                "suggest_mode": "missing",
                "max_edits": 1,
                "prefix_length": 1,
                "min_word_length": spelling.MIN_LENGTH,
                "sort": "frequency",
                "size": spelling.ATTEMPTS,
            },
        }
        for index, word in enumerate(words)
    }


def corrections_from(words: tuple[str, ...], suggest: dict) -> dict[str, list[str]]:
    """The suggestions of each word, folded (the field holds original forms too), commonest
    first."""
    corrected = {}
    for index, word in enumerate(words):
        options = [option for entry in suggest.get(f"w{index}", []) for option in entry["options"]]
        folded = {}
        for option in options:
            candidate = fold(option["text"])
            if candidate != word:
                folded[candidate] = folded.get(candidate, 0) + option["freq"]
        corrected[word] = sorted(folded, key=lambda candidate: (-folded[candidate], candidate))
    return corrected


def suggestion_search(client, unit_id: int, typed: tuple[str, ...], limit: int) -> Search:
    """Rows of one portal whose title or number holds every typed word, the last one as a
    beginning, newest first (`search.suggest`)."""
    fields = ["title", NUMBER_WORDS_FIELD]
    *whole, beginning = typed
    words = [Q("multi_match", query=word, fields=fields) for word in whole]
    words.append(Q("multi_match", query=beginning, fields=fields, type="phrase_prefix"))
    return (
        Search(using=client, index=alias_name())
        .query(Q("bool", filter=[Q("term", unit_id=unit_id), *words]))
        .sort({"day": "desc"}, {"publication_id": "desc"})
        .extra(size=limit, track_total_hits=False, _source=["publication_id"])
    )
