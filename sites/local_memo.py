"""A short-lived copy, in each process, of cache entries whose keys carry the unit's state.

Fragments (sites.fragment_cache) and the unit's data (sites.unit_data) are
stored in the shared cache (Redis in production) under keys that carry the
unit's generation and routing tokens, read afresh by every request. The entry
under a given key never changes: a change in the unit makes new keys. So a
process may keep what it read and serve it again without ever serving a
retired version, saving a round trip to the shared cache per fragment.

Entries are kept LOCAL_SECONDS at most, so figures that change without a
write (the most-read list, the visitor total) lag the shared cache by that
much at most, and only the MAX_ENTRIES most recently used ones. Values are
shared by the process's threads: only immutable ones (strings, bytes) go in.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

LOCAL_SECONDS = 30
MAX_ENTRIES = 500
MISSING = object()

_lock = threading.Lock()
_entries: OrderedDict[str, tuple[str | bytes, float]] = OrderedDict()


def get(key: str):
    """The value kept under `key`, or MISSING."""
    with _lock:
        entry = _entries.get(key)
        if entry is None:
            return MISSING
        value, expires = entry
        if expires <= time.monotonic():
            del _entries[key]
            return MISSING
        _entries.move_to_end(key)
        return value


def keep(key: str, value: str | bytes, seconds: float) -> None:
    """Keep `value` under `key` for `seconds` (at most LOCAL_SECONDS)."""
    if seconds <= 0:
        return
    with _lock:
        _entries[key] = (value, time.monotonic() + min(seconds, LOCAL_SECONDS))
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
