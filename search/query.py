"""What every search engine receives and answers: the shared search contract.

Both engines (PostgreSQL in `search.postgres`, Elasticsearch in
`search.elastic`) take a `SearchQuery` and return `SearchResults`; the page
and the API only ever see these types.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

SCOPES = ("portal", "subtree", "network")
SORTS = ("relevance", "date")
FACET_KEYS = ("unit", "level", "kind", "doc_type", "issuer", "year")


@dataclass(frozen=True)
class SearchQuery:
    """One search: the user's text (already validated by `search.validation`) and filters.

    `unit_id` is the unit whose portal the search is made from; `scope` says
    whether to search that portal only ("portal"), it and the units below it
    ("subtree") or every unit ("network"). Empty filter tuples filter nothing.
    """

    text: str
    scope: str
    unit_id: int
    kinds: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()  # Vietnamese labels as editors see them, e.g. "Báo cáo"
    unit_ids: tuple[int, ...] = ()  # facet filter
    issuers: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    signed_only: bool = False  # documents whose digital signature is valid
    sort: str = "relevance"  # or "date"
    page: int = 1
    page_size: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def has_filters(self) -> bool:
        """Whether any filter (kind, type, unit, issuer, year, dates) narrows the matches."""
        return bool(
            self.kinds
            or self.doc_types
            or self.unit_ids
            or self.issuers
            or self.years
            or self.date_from
            or self.date_to
            or self.signed_only
        )


@dataclass(frozen=True)
class SearchHit:
    """One result. `snippet` is safe HTML: escaped text with <mark> around matches."""

    publication_id: int
    title: str
    url: str
    unit_id: int
    unit_name: str
    kind: str
    doc_number: str
    doc_type: str
    issuer: str
    issued: datetime.date | None
    published_at: datetime.datetime
    snippet: str


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what filters by it (`value`), what people read, how many hits."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    """One page of hits, the total count, the facets (keys from FACET_KEYS) and the engine.

    `count_estimated`: the total and the facet counts are estimates (a query
    matching a huge share of the network's rows, see `search.postgres.counting`).
    """

    count: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    engine: str = ""
    count_estimated: bool = False
    # When the query as typed found nothing: the corrected query these results are for.
    corrected: str = ""
