"""The Elasticsearch engine of the search contract (`search.engines.SearchEngine`)."""

from __future__ import annotations

import logging

from elasticsearch import ApiError, TransportError
from elasticsearch.dsl import MultiSearch

from ..engines import engine_named
from ..parsing import parse
from ..postgres.counting import exact_count_limit
from ..query import SearchQuery, SearchResults
from ..results import facets_from_counts, hits_for
from ..suggest import Suggestion
from ..unit_directory import units
from ..visibility import scope_unit_ids, visible_publications
from . import breaker, counting
from .client import search_client
from .index import mapping_versions, outdated
from .mapping import alias_name
from .queries import (
    build_facets_search,
    build_search,
    corrections_from,
    spelling_suggestions,
    suggestion_search,
)

logger = logging.getLogger(__name__)

FACET_LIMIT = 20
# Deep pages cost Elasticsearch more than they help anyone (max_result_window).
MAX_RESULT_WINDOW = 10000


class ElasticsearchEngine:
    """Searches the network's alias; hits are read back from the ledger, so they are current."""

    name = "elasticsearch"

    def is_available(self) -> bool:
        """The node answers and the alias leads to an index made for this code's queries.

        Not asked at all while the circuit breaker is open after a failure (`breaker`)."""
        if not breaker.allows_a_try():
            return False
        try:
            versions = mapping_versions(search_client())
        except (TransportError, ApiError) as error:
            breaker.record_failure(error)
            return False
        breaker.record_success()
        older = outdated(versions)
        if older:
            logger.warning(
                "Search index %s was made from an older mapping: run manage.py search_rebuild "
                "(the search_index worker does at its start).",
                older,
            )
        return bool(versions) and not older

    def suggest(self, unit_id: int, typed: tuple[str, ...], limit: int) -> list[Suggestion]:
        """Read back from the visible ledger rows (the index may lag a withdrawal by a second);
        PostgreSQL answers when the node fails."""
        try:
            response = suggestion_search(search_client(), unit_id, typed, limit).execute()
        except (TransportError, ApiError):
            logger.warning("Elasticsearch failed to suggest; answering from PostgreSQL.")
            return engine_named("postgres").suggest(unit_id, typed, limit)
        ids = [hit.publication_id for hit in response]
        # Only what a suggestion shows: a row's body and attachments may be long.
        rows = {
            pk: Suggestion(title, url, number)
            for pk, title, url, number in visible_publications()
            .filter(pk__in=ids)
            .values_list("pk", "title", "url", "doc_number")
        }
        return [rows[pk] for pk in ids if pk in rows]

    def corrections(self, words: tuple[str, ...]) -> dict[str, list[str]]:
        """The term suggester, limited as `search.spelling` says (one edit, first letter kept)."""
        try:
            response = search_client().search(
                index=alias_name(), size=0, suggest=spelling_suggestions(words)
            )
        except (TransportError, ApiError):
            logger.warning("Elasticsearch gave no spelling suggestions.", exc_info=True)
            return {}
        return corrections_from(words, response["suggest"])

    def search(self, query: SearchQuery) -> SearchResults:
        network = units()  # read once: the scope, the hits and the facets name the same units
        unit_ids = scope_unit_ids(query, network)
        if not unit_ids or query.offset + query.page_size > MAX_RESULT_WINDOW:
            return SearchResults(count=0, hits=[], facets={}, engine=self.name)
        parsed = parse(query.text)
        try:
            response, counts = self._page_and_counts(query, parsed, unit_ids)
        except (TransportError, ApiError) as error:
            # It answered the availability check a moment ago; the citizen still gets results.
            breaker.record_failure(error)
            logger.warning(
                "Elasticsearch failed during a search; answering from PostgreSQL.", exc_info=True
            )
            return engine_named("postgres").search(query)
        ids = [hit.publication_id for hit in response]
        return SearchResults(
            count=counts.total,
            # Read back from the visible rows only: the outbox may lag a withdrawal by a second.
            hits=hits_for(ids, parsed, network, visible_publications()),
            facets=facets_from_counts(counts.facets, FACET_LIMIT, network),
            engine=self.name,
            count_estimated=counts.estimated,
        )

    @staticmethod
    def _page_and_counts(query: SearchQuery, parsed, unit_ids: list[int]):
        """The page's response and the counts.

        One request (`_msearch`) carries the page, which counts matches up to the
        bound, and a sample of the facets. When the page counted no more than the
        bound, the facets are counted exactly over those matches: by a search in
        the same request when the query is likely to match few rows (a filter or a
        document number narrows it), else by one more search. (An aggregation over
        a common word's matches is what the bound avoids, and `terminate_after` did
        not stop one early.) On a small index the sample is every match.
        """
        client = search_client()
        limit = exact_count_limit()
        probability = counting.sample_probability(client)
        searches = (
            MultiSearch(using=client, index=alias_name())
            .add(build_search(query, parsed, unit_ids, client, limit))
            .add(build_facets_search(query, parsed, unit_ids, client, probability))
        )
        few = probability < 1 and (query.has_filters or bool(parsed.doc_keys))
        if few:
            searches = searches.add(
                build_facets_search(query, parsed, unit_ids, client, stop_after=limit + 1)
            )
        page, facets, *bounded = searches.execute()
        if probability == 1:
            every = facets.hits.total.value
            # Above the bound the figures are exact here, but labelled as they would be on a
            # bigger index.
            return page, counting.counted(every, facets.aggregations, estimated=every > limit)
        total = page.hits.total
        if total.relation == "gte":
            return page, counting.estimated(facets.aggregations.sample, probability)
        exact = (
            bounded[0] if few else build_facets_search(query, parsed, unit_ids, client).execute()
        )
        return page, counting.counted(total.value, exact.aggregations, estimated=False)
