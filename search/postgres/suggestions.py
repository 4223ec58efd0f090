"""Suggestions as people type (`search.suggest`) from the PostgreSQL search rows.

Title and document number are the lexemes of weights A and B: the typed words
must be among them, the last one as a beginning (a prefix lexeme, which the
GIN index answers), in one portal (its facet lexeme, in the same index).
A beginning of one or two letters ("kinh t") stands for thousands of lexemes
(every word in t...), which the index would read in full: after whole words,
the index finds the portal's rows holding those, and the beginning filters
them.
"""

from __future__ import annotations

from portal.tenancy.replica.router import reading_connection

from ..suggest import Suggestion

_SQL = """
SELECT p.title, p.url, p.doc_number
FROM portal_search_searchentry e
JOIN portal_publications_publication p ON p.id = e.publication_id
WHERE e.live AND e.unit_id = %(unit)s
  AND e.document @@ to_tsquery('simple', %(words)s) AND e.facets @@ %(facet)s::tsquery
ORDER BY e.day DESC, e.publication_id DESC
LIMIT %(limit)s
"""


# The rows holding the whole words, found by the index (the CTE is materialised so that the
# beginning is not read from the index too); the searchentry join has no `live` condition, so
# the partial GIN index cannot serve it either.
_SHORT_BEGINNING_SQL = """
WITH found AS MATERIALIZED (
  SELECT e.publication_id
  FROM portal_search_searchentry e
  WHERE e.live AND e.unit_id = %(unit)s
    AND e.document @@ to_tsquery('simple', %(words)s) AND e.facets @@ %(facet)s::tsquery
)
SELECT p.title, p.url, p.doc_number
FROM found f
JOIN portal_search_searchentry e ON e.publication_id = f.publication_id
JOIN portal_publications_publication p ON p.id = f.publication_id
WHERE e.document @@ to_tsquery('simple', %(beginning)s)
ORDER BY e.day DESC, e.publication_id DESC
LIMIT %(limit)s
"""
# Beginnings shorter than this follow whole words as a filter, not through the index.
SHORT_BEGINNING = 3


def suggest(unit_id: int, typed: tuple[str, ...], limit: int) -> list[Suggestion]:
    *whole, beginning = typed
    # Words are letters and digits only: quoting them is safe.
    whole_words = [f"'{word}':AB" for word in whole]
    prefix = f"'{beginning}':*AB"
    params = {"unit": unit_id, "facet": f"'#u{int(unit_id)}'", "limit": limit}
    if whole and len(beginning) < SHORT_BEGINNING:
        sql = _SHORT_BEGINNING_SQL
        params.update(words=" & ".join(whole_words), beginning=prefix)
    else:
        sql = _SQL
        params.update(words=" & ".join([*whole_words, prefix]))
    with reading_connection().cursor() as cursor:
        cursor.execute(sql, params)
        return [Suggestion(*row) for row in cursor.fetchall()]
