"""One page render in this process: CPU time and queries, with the fragments warm or cold.

Wall-clock latencies under gunicorn suffer from whatever else the machine
runs; the CPU time of a render in this process much less. The page cache is
off for every render here. "warm": the fragment and data caches filled by
earlier renders, as on a running server; "cold": the whole cache cleared
before each render (no fragment, routing, rendition or plugin entry left).
The baseline is the minimal "ok" view through the same middleware.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings

from .common import median

RENDERS = 30
WARMUP = 3


@dataclass
class Render:
    cpu_ms: float  # median over RENDERS
    queries: int


def measure(host: str, path: str, *, cold: bool) -> Render:
    client = Client(HTTP_HOST=host)

    def visit():
        if cold:
            cache.clear()
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    with override_settings(ROOT_URLCONF="bench.urls_pages", PORTAL_PAGE_CACHE_SECONDS=0):
        for _ in range(WARMUP):
            visit()
        queries = []
        with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
            visit()
        times = []
        for _ in range(RENDERS):
            start = time.process_time()
            visit()
            times.append((time.process_time() - start) * 1000)
    return Render(median(times), len(queries))
