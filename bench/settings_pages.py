"""Pages benchmark: the portal's own URLs plus the minimal "ok" view, page cache on."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_pages"
PORTAL_PAGE_CACHE_SECONDS = 600
