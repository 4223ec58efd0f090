"""Host -> unit lookup, cached so that routing costs no query per request.

Each process keeps a dict of host -> unit. The shared cache holds a version
token that every change of a Unit or Domain replaces; a process that sees
another token drops its dict. Tokens are random, not a counter: after a cache
flush a counter would restart at a value some process still holds, and that
process would keep its stale dict. A process reads the token at most once a
second (MEMO_SECONDS): with a shared cache (Redis in production) a change is
seen by every worker within a second, at once by the process that made it.
"""

from __future__ import annotations

import threading
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tenants.utils import get_public_schema_name, schema_context

VERSION_KEY = "portal:routing-version"

# How long a process trusts the token it read: the shared cache is asked once a second,
# not at every request; a change made by another process is seen that much later.
MEMO_SECONDS = 1.0

_lock = threading.Lock()
_local: dict[str, object] = {}
_local_version: str | None = None
_memo: tuple[float, str] | None = None  # (when read, token)


def _shared_version() -> str:
    """The token in the shared cache, read at most once every MEMO_SECONDS by this process."""
    global _memo
    now = time.monotonic()
    memo = _memo
    if memo is not None and now - memo[0] < MEMO_SECONDS:
        return memo[1]
    with schema_context(get_public_schema_name()):  # cache keys carry the schema
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
    if version is not None:  # a cache that keeps nothing: read every time
        _memo = (now, version)
    return version


def current_version() -> str:
    """The routing token in the shared cache (at most MEMO_SECONDS old), whichever schema is
    active: what a cache of unit data outside a request is keyed by."""
    return _shared_version()


def known_version() -> str | None:
    """The routing token this process last read (None before its first request)."""
    return _local_version


def normalise_host(host: str) -> str:
    """A host name as domains are stored: case-insensitive (RFC 4343), no root dot at the end."""
    return host.strip().lower().rstrip(".")


def unit_for_host(hostname: str):
    """The unit serving `hostname`, or None: a copy of its own for the caller.

    Whatever the active schema: the shared token and the domains are read in
    the public schema, only when the process's map cannot answer.
    """
    from .models import Domain

    global _local_version
    version = _shared_version()
    with _lock:
        if version != _local_version:
            _local.clear()
            _local_version = version
        if hostname in _local:
            return _copy(_local[hostname])
    with schema_context(get_public_schema_name()):
        domain = (
            Domain.objects.select_related("tenant", "tenant__level").filter(domain=hostname).first()
        )
    unit = domain.tenant if domain else None
    with _lock:
        if _local_version == version:
            _local[hostname] = unit
    return _copy(unit)


def _copy(unit):
    """A copy for one request (its own attributes and model state), without copy.copy's
    round trip through pickling, a good part of routing's cost."""
    if unit is None:
        return None
    clone = object.__new__(type(unit))
    clone.__dict__ = unit.__dict__.copy()
    # ModelState's own copy (its cache of related rows copied), without copy.copy's detour.
    state = object.__new__(type(unit._state))
    state.__dict__.update(unit._state.__getstate__())
    clone._state = state
    return clone


def invalidate(**_kwargs) -> None:
    """Make every process forget its host -> unit map.

    Cache keys carry the current schema; routing reads its key in the public
    schema, so the new token is written there whichever unit's context the
    change was made in.
    """
    global _memo
    with schema_context(get_public_schema_name()):
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _memo = None  # this process sees its own change at once


def _invalidate_now_and_on_commit(**_kwargs) -> None:
    """A process reading units between the change and its commit would keep the old rows under
    the new token: a second token after the commit retires them."""
    invalidate()
    transaction.on_commit(invalidate)


def connect_invalidation() -> None:
    from .models import Domain, Level, Unit

    # Routed units carry their level (its name is shown), hence Level too.
    for model in (Unit, Domain, Level):
        for signal, name in ((post_save, "save"), (post_delete, "del")):
            signal.connect(
                _invalidate_now_and_on_commit,
                sender=model,
                dispatch_uid=f"routing-{model.__name__}-{name}",
            )
