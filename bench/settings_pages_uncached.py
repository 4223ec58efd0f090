"""Pages benchmark: the same server with the page cache off (every page rendered)."""

from bench.settings_pages import *  # noqa: F403

PORTAL_PAGE_CACHE_SECONDS = 0
