"""Per-client rate limit of searches, counted in the shared cache across every portal.

A fixed window: at most PORTAL_SEARCH_RATE_LIMIT searches (default 60) per
PORTAL_SEARCH_RATE_WINDOW seconds (default 60) from one client address
(the proxy's header when PORTAL_CLIENT_IP_HEADER names one, as in production). The
count lives under the public schema's keys, so a client cannot multiply its
allowance by spreading its searches over many portals.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django_tenants.utils import get_public_schema_name, schema_context

# Behind nginx the socket's address is nginx's: the client's comes in its X-Real-IP.
from portal.operations.throttling import client_address

DEFAULT_LIMIT = 60
DEFAULT_WINDOW = 60


def allow(request) -> tuple[bool, int]:
    """Count one search by the request's client; (allowed, seconds until the window resets)."""
    limit = getattr(settings, "PORTAL_SEARCH_RATE_LIMIT", DEFAULT_LIMIT)
    window = getattr(settings, "PORTAL_SEARCH_RATE_WINDOW", DEFAULT_WINDOW)
    now = int(time.time())
    window_start = now - now % window
    key = f"search-rate:{client_address(request) or 'unknown'}:{window_start}"
    with schema_context(get_public_schema_name()):
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 1)
            count = 1
    return count <= limit, window_start + window - now
