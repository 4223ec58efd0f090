"""The first request after a publish, and after a restart: what a visitor waits for then.

Both run on production's setup: deploy/gunicorn.conf.py's workers and a Redis
shared by them (the pages benchmark's), the fleet's province, its home page
and its newest article (the pages benchmark's paths).

- after a publish: the page cache on and warm; then, REPEATS times, the
  article is published anew (a new revision, as an editor does, in this
  process, on the same database and Redis: every signal and retirement a
  publish makes) and the home page and the article are requested once each,
  the first requests after the publish. Both show the article, so both are
  rendered anew. Queries and CPU time of those renders are counted in this
  process, with the same cache, the same way.
- after a restart: a new gunicorn (page cache off, so the page is rendered,
  not replayed; fragments and data kept in Redis, as a restart keeps them),
  started RESTARTS times; once it answers its health check, the home page and
  the article are requested once each: each a fresh worker's first page.
"""

from __future__ import annotations

import time
import urllib.request
from dataclasses import dataclass

from django.db import connection
from django.test import Client, override_settings
from django_tenants.utils import schema_context

from portal.settings.caches import redis_cache

from .common import p95, say
from .routing import Server, _gunicorn

REPEATS = 20
RESTARTS = 6
PAGES = ("home", "article")


@dataclass
class FirstRequests:
    wall_ms: dict[str, list[float]]  # page -> the first request's wall-clock time, each repeat
    queries: dict[str, list[int]]  # page -> queries of the first render in this process

    def p95_ms(self, page: str) -> float:
        return p95(self.wall_ms[page])


def _get_ms(server: Server, host: str, path: str) -> float:
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}{path}",
        # As nginx passes a visitor's request in production (deploy/nginx): the pages' links,
        # and so their cached fragments, follow the scheme and port visitors came in on.
        headers={"Host": host, "X-Forwarded-Proto": "https", "X-Forwarded-Port": "443"},
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{server.name} answered {response.status} for {path}")
    return (time.perf_counter() - start) * 1000


def _publish(unit, article_path: str) -> None:
    """A new revision of the article, published as an editor's publish does."""
    from sites.models import ArticlePage

    with schema_context(unit.schema_name):
        article = ArticlePage.objects.get(url_path__endswith=article_path)
        article.lead = f"{article.lead.split(' · ')[0]} · {time.time_ns()}"
        article.save_revision().publish()


def _first_render_queries(host: str, path: str) -> int:
    queries = []
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        response = Client(HTTP_HOST=host).get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return len(queries)


def after_publish(server: Server, redis_url: str, unit, host: str, paths: dict) -> FirstRequests:
    """`server`: production workers with the page cache on, sharing the Redis at `redis_url`."""
    walls = {page: [] for page in PAGES}
    queries = {page: [] for page in PAGES}
    with override_settings(
        CACHES=redis_cache(redis_url),
        ROOT_URLCONF="bench.urls_pages",
        PORTAL_PAGE_CACHE_SECONDS=600,
    ):
        for page in PAGES:  # warm: every worker's answer from the page cache, and this process
            for _ in range(3):
                _get_ms(server, host, paths[page])
            _first_render_queries(host, paths[page])
        say(f"after a publish: {REPEATS} publishes, then the first requests…")
        for number in range(REPEATS):
            _publish(unit, paths["article"])
            for page in PAGES:
                walls[page].append(_get_ms(server, host, paths[page]))
            if number % 4 == 0:  # the same again in this process, counting queries
                _publish(unit, paths["article"])
                for page in PAGES:
                    queries[page].append(_first_render_queries(host, paths[page]))
    return FirstRequests(walls, queries)


def after_restart(settings: str, host: str, paths: dict) -> FirstRequests:
    """New production servers with `settings` (its Redis kept); each one's first pages."""
    walls = {page: [] for page in PAGES}
    say(f"after a restart: {RESTARTS} servers started, then their first requests…")
    for number in range(RESTARTS):
        with _gunicorn(f"restart-{number}", settings, host, production=True) as server:
            for page in PAGES:
                walls[page].append(_get_ms(server, host, paths[page]))
    return FirstRequests(walls, {})
