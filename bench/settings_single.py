"""Routing benchmark, (b): the same site without tenancy, as a single-site Django would run.

Same apps, same middleware minus the tenancy ones (UnitRoutingMiddleware and
the merged units' redirects, which asks routing for the host), same view; a plain
PostgreSQL engine (no schema switching) and cache keys without a schema.
"""

from bench.settings_routed import *  # noqa: F403
from bench.settings_routed import CACHES, DATABASES, MIDDLEWARE

DATABASES = {"default": {**DATABASES["default"], "ENGINE": "django.db.backends.postgresql"}}
TENANCY_MIDDLEWARE = {
    "portal.tenancy.middleware.UnitRoutingMiddleware",
    "portal.merges.redirects.MergedUnitRedirectMiddleware",
}
MIDDLEWARE = [m for m in MIDDLEWARE if m not in TENANCY_MIDDLEWARE]
CACHES = {"default": {"BACKEND": CACHES["default"]["BACKEND"]}}
