"""Pages benchmark: page cache off and a cache that keeps nothing (every cache cold).

Every request renders the page in full and finds nothing cached: no
fragment, no routing entry, no rendition, no plugin or visitor-count entry.
"""

from bench.settings_pages_uncached import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
