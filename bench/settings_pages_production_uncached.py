"""Pages benchmark under production's gunicorn settings and Redis, page cache off."""

from bench.settings_pages_production import *  # noqa: F403

PORTAL_PAGE_CACHE_SECONDS = 0
