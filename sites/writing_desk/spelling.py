"""The Vietnamese spelling dictionary: Debian's hunspell-vi read by libhunspell (chunspell).

The dictionary lists syllables with the tone mark in the old place ("hoà", "thuỷ"),
so a word is looked up in that style: where the mark sits is the tone-mark check's
business, not a spelling mistake.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from django.conf import settings

from . import tone_marks


class Dictionary:
    """Spelling of single words against one hunspell dictionary (thread-safe)."""

    def __init__(self, path: str):
        from hunspell import Hunspell

        base = Path(path)
        self._hunspell = Hunspell(base.name, hunspell_data_dir=str(base.parent))
        self._lock = threading.Lock()

    def knows(self, word: str) -> bool:
        with self._lock:
            return self._hunspell.spell(tone_marks.restyle(word, tone_marks.OLD))

    def suggestions(self, word: str, limit: int = 3) -> list[str]:
        with self._lock:
            found = self._hunspell.suggest(tone_marks.restyle(word, tone_marks.OLD))
        return [suggestion for suggestion in found if " " not in suggestion][:limit]


@functools.cache
def _load(path: str) -> Dictionary | None:
    if not (Path(f"{path}.dic").is_file() and Path(f"{path}.aff").is_file()):
        return None
    return Dictionary(path)


def dictionary() -> Dictionary | None:
    """The configured dictionary (`PORTAL_SPELLING_DICTIONARY`), None when it is not installed."""
    return _load(settings.PORTAL_SPELLING_DICTIONARY)
