"""Suggestions as people type in a search box: document numbers and titles of the portal.

`GET /api/search/suggest/?q=...` answers with at most LIMIT rows of the
current portal whose title or document number holds every typed word, the
last one as a beginning ("thong bao ket" finds "Thông báo kết luận", "374"
finds "374-TB/HU"), newest first, from the configured engine. It is not
counted by the search rate limit (a box asks at every pause in typing), so it
stays cheap: the words of title and number only, one portal, a few rows. The
search box works without it: its form is a plain search.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import fold, words

LIMIT = 8
MAX_CHARACTERS = 100
MAX_WORDS = 8
# Beginnings shorter than this match too many words to be of use.
MIN_CHARACTERS = 2


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    doc_number: str


def typed_words(text: str) -> tuple[str, ...]:
    """The folded words to look for, the last one a beginning; () when too little or too much
    was typed to suggest anything."""
    text = (text or "")[:MAX_CHARACTERS]
    found = tuple(fold(word) for word in words(text.replace("\x00", " ")))
    if not found or len(found) > MAX_WORDS or len("".join(found)) < MIN_CHARACTERS:
        return ()
    return found


def suggestions(engine, unit_id: int, text: str) -> list[Suggestion]:
    typed = typed_words(text)
    if not typed:
        return []
    return engine.suggest(unit_id, typed, LIMIT)
