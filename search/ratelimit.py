"""Per-client rate limit of searches, shared by every portal (`portal.ratelimit`).

At most PORTAL_SEARCH_RATE_LIMIT searches (default 60) per PORTAL_SEARCH_RATE_WINDOW
seconds (default 60) from one client address (the proxy's header when
PORTAL_CLIENT_IP_HEADER names one, as in production). The count is network-wide, so a
client cannot multiply its allowance by spreading its searches over many portals.
"""

from __future__ import annotations

from django.conf import settings

from portal import ratelimit
from portal.clients import client_address


def allow(request) -> tuple[bool, int]:
    """Count one search by the request's client; (allowed, seconds until the window closes)."""
    rate = ratelimit.Rate(settings.PORTAL_SEARCH_RATE_LIMIT, settings.PORTAL_SEARCH_RATE_WINDOW)
    verdict = ratelimit.hit("search", client_address(request) or "unknown", rate)
    return verdict.allowed, verdict.retry_after
