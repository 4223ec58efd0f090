"""Checking what people type before any engine sees it: clear limits, clear messages."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext_lazy as _

from . import parsing

MAX_LENGTH = 200
MAX_WORDS = 16
MAX_PHRASES = 4
MAX_EXCLUDED = 4


class QueryError(ValueError):
    """A query the engines will not run; `message` says why, in the interface language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def clean_text(raw: str | None) -> str:
    """The query text, normalised (NFC, no control characters, single spaces) and within limits.

    Raises QueryError when it is too long or too complex.
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        raise QueryError(
            _("Từ khóa quá dài: tối đa %(limit)d ký tự (bạn đã nhập %(length)d).")
            % {"limit": MAX_LENGTH, "length": len(text)}
        )
    parsed = parsing.parse(text)
    if len(parsed.all_words) > MAX_WORDS:
        raise QueryError(_("Từ khóa quá nhiều từ: tối đa %(limit)d từ.") % {"limit": MAX_WORDS})
    if len(parsed.phrases) > MAX_PHRASES:
        raise QueryError(
            _("Quá nhiều cụm từ trong ngoặc kép: tối đa %(limit)d.") % {"limit": MAX_PHRASES}
        )
    if len(parsed.excluded) > MAX_EXCLUDED:
        raise QueryError(
            _("Quá nhiều từ loại trừ (bắt đầu bằng dấu -): tối đa %(limit)d.")
            % {"limit": MAX_EXCLUDED}
        )
    return text
