"""Pages benchmark under production's gunicorn settings: the cache is Redis, as in production.

With gunicorn's worker recycling (max_requests) a local-memory cache would
start empty in every new worker; production shares one Redis between them.
The benchmark starts a redis-server of its own (PORTAL_BENCH_REDIS_URL).
"""

import os

from bench.settings_pages import *  # noqa: F403
from portal.settings.caches import redis_cache

CACHES = redis_cache(os.environ["PORTAL_BENCH_REDIS_URL"])
# As production behind nginx: the port visitors came in on (bench.first_requests sends it).
USE_X_FORWARDED_PORT = True
