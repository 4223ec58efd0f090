"""What serving a unit's page reads that only a change in the unit can change, cached per unit.

Serving any page, Wagtail finds the Site for the host (with the home page's
specific row), the page the path names and the page's view restrictions,
and the theme reads the unit's settings: half a dozen queries per request
(sites.serving, sites.routing, sites.view_restrictions) whose answer changes
only when something in the unit changes. They are kept in the shared cache under keys
that carry the unit's schema, its generation token (page_cache: replaced by
any write in the unit's schema, so by a Site, page, view restriction or theme
settings saved or deleted) and the network's routing token (replaced by any
unit or domain change, a restore or a merge). Another unit never reads them:
its schema is in the key.

Each request unpickles its own copies, so nothing is shared between
requests or threads; each process also keeps the pickled values it read
for a few seconds (sites.local_memo), sparing a round trip to the shared
cache. `PORTAL_FRAGMENT_CACHE_SECONDS` bounds how long they
are kept (0: read every time); with a cache that keeps nothing the answers
are read from the database, as before.
"""

from __future__ import annotations

import pickle

from django.core.cache import cache
from django.db import connection

from . import fragment_cache, local_memo, page_cache

KEY_PREFIX = "portal:unit-data"
_MISSING = object()


def _key(name: str, parts: tuple) -> str:
    state = (connection.schema_name, page_cache.generation(), page_cache.network_token())
    return ":".join((KEY_PREFIX, *state, name, *(str(part) for part in parts)))


def cached(name: str, parts: tuple, build, *, keep=lambda value: True):
    """The unit's `name` for `parts`: read back, or `build()` (stored if `keep(value)`).

    Call in the unit's schema.
    """
    key = _key(name, parts)
    kept = local_memo.get(key)
    if kept is not local_memo.MISSING:
        return pickle.loads(kept)  # a copy of its own for this request
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        if not keep(value):
            return value
        cache.set(key, value, fragment_cache.timeout())
    local_memo.keep(key, pickle.dumps(value), fragment_cache.timeout())
    return value
