"""Django's content-type cache, kept per schema instead of emptied at every schema switch.

Django keeps ContentType rows in memory (`ContentType.objects`), so that
`page.specific`, permissions and generic relations cost no query. Every
unit's schema has its own `django_content_type` table, whose ids may differ
from the public schema's (and, in principle, from another unit's), so
django-tenants empties that cache whenever the connection changes schema:
at every request and every `schema_context()`, and each request read its
content types again (one query per page type it met).

Here the cache holds one set of entries per schema, and a schema only ever
finds its own. The clear that comes with a schema switch is skipped (our
database backend, `portal.tenancy.postgresql_backend`, marks it); every other
clear (Django's after migrations create or remove content types, tests)
empties every schema's entries, as in Django. The entries are also dropped
when the network's routing token changes (a unit or domain changed, a unit
restored or merged): a restore may replace a schema's rows under the same name.
"""

from __future__ import annotations

import threading

from django.contrib.contenttypes.models import ContentType
from django.db import connections

from . import routing

_switch = threading.local()


class _SchemaSwitch:
    """A context manager as a plain class: it runs at every request, and a generator-based
    one costs several times more."""

    def __enter__(self):
        _switch.active = True

    def __exit__(self, *exc_info):
        _switch.active = False


_SCHEMA_SWITCH = _SchemaSwitch()


def schema_switch() -> _SchemaSwitch:
    """Inside it, `ContentType.objects.clear_cache()` (django-tenants', at a switch) keeps
    the entries."""
    return _SCHEMA_SWITCH


class PerSchemaCache(dict):
    """`ContentTypeManager._cache` ({database alias: {key: content type}}), one per schema.

    Django's manager reads it as `_cache[alias][key]`, fills it with
    `_cache.setdefault(alias, {})[key] = ct` and empties it with `clear()`.
    """

    def __init__(self):
        super().__init__()
        self._routing_token = routing.known_version()

    def _entries_key(self, alias: str) -> tuple[str, str | None]:
        if self._routing_token != routing.known_version():
            self._routing_token = routing.known_version()
            super().clear()
        return alias, getattr(connections[alias], "schema_name", None)

    def __getitem__(self, alias):
        return super().__getitem__(self._entries_key(alias))

    def setdefault(self, alias, default=None):
        return super().setdefault(self._entries_key(alias), default)

    def clear(self):
        if not getattr(_switch, "active", False):
            super().clear()


def install() -> None:
    """Give ContentType.objects a per-schema cache (at start-up)."""
    ContentType.objects._cache = PerSchemaCache()
