"""Pages benchmark: the portal's own URLs plus the minimal "ok" view, page cache on."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_pages"
# As production names its main portal: the fleet's province (bench.units.fleet_host(0)),
# whose pages a new server serves once before its first visitor (portal.theme.warm_up).
PRIMARY_DOMAIN = "tinh.fleet.bench.localhost"
PORTAL_PAGE_CACHE_SECONDS = 600
