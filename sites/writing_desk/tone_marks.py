"""Where the tone mark sits in "oa", "oe" and "uy" at the end of a syllable.

Two styles are in use: the old one marks the second vowel ("hoà", "khoẻ", "thuỷ"),
the new one the first ("hòa", "khỏe", "thủy"). With a final consonant ("hoàng",
"khuyến") or after "qu" ("quý") both styles agree, so only open syllables differ.
"""

from __future__ import annotations

import re
import unicodedata

OLD = "old"
NEW = "new"
STYLES = (OLD, NEW)

# grave, acute, tilde, hook above, dot below: the five marked tones
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# An onset without "q" (in "quy" the "u" belongs to the onset), then oa/oe/uy, nothing after.
_OPEN_SYLLABLE = re.compile(r"^[bcdđghklmnprstvx]*(?:oa|oe|uy)$")
_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"(<[^>]*>)")


def _letters(word: str) -> tuple[list[str], str | None, int | None]:
    """The word's letters (with their vowel marks), its tone mark and the letter carrying it."""
    letters: list[str] = []
    tone = tone_at = None
    for char in unicodedata.normalize("NFD", word):
        if char in _TONE_MARKS and letters:
            tone, tone_at = char, len(letters) - 1
        elif unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    return [unicodedata.normalize("NFC", letter) for letter in letters], tone, tone_at


def style_of(word: str) -> str | None:
    """OLD or NEW for a word whose style shows ("hoà", "hòa"), else None ("hoa", "hoàng")."""
    letters, tone, tone_at = _letters(word)
    if tone is None or not _OPEN_SYLLABLE.match("".join(letters).lower()):
        return None
    if tone_at == len(letters) - 1:
        return OLD
    if tone_at == len(letters) - 2:
        return NEW
    return None


def restyle(word: str, style: str) -> str:
    """`word` with its tone mark placed as `style` wants ("hòa", OLD -> "hoà")."""
    current = style_of(word)
    if current is None or current == style:
        return word
    letters, tone, _at = _letters(word)
    target = len(letters) - (1 if style == OLD else 2)
    letters[target] = unicodedata.normalize("NFC", letters[target] + tone)
    return "".join(letters)


def words_in_style(text: str, style: str) -> list[str]:
    """The words of `text` written in `style`, in order, repeats included."""
    return [word for word in _WORD.findall(text) if style_of(word) == style]


def restyle_text(text: str, style: str) -> str:
    """Every word of plain `text` with its tone mark placed as `style` wants."""
    return _WORD.sub(lambda match: restyle(match.group(), style), text)


def restyle_html(html: str, style: str) -> str:
    """As `restyle_text`, for rich text: tags and their attributes stay as they are."""
    return "".join(
        part if part.startswith("<") else restyle_text(part, style) for part in _TAG.split(html)
    )
