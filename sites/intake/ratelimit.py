"""Per-token rate limit of the intake API, counted in the shared cache (fixed window)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django_tenants.utils import get_public_schema_name, schema_context


def allow(token_id: int) -> tuple[bool, int]:
    """Count one request of the token; (allowed, seconds until the window resets)."""
    window = settings.PORTAL_INTAKE_RATE_WINDOW
    now = int(time.time())
    window_start = now - now % window
    key = f"intake-rate:{token_id}:{window_start}"
    with schema_context(get_public_schema_name()):
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 1)
            count = 1
    return count <= settings.PORTAL_INTAKE_RATE_LIMIT, window_start + window - now
