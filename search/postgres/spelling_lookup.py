"""Corrections of misspelt words from the words the visible rows hold (`search.spelling`).

No vocabulary table and no extension (the embedded server has no pg_trgm):
the candidates one edit away are spelt out in Python, a few hundred per word,
and each is looked up in the words' GIN index, which answers for a word no
row holds without reading any row. Only queries that found nothing get here.
"""

from __future__ import annotations

from portal.tenancy.replica.router import reading_connection

from ..spelling import one_edit_away

# Rows counted per candidate to choose the commonest (enough to tell a word from a slip).
COUNTED_ROWS = 50

# Words are letters and digits only: each is a one-lexeme tsquery.
_HELD_SQL = f"""
SELECT word, (
  SELECT count(*) FROM (
    SELECT 1 FROM portal_search_searchentry e
    WHERE e.live AND e.document @@ word::tsquery LIMIT {COUNTED_ROWS}
  ) AS rows
) AS held
FROM unnest(%(words)s::text[]) AS word
"""


def held(words: list[str]) -> dict[str, int]:
    """How many visible rows (up to COUNTED_ROWS) hold each word; absent words are left out."""
    with reading_connection().cursor() as cursor:
        cursor.execute(
            f"SELECT word, held FROM ({_HELD_SQL}) AS counted WHERE held > 0", {"words": words}
        )
        return dict(cursor.fetchall())


def corrections(words: tuple[str, ...]) -> dict[str, list[str]]:
    found = held(list(words))
    corrected = {}
    for word in words:
        if word not in found:
            candidates = held(sorted(one_edit_away(word)))
            corrected[word] = sorted(
                candidates, key=lambda candidate: (-candidates[candidate], candidate)
            )
    return corrected
