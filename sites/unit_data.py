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

from . import fragment_cache, local_memo, page_cache, page_versions

KEY_PREFIX = "portal:unit-data"
_MISSING = object()


def _key(name: str, parts: tuple, any_page: bool) -> str:
    state = (connection.schema_name, page_cache.generation(), page_cache.network_token())
    if any_page:  # retired by any page published, unpublished or deleted too
        state += tuple(page_versions.read([page_versions.pages_key()]).values())
    return ":".join((KEY_PREFIX, *state, name, *(str(part) for part in parts)))


def cached(name: str, parts: tuple, build, *, keep=lambda value: True, any_page=True, fresh=None):
    """The unit's `name` for `parts`: read back, or `build()` (stored if `keep(value)`).

    `any_page`: whether any page's change retires it (else only the unit's
    settings); `fresh(value)`: whether a value read back still holds (else built
    anew). Call in the unit's schema.
    """
    key = _key(name, parts, any_page)
    kept = local_memo.get(key)
    value = pickle.loads(kept) if kept is not local_memo.MISSING else cache.get(key, _MISSING)
    if value is not _MISSING and (fresh is None or fresh(value)):
        if kept is local_memo.MISSING:
            local_memo.keep(key, pickle.dumps(value), fragment_cache.timeout())
        return value  # from the memo: a copy of its own for this request
    value = build()
    if not keep(value):
        return value
    cache.set(key, value, fragment_cache.timeout())
    local_memo.keep(key, pickle.dumps(value), fragment_cache.timeout())
    return value
