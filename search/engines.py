"""The search engine interface and the choice of engine.

`PORTAL_SEARCH_ENGINE` names the engine: "postgres" (default; the embedded
one) or "elasticsearch". When Elasticsearch is chosen but does not answer,
searches are answered by PostgreSQL and the log says so.
"""

from __future__ import annotations

import logging
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

from .query import SearchQuery, SearchResults

logger = logging.getLogger(__name__)

ENGINES = {
    "postgres": "search.postgres.engine.PostgresEngine",
    "elasticsearch": "search.elastic.engine.ElasticsearchEngine",
}
DEFAULT_ENGINE = "postgres"


@runtime_checkable
class SearchEngine(Protocol):
    """What the search page and the API need from an engine."""

    name: str

    def search(self, query: SearchQuery) -> SearchResults:
        """One page of results for `query` (visibility and scope applied)."""

    def is_available(self) -> bool:
        """Whether the engine answers now (cheap; called before each search)."""

    def suggest(self, unit_id: int, typed: tuple[str, ...], limit: int) -> list:
        """Rows of one portal whose title or number holds every typed (folded) word, the last
        one as a beginning, newest first (see `search.suggest`)."""

    def corrections(self, words: tuple[str, ...]) -> dict[str, list[str]]:
        """For each folded word no visible row holds, the words one edit away that rows hold,
        commonest first (see `search.spelling`)."""


def engine_named(name: str) -> SearchEngine:
    """A new engine of the given name ("postgres" or "elasticsearch")."""
    if name not in ENGINES:
        raise ValueError(f"Unknown search engine {name!r}; expected one of {sorted(ENGINES)}.")
    return import_string(ENGINES[name])()


def configured_engine_name() -> str:
    return settings.PORTAL_SEARCH_ENGINE or DEFAULT_ENGINE


def get_engine() -> SearchEngine:
    """The configured engine if it answers, else PostgreSQL (with a warning in the log)."""
    name = configured_engine_name()
    engine = engine_named(name)
    if name == DEFAULT_ENGINE:
        return engine
    try:
        available = engine.is_available()
    except Exception:  # any failure to reach the engine means: answer from PostgreSQL
        logger.exception("Search engine %s failed its availability check.", name)
        available = False
    if available:
        return engine
    logger.warning("Search engine %s is unavailable; answering from PostgreSQL.", name)
    return engine_named(DEFAULT_ENGINE)
