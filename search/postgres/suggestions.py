"""Suggestions as people type (`search.suggest`) from the PostgreSQL search rows.

Title and document number are the lexemes of weights A and B: the typed words
must be among them, the last one as a beginning (a prefix lexeme, which the
GIN index answers), in one portal (its facet lexeme, in the same index).
"""

from __future__ import annotations

from django.db import connection

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


def suggest(unit_id: int, typed: tuple[str, ...], limit: int) -> list[Suggestion]:
    *whole, beginning = typed
    # Words are letters and digits only: quoting them is safe.
    words = [f"'{word}':AB" for word in whole] + [f"'{beginning}':*AB"]
    params = {
        "unit": unit_id,
        "words": " & ".join(words),
        "facet": f"'#u{int(unit_id)}'",
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(_SQL, params)
        return [Suggestion(*row) for row in cursor.fetchall()]
