"""Pages benchmark under production's gunicorn settings: the cache is Redis, as in production.

With gunicorn's worker recycling (max_requests) a local-memory cache would
start empty in every new worker; production shares one Redis between them.
The benchmark starts a redis-server of its own (PORTAL_BENCH_REDIS_URL).
"""

import os

from bench.settings_pages import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "portal.operations.redis_cache.RedisCache",
        "LOCATION": os.environ["PORTAL_BENCH_REDIS_URL"],
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    }
}
