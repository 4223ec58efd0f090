"""tsquery text from a parsed query and its filters.

Word lexemes are letters and digits only, facet lexemes `#`, a letter and
digits or hex: quoting them is safe.
"""

from __future__ import annotations

import hashlib

from ..parsing import ParsedQuery
from ..query import SearchQuery

# Up to this many units, the scope is a facet condition in the index (a few posting lists);
# a wider scope covers most rows anyway and is checked on the rows found.
UNIT_TERMS_LIMIT = 10


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


def required_words(parsed: ParsedQuery) -> tuple[str, ...]:
    """The folded words every match holds (free words and the words of phrases), once each."""
    return parsed.required_words


def adjacent(parsed: ParsedQuery) -> str:
    """All the free words as one phrase: entries with them side by side rank higher."""
    if len(parsed.folded_words) < 2:
        return ""
    return _phrase(parsed.folded_words)


def pairs(parsed: ParsedQuery) -> str:
    """Any two successive free words side by side: words close together rank higher."""
    words = parsed.folded_words
    return " | ".join(_phrase(words[i : i + 2]) for i in range(len(words) - 1))


def exact(parsed: ParsedQuery) -> str:
    """Any word in its original form (diacritics included): exact forms rank higher."""
    return " | ".join(_lexeme(word) for word in parsed.all_words)


def faithful(parsed: ParsedQuery) -> str:
    """Every word typed with diacritics, in that very form ("" when none has any)."""
    return all_of(parsed.marked_words)


def prominent(parsed: ParsedQuery) -> str:
    """Every word in the title, the document number or the summary (weights A, B, C)."""
    return " & ".join(f"{_lexeme(word)}:ABC" for word in parsed.required_words)


def all_of(words: tuple[str, ...]) -> str:
    """Every one of `words`."""
    return " & ".join(_lexeme(word) for word in words)


def facet_groups(query: SearchQuery, unit_ids: list[int]) -> list[list[str]]:
    """The query's filters as `portal_search_facets` lexemes: a row has one of each group."""
    groups = [
        [f"#k{_md5(kind)}" for kind in query.kinds],
        [f"#t{_md5(doc_type)}" for doc_type in query.doc_types],
        [f"#i{_md5(issuer)}" for issuer in query.issuers],
        [f"#y{int(year)}" for year in query.years],
    ]
    if len(unit_ids) <= UNIT_TERMS_LIMIT:
        groups.append([f"#u{int(unit_id)}" for unit_id in unit_ids])
    return [terms for terms in groups if terms]


def facets(groups: list[list[str]]) -> str:
    """Facet lexeme groups as a tsquery ("" for none)."""
    return " & ".join("(" + " | ".join(_lexeme(term) for term in terms) + ")" for terms in groups)


def _md5(value: str) -> str:
    """As PostgreSQL's md5(text) on the UTF-8 database."""
    return hashlib.md5(value.encode(), usedforsecurity=False).hexdigest()
