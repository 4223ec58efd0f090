"""How common a query's words and filter values are, from the statistics ANALYZE keeps.

The planner multiplies the shares of words that come together ("phòng chống
thiên tai") as if they were independent and takes reading a common word from
the index for cheap; neither holds for common syllables. The engine reads
the columns' most common elements itself (one catalog query, no rows read)
to decide which words go through the index (`search.postgres.engine`) and
whether counting may read the table in order (`search.postgres.counting`).
An element missing from them is rarer than the rarest one kept, which bounds
its share. Without statistics (a table never analysed) nothing is decided:
every word goes through the index.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import connection

# Words are taken to the index, rarest first, until it should hand at most this many rows to
# the table; the others are checked on those rows. Reading a common word's entries in the
# index costs more than checking it on a few thousand rows.
CHECKED_ROWS = 3_000

# Per column: the share of each element asked for, then (element NULL) the rarest share kept,
# which PostgreSQL stores after the elements' own. Then the table's rows.
_COMMON_ELEMENTS = """
    WITH stats AS (
      SELECT attname, most_common_elems::text::text[] AS elements, most_common_elem_freqs AS shares
      FROM pg_stats
      WHERE tablename = 'portal_search_searchentry' AND attname IN ('document', 'facets')
        AND schemaname = (SELECT relnamespace::regnamespace::text FROM pg_class
                          WHERE oid = 'portal_search_searchentry'::regclass)
    )
    SELECT attname, common.element, common.share
    FROM stats, unnest(stats.elements, stats.shares) AS common(element, share)
    WHERE common.element = ANY(%(elements)s::text[])
    UNION ALL
    SELECT attname, NULL, shares[cardinality(elements) + 1] FROM stats
    UNION ALL
    SELECT '', NULL, reltuples FROM pg_class WHERE oid = 'portal_search_searchentry'::regclass
"""


@dataclass(frozen=True)
class Shares:
    """`words`: the share of rows holding each of the query's words (at most); `filters`: the
    share of rows the filter values let through (1 without filters; values taken as
    independent); `rows`: the table's rows; `known`: whether the words have statistics."""

    words: dict[str, float]
    filters: float
    rows: float
    known: bool

    @property
    def expected(self) -> float:
        """The share of rows expected to match at most, as if words and filters were independent
        (0 without words or statistics)."""
        if not (self.known and self.words):
            return 0.0
        return min(self.words.values()) * self.filters

    def index_words(self) -> tuple[str, ...]:
        """The words to look up in the index, rarest first: enough to leave about CHECKED_ROWS
        rows."""
        if not self.known:
            return tuple(self.words)
        chosen = []
        left = self.rows * self.filters
        for word in sorted(self.words, key=lambda word: (self.words[word], word)):
            if chosen and left <= CHECKED_ROWS:
                break
            chosen.append(word)
            left *= self.words[word]
        return tuple(chosen)


def shares(words: tuple[str, ...], filter_groups: list[list[str]]) -> Shares:
    """`words`: folded words every match holds; `filter_groups`: facet lexemes, one of each
    group."""
    elements = sorted(set(words) | {lexeme for group in filter_groups for lexeme in group})
    with connection.cursor() as cursor:
        cursor.execute(_COMMON_ELEMENTS, {"elements": elements})
        found = cursor.fetchall()
    common = {(column, element): share for column, element, share in found if element is not None}
    rarest_kept = {column: share for column, element, share in found if element is None and column}
    rows = next((share for column, _element, share in found if not column), None) or 1.0

    def share(column: str, element: str) -> float:
        return common.get((column, element), rarest_kept.get(column) or 1.0)

    filters = math.prod(
        min(1.0, sum(share("facets", lexeme) for lexeme in group)) for group in filter_groups
    )
    return Shares(
        words={word: share("document", word) for word in words},
        filters=filters,
        rows=max(rows, 1.0),
        known=rarest_kept.get("document") is not None,
    )
