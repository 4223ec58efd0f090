"""How common a query's words are, from the statistics ANALYZE keeps.

The planner multiplies the shares of words that come together ("phòng chống
thiên tai") as if they were independent, so it cannot tell a query matching a
tenth of the network from one matching a few rows. Counting
(`search.postgres.counting`) reads the share of the query's rarest word from
the column's most common elements instead (one catalog query, no rows read):
at most that share of the rows can match.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

_RAREST_WORD = """
    SELECT CASE WHEN count(*) = cardinality(%(words)s::text[]) THEN min(common.share) ELSE 0 END,
           (SELECT reltuples FROM pg_class WHERE oid = 'portal_search_searchentry'::regclass)
    FROM pg_stats stats,
         unnest(stats.most_common_elems::text::text[], stats.most_common_elem_freqs) AS common(word, share)
    WHERE stats.tablename = 'portal_search_searchentry' AND stats.attname = 'document'
      AND stats.schemaname = (SELECT relnamespace::regnamespace::text FROM pg_class
                              WHERE oid = 'portal_search_searchentry'::regclass)
      AND common.word = ANY(%(words)s::text[])
"""


@dataclass(frozen=True)
class Shares:
    """`rarest_word`: the share of rows holding the query's rarest word (0 when one is not
    among the column's common elements: it is rare); `rows`: the table's rows (estimated)."""

    rarest_word: float
    rows: float


def shares(words: tuple[str, ...]) -> Shares:
    """`words`: the folded words every match holds."""
    with connection.cursor() as cursor:
        cursor.execute(_RAREST_WORD, {"words": sorted(set(words))})
        rarest_word, rows = cursor.fetchone()
    return Shares(rarest_word=(rarest_word or 0.0) if words else 0.0, rows=max(rows or 0.0, 1.0))
