"""Plain text of StreamField content, for the ledger's `body_text` (what search indexes)."""

from __future__ import annotations

import re

from wagtail.blocks import StreamValue

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def stream_text(value: StreamValue | None) -> str:
    """Plain text of a StreamField value, one line per text piece, in reading order.

    It is the text each block declares searchable (rich text, headings,
    captions, quotes...); images, embeds and chooser values contribute nothing.
    """
    if not value:
        return ""
    pieces = value.stream_block.get_searchable_content(value)
    return "\n".join(text for text in (_clean(str(piece)) for piece in pieces) if text)
