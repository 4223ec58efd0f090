"""Host -> unit lookup, cached so that routing costs no query per request.

Each process keeps a dict of host -> unit. The shared cache holds a version
number that every change of a Unit or Domain bumps; a process that sees a new
version drops its dict. With a shared cache (Redis in production) a change is
seen by every worker on its next request.
"""

from __future__ import annotations

import copy
import threading

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "portal:routing-version"

_lock = threading.Lock()
_local: dict[str, object] = {}
_local_version: int | None = None


def _shared_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def unit_for_host(hostname: str):
    """The unit serving `hostname`, or None. Call in the public schema."""
    from .models import Domain

    global _local_version
    version = _shared_version()
    with _lock:
        if version != _local_version:
            _local.clear()
            _local_version = version
        if hostname in _local:
            unit = _local[hostname]
            return copy.copy(unit) if unit is not None else None
    domain = Domain.objects.select_related("tenant", "tenant__level").filter(domain=hostname).first()
    unit = domain.tenant if domain else None
    with _lock:
        if _local_version == version:
            _local[hostname] = unit
    return copy.copy(unit) if unit is not None else None


def invalidate(**_kwargs) -> None:
    """Make every process forget its host -> unit map."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_invalidation() -> None:
    from .models import Domain, Unit

    for model in (Unit, Domain):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"routing-{model.__name__}-save")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"routing-{model.__name__}-del")
