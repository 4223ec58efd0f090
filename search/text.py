"""Vietnamese text for search, shared by both engines: folding and document numbers.

Folding makes "Thông báo kết luận" and "thong bao ket luan" the same words;
the original form is kept beside it by each engine, so exact diacritics rank
higher. Document numbers ("374-TB/HU", "164/TB-UBND", "374 - TB/HU") are
compared by a compact key: folded, upper case, without joiners or spaces.
"""

from __future__ import annotations

import re
import unicodedata

# NFD leaves đ/Đ whole (they are letters, not letters with a mark); ð/Ð are often typed for them.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
# The combining diacritical marks (U+0300-U+036F): every Vietnamese tone and vowel mark.
_MARKS = re.compile("[\u0300-\u036f]+")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
# A number then type/issuer abbreviations joined by - / . (spaces allowed around joiners).
DOC_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w/])\d{1,6}(?:\s*[-/.]\s*[0-9A-Za-zĐđ]+)+(?![\w])", re.UNICODE
)
_DOC_NUMBER_LETTER = re.compile(r"[A-Za-zĐđ]")


def fold(text: str) -> str:
    """Lower case without Vietnamese diacritics: "Đảng bộ Tỉnh" -> "dang bo tinh"."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().translate(_LETTERS))
    return _MARKS.sub("", decomposed)


def lower(text: str) -> str:
    """Lower case, composed (NFC), diacritics kept: the "original form" engines rank by."""
    return unicodedata.normalize("NFC", text or "").lower()


def words(text: str) -> list[str]:
    """The words of `text` (letters and digits), in order, as given (not folded)."""
    return [word for word in _NOT_WORD.split(unicodedata.normalize("NFC", text or "")) if word]


def doc_number_key(number: str) -> str:
    """The compact comparison key of a document number: "374 - TB/HU" -> "374TBHU"."""
    return "".join(words(fold(number))).upper()


def doc_numbers_in(text: str) -> list[str]:
    """Document numbers written in a query, as keys: "thông báo 374 - TB/HU" -> ["374TBHU"].

    Only number-joiner-abbreviation shapes with at least one letter count, so a
    date like 12/2024 is not taken for a document number.
    """
    keys = []
    for match in DOC_NUMBER_IN_TEXT.finditer(text or ""):
        if _DOC_NUMBER_LETTER.search(match.group(0)):
            keys.append(doc_number_key(match.group(0)))
    return keys
