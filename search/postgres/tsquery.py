"""tsquery text from a parsed query. Lexemes are letters and digits only, so quoting is safe."""

from __future__ import annotations

from ..parsing import ParsedQuery


def _lexeme(word: str) -> str:
    return f"'{word}'"


def _phrase(words: tuple[str, ...]) -> str:
    return "(" + " <-> ".join(_lexeme(word) for word in words) + ")"


def matching(parsed: ParsedQuery) -> str:
    """Every free word, every phrase (adjacent words), none of the excluded words."""
    parts = [_lexeme(word) for word in parsed.folded_words]
    parts += [_phrase(phrase) for phrase in parsed.folded_phrases]
    query = " & ".join(parts)
    if query and parsed.folded_excluded:
        query += " & " + " & ".join(f"!{_lexeme(word)}" for word in parsed.folded_excluded)
    return query


def adjacent(parsed: ParsedQuery) -> str:
    """All the free words as one phrase: entries with them side by side rank higher."""
    if len(parsed.folded_words) < 2:
        return ""
    return _phrase(parsed.folded_words)


def exact(parsed: ParsedQuery) -> str:
    """Any word in its original form (diacritics included): exact forms rank higher."""
    return " | ".join(_lexeme(word) for word in parsed.all_words)
