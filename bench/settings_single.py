"""Routing benchmark, (b): the same site without tenancy, as a single-site Django would run.

Same apps, same middleware minus UnitRoutingMiddleware, same view; a plain
PostgreSQL engine (no schema switching) and cache keys without a schema.
"""

from bench.settings_routed import *  # noqa: F403
from bench.settings_routed import CACHES, DATABASES, MIDDLEWARE

DATABASES = {"default": {**DATABASES["default"], "ENGINE": "django.db.backends.postgresql"}}
MIDDLEWARE = [m for m in MIDDLEWARE if m != "portal.tenancy.middleware.UnitRoutingMiddleware"]
CACHES = {"default": {"BACKEND": CACHES["default"]["BACKEND"]}}
