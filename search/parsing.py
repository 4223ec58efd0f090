"""What a query asks for: words, quoted phrases, excluded words, document numbers.

Shared by both engines. Only letters and digits ever reach an engine's query
language: every other character separates words, so no input can inject
operators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import DOC_NUMBER_IN_TEXT, doc_numbers_in, fold, lower, words

_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]*)[\"“”„«»]?")
_EXCLUDED = re.compile(r"(?:(?<=\s)|^)-(\w+)", re.UNICODE)


@dataclass(frozen=True)
class ParsedQuery:
    """A query broken down. Words keep their original form (lower case); `folded_*` drop
    diacritics."""

    words: tuple[str, ...]  # free words (outside quotes), lower case, diacritics kept
    phrases: tuple[tuple[str, ...], ...]  # quoted phrases of two words or more
    excluded: tuple[str, ...]  # words after a leading "-"
    doc_keys: tuple[str, ...]  # document numbers written in the query, as keys

    @property
    def all_words(self) -> tuple[str, ...]:
        """Every word that must match: free words, then the words of each phrase."""
        return self.words + tuple(word for phrase in self.phrases for word in phrase)

    @property
    def is_empty(self) -> bool:
        return not (self.all_words or self.doc_keys)

    @property
    def folded_words(self) -> tuple[str, ...]:
        return tuple(fold(word) for word in self.words)

    @property
    def folded_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(fold(word) for word in phrase) for phrase in self.phrases)

    @property
    def folded_excluded(self) -> tuple[str, ...]:
        return tuple(fold(word) for word in self.excluded)

    @property
    def required_words(self) -> tuple[str, ...]:
        """The folded words every match holds (free words and the words of phrases), once each."""
        return tuple(dict.fromkeys(fold(word) for word in self.all_words))

    @property
    def marked_words(self) -> tuple[str, ...]:
        """The words typed with diacritics ("số", not "so"): a match holding only another
        syllable that folds the same ("sở", "sơ") is a weak match, ranked below faithful ones."""
        return tuple(dict.fromkeys(word for word in self.all_words if fold(word) != word))

    @property
    def number_prefixes(self) -> tuple[str, ...]:
        """Document-number keys a number may begin with: the numbers written in full or in part
        ("01-TB/BCD" finds "01-TB/BCĐ-TU") and bare numbers ("374" finds "374-TB/HU")."""
        bare = tuple(w for w in self.words if w.isascii() and w.isdigit() and len(w) <= 6)
        return tuple(dict.fromkeys(self.doc_keys + bare))


def parse(text: str) -> ParsedQuery:
    """Break `text` down; a quoted single word is an ordinary word, an unclosed quote runs to
    the end."""
    phrases: list[tuple[str, ...]] = []
    single: list[str] = []

    def take_phrase(match: re.Match) -> str:
        phrase = tuple(lower(word) for word in words(match.group(1)))
        if len(phrase) > 1:
            phrases.append(phrase)
        else:
            single.extend(phrase)
        return " "

    rest = _QUOTED.sub(take_phrase, text or "")
    # "374 -TB/HU" is a document number, not "374" without "TB".
    rest = DOC_NUMBER_IN_TEXT.sub(lambda match: " ".join(words(match.group(0))), rest)
    excluded = tuple(lower(word) for word in _EXCLUDED.findall(rest) if words(word))
    rest = _EXCLUDED.sub(" ", rest)
    free = tuple(lower(word) for word in words(rest)) + tuple(single)
    return ParsedQuery(
        words=_unique(free),
        phrases=tuple(dict.fromkeys(phrases)),
        excluded=_unique(tuple(w for word in excluded for w in words(word))),
        doc_keys=_unique(tuple(doc_numbers_in(text or ""))),
    )


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
