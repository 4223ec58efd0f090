"""Highlighted snippets: a short window of text around the first match, safe HTML.

Matching ignores diacritics (as the engines do); the text shown keeps them.
Everything is escaped first, then only our own <mark> tags are added.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape

from .text import fold

SNIPPET_LENGTH = 240


class _AlignedFolding(dict):
    """A `str.translate` table folding one character into one character, filled as characters
    are met (a few hundred distinct ones), so that positions in the result match the text's."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold(ch)
        self[code] = folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch
        return self[code]


_ALIGNED_FOLDING = _AlignedFolding()


def _fold_aligned(text: str) -> str:
    """`fold` character by character, so positions in the result match positions in `text`."""
    return text.translate(_ALIGNED_FOLDING)


def _match_spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    if not terms:
        return []
    alternatives = "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.UNICODE)
    return [match.span() for match in pattern.finditer(folded)]


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """Up to `length` characters of `text` around the first of `terms` (folded words), marked.

    Without a match, the start of the text. Returns safe HTML.
    """
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    folded = _fold_aligned(text)
    spans = _match_spans(folded, [fold(term) for term in terms if term])
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = max(
            text.rfind(" ", start, end), spans[0][1] if spans and spans[0][1] <= end else start + 1
        )
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces).strip()
