"""Typing slips: a query that finds nothing is searched again with its misspelt words corrected.

A word is misspelt when no visible row holds it; its corrections are the words
one edit away (a letter missing, doubled, swapped, replaced or added; a wrong
tone mark needs none, words are compared folded) that rows hold; of the
commonest ATTEMPTS, the one with which the whole query finds the most rows is
taken ("cuog" in "tăng cuog công tác": "cung" is a commoner word, "cuong" the
one found with the others).
Both engines follow the same rule: PostgreSQL looks up the candidates this
module spells out (`one_edit_away`), Elasticsearch asks its term suggester
with the same limits (one edit, the first letter kept, words of at least
MIN_LENGTH letters). The corrected query only runs when the typed one found
nothing, so corrections never push down a row holding the words as typed;
the page offers the corrected query ("Bạn có muốn tìm …").
"""

from __future__ import annotations

from dataclasses import replace

from .engines import SearchEngine
from .parsing import ParsedQuery, parse
from .query import SearchQuery, SearchResults
from .text import fold

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
# Shorter words have too many neighbours to guess from ("so", "to", "ba").
MIN_LENGTH = 4
# Corrected queries tried at most (each a search, only after a query found nothing).
ATTEMPTS = 6


def one_edit_away(word: str) -> set[str]:
    """Every word one edit from `word` (delete, swap, replace, insert), first letter kept."""
    head, rest = word[:1], word[1:]
    splits = [(rest[:i], rest[i:]) for i in range(len(rest) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + letter + b[1:] for a, b in splits if b for letter in ALPHABET}
    edits |= {a + letter + b for a, b in splits for letter in ALPHABET}
    return {head + edit for edit in edits} - {word}


def checked_words(parsed: ParsedQuery) -> tuple[str, ...]:
    """The folded words worth correcting: long enough, letters (numbers are typed on purpose)."""
    return tuple(
        word for word in parsed.required_words if len(word) >= MIN_LENGTH and word.isalpha()
    )


def attempts(candidates: dict[str, list[str]]) -> list[dict[str, str]]:
    """The corrections to try in turn: each word's commonest candidate, then its next ones."""
    tries = []
    for rank in range(ATTEMPTS):
        choice = {
            word: options[min(rank, len(options) - 1)] for word, options in candidates.items()
        }
        if choice not in tries:
            tries.append(choice)
    return tries


def corrected_text(parsed: ParsedQuery, corrections: dict[str, str]) -> str:
    """The query again with each misspelt word replaced (phrases quoted, exclusions kept)."""

    def fix(word: str) -> str:
        return corrections.get(fold(word), word)

    parts = [fix(word) for word in parsed.words]
    parts += ['"' + " ".join(fix(word) for word in phrase) + '"' for phrase in parsed.phrases]
    parts += [f"-{word}" for word in parsed.excluded]
    return " ".join(parts)


def search_with_corrections(
    engine: SearchEngine, query: SearchQuery, results: SearchResults
) -> SearchResults:
    """`results` when they found something; else the corrected query's results (flagged with
    `corrected`), when a correction exists and finds something."""
    if results.count or query.page != 1:
        return results
    parsed = parse(query.text)
    words = checked_words(parsed)
    if not words:
        return results
    candidates = {word: options for word, options in engine.corrections(words).items() if options}
    best = results
    for corrections in attempts(candidates):
        text = corrected_text(parsed, corrections)
        found = engine.search(replace(query, text=text))
        if found.count > best.count:
            best = replace(found, corrected=text)
    return best
