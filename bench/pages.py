"""Anonymous portal pages under gunicorn: uncached latency, and the page cache's rate.

The fleet's province gets sample content once (sites.demo_content, through
the real page types: 24 articles with featured images, 10 documents with PDF
files), kept for later runs. Two gunicorn servers (2 sync workers each) serve
bench.urls_pages, the portal's URLs plus the minimal "ok" view:

- cached: the portal's settings, page cache on (warmed before measuring);
- uncached: the same with PORTAL_PAGE_CACHE_SECONDS = 0, every page rendered,
  with the fragment and data caches (sites.fragment_cache, routing, renditions)
  warm, as on a running server;
- cold: page cache off and a cache backend that keeps nothing, so every
  request also renders every fragment and reads everything from the database.

Two more serve the cached and uncached settings with production's gunicorn
settings (deploy/gunicorn.conf.py: 2 × CPUs + 1 gthread workers with threads,
recycled every 2,000 requests or so) and production's cache, a Redis shared
by the workers (started for the run); the minimal view among them is their
own baseline.

Then the first requests after a publish and after a restart (bench.first_requests),
on production's workers and Redis: p95 of the first request, queries of that render.

wrk (8 connections on loopback, the province's Host) loads the home page and
an article on each, and the "ok" view of the cached server as the baseline:
requests/s and the 95th percentile latency (from wrk's own histogram, via a
Lua `done` hook). Loads take turns, ROUNDS times in alternating order; each
figure is the median of its rounds.
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass

from django_tenants.utils import schema_context

from portal.tenancy import routing
from portal.tenancy.models import Unit
from tests.operations.services import RedisServer

from . import first_requests, page_renders
from .common import LOG_DIR, Figure, Goal, Report, median, say
from .routing import PRODUCTION_CONFIG, WORKERS, Server, _gunicorn
from .units import fleet_host

WRK_THREADS = 2
WRK_CONNECTIONS = 8
SECONDS = 6
WARMUP_SECONDS = 3
ROUNDS = 3
ARTICLES = 24
DOCUMENTS = 10
LATENCY_GOAL_MS = 80
FIRST_REQUEST_GOAL_MS = 100
FIRST_REQUEST_QUERIES = 12
TIMEOUT_SECONDS = 30
SERVERS = {
    "cached": "bench.settings_pages",
    "uncached": "bench.settings_pages_uncached",
    "cold": "bench.settings_pages_cold",
}
# Production's gunicorn settings (deploy/gunicorn.conf.py) and cache (a Redis of their own).
PRODUCTION_SERVERS = {
    "cached-prod": "bench.settings_pages_production",
    "uncached-prod": "bench.settings_pages_production_uncached",
}
P95_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\\n", latency:percentile(95)))
end
"""


@dataclass
class Load:
    rate: float  # requests/s
    p95_ms: float


def ensure_content() -> dict[str, str]:
    """Sample content in the fleet's province (once); the paths to load."""
    from sites.demo_content import fill_unit
    from sites.models import ArticlePage

    unit = Unit.objects.get(domains__domain=fleet_host(0))
    with schema_context(unit.schema_name):
        if ArticlePage.objects.live().count() < ARTICLES:
            say("writing the province's sample content (kept for later runs)…")
            fill_unit(unit, None, articles=ARTICLES, documents=DOCUMENTS)
        article = ArticlePage.objects.live().order_by("-date", "-pk").first()
        return {"home": "/", "article": article.url, "ok": "/ok/"}


def _wrk(server: Server, host: str, path: str, seconds: int) -> Load:
    script = LOG_DIR / "p95.lua"
    script.write_text(P95_SCRIPT)
    output = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{WRK_CONNECTIONS}",
            f"-d{seconds}s",
            f"--timeout={TIMEOUT_SECONDS}s",  # slower answers count in the latency, not as errors
            "-s",
            str(script),
            "-H",
            f"Host: {host}",
            f"http://127.0.0.1:{server.port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+)", output)
    if "Non-2xx" in output or (errors and any(int(n) for n in errors.groups())):
        raise RuntimeError(f"wrk saw failed requests ({server.name} {path}):\n{output}")
    (LOG_DIR / f"wrk-{server.name}{path.replace('/', '_')}.log").write_text(output)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p95 = int(re.search(r"p95_us (\d+)", output).group(1)) / 1000
    return Load(rate, p95)


def _measure(server: Server, host: str, path: str) -> Load:
    load = _wrk(server, host, path, SECONDS)
    if not load.p95_ms:
        raise RuntimeError(
            f"no answer within {SECONDS} s ({server.name} {path}): machine overloaded?"
        )
    return load


def _cache_status(server: Server, host: str, path: str) -> str | None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}{path}", headers={"Host": host}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"{server.name} answered {response.status} for {path}")
        return response.headers.get("X-Portal-Page-Cache")


def _check_servers(
    servers: dict[str, Server],
    host: str,
    paths: dict[str, str],
    cached: str,
    others: tuple[str, ...],
) -> None:
    """The cached server answers from its cache once warm, the others never do."""
    for name in ("home", "article"):
        for _ in range(2 * WORKERS):  # every worker has its own local-memory cache
            _cache_status(servers[cached], host, paths[name])
        # A worker keeps the routing token it read (its pages' keys) for up to a second.
        deadline = time.monotonic() + 5 * routing.MEMO_SECONDS
        while _cache_status(servers[cached], host, paths[name]) != "hit":
            if time.monotonic() > deadline:
                raise RuntimeError(f"the page cache does not serve {paths[name]}")
            time.sleep(0.2)
        for server_name in others:
            if _cache_status(servers[server_name], host, paths[name]) is not None:
                raise RuntimeError(f"the {server_name} server cached {paths[name]}")


def run() -> Report:
    host = fleet_host(0)
    paths = ensure_content()
    say("renders in this process (CPU time, queries)…")
    renders = {
        (page, state): page_renders.measure(host, paths[page], cold=state == "cold")
        for page in ("ok", "home", "article")
        for state in ("warm", "cold")
    }
    loads = {
        ("cached", "ok"): [],
        ("cached", "home"): [],
        ("cached", "article"): [],
        ("uncached", "home"): [],
        ("uncached", "article"): [],
        ("cold", "home"): [],
        ("cold", "article"): [],
        ("cached-prod", "ok"): [],
        ("uncached-prod", "home"): [],
        ("uncached-prod", "article"): [],
        ("cached-prod", "home"): [],
        ("cached-prod", "article"): [],
    }
    with ExitStack() as stack:
        servers = {
            n: stack.enter_context(_gunicorn(f"pages-{n}", s, host)) for n, s in SERVERS.items()
        }
        _check_servers(servers, host, paths, "cached", ("uncached", "cold"))
        redis = RedisServer(LOG_DIR / "pages-redis")
        stack.callback(redis.stop)
        os.environ["PORTAL_BENCH_REDIS_URL"] = redis.url  # the production servers' cache
        servers |= {
            n: stack.enter_context(_gunicorn(f"pages-{n}", s, host, production=True))
            for n, s in PRODUCTION_SERVERS.items()
        }
        _check_servers(servers, host, paths, "cached-prod", ("uncached-prod",))
        for server_name, page in loads:
            _wrk(servers[server_name], host, paths[page], WARMUP_SECONDS)
        for number in range(1, ROUNDS + 1):
            say(f"round {number}/{ROUNDS}: {len(loads)} × {SECONDS} s of wrk…")
            order = list(loads) if number % 2 else list(reversed(loads))
            for server_name, page in order:
                load = _measure(servers[server_name], host, paths[page])
                loads[(server_name, page)].append(load)
        unit = Unit.objects.get(domains__domain=host)
        published = first_requests.after_publish(
            servers["cached-prod"], redis.url, unit, host, paths
        )
        restarted = first_requests.after_restart(PRODUCTION_SERVERS["uncached-prod"], host, paths)

    def rate(server_name: str, page: str) -> float:
        return median([load.rate for load in loads[(server_name, page)]])

    def p95(server_name: str, page: str) -> float:
        return median([load.p95_ms for load in loads[(server_name, page)]])

    latency_goal = [Goal.at_most(LATENCY_GOAL_MS, "ms")]
    share_goal = [Goal.share_at_least(0.70)]
    baseline_name = "minimal view"
    production = runpy.run_path(str(PRODUCTION_CONFIG))
    production_setup = (
        f"{production['workers']} {production['worker_class']} workers × "
        f"{production['threads']} threads"
    )
    production_baseline = f"minimal view, {production_setup}, Redis"
    first_goal = [Goal.at_most(FIRST_REQUEST_GOAL_MS, "ms")]
    return Report(
        title="pages — anonymous home and article pages under gunicorn",
        figures=[
            *[
                Figure(
                    f"{page}, first request after a publish, p95",
                    published.p95_ms(page),
                    "ms",
                    p95("cached-prod", page),
                    "same page from the page cache, production workers",
                    first_goal,
                )
                for page in first_requests.PAGES
            ],
            *[
                Figure(
                    f"{page}, queries of the first render after a publish",
                    max(published.queries[page]),
                    "queries",
                    renders[(page, "cold")].queries,
                    "every cache cold",
                    [Goal.at_most(FIRST_REQUEST_QUERIES, "queries")],
                )
                for page in first_requests.PAGES
            ],
            *[
                Figure(
                    f"{page}, first request after a restart, p95",
                    restarted.p95_ms(page),
                    "ms",
                    p95("uncached-prod", page),
                    "same page rendered by warm workers",
                    first_goal,
                )
                for page in first_requests.PAGES
            ],
            Figure(
                "home, uncached, p95",
                p95("uncached", "home"),
                "ms",
                p95("cached", "ok"),
                baseline_name,
                latency_goal,
            ),
            Figure(
                "article, uncached, p95",
                p95("uncached", "article"),
                "ms",
                p95("cached", "ok"),
                baseline_name,
                latency_goal,
            ),
            Figure(
                "home, every cache cold, p95",
                p95("cold", "home"),
                "ms",
                p95("cached", "ok"),
                baseline_name,
            ),
            Figure(
                "article, every cache cold, p95",
                p95("cold", "article"),
                "ms",
                p95("cached", "ok"),
                baseline_name,
            ),
            Figure(
                "home, uncached",
                rate("uncached", "home"),
                "req/s",
                rate("cached", "ok"),
                baseline_name,
            ),
            Figure(
                "article, uncached",
                rate("uncached", "article"),
                "req/s",
                rate("cached", "ok"),
                baseline_name,
            ),
            Figure(
                "home, every cache cold",
                rate("cold", "home"),
                "req/s",
                rate("cached", "ok"),
                baseline_name,
            ),
            Figure(
                "article, every cache cold",
                rate("cold", "article"),
                "req/s",
                rate("cached", "ok"),
                baseline_name,
            ),
            *[
                Figure(
                    f"{page}, one render, {label}",
                    renders[(page, state)].cpu_ms,
                    "CPU ms",
                    renders[("ok", state)].cpu_ms,
                    "minimal view, same caches",
                )
                for page in ("home", "article")
                for state, label in (("warm", "fragments warm"), ("cold", "every cache cold"))
            ],
            Figure(
                "home, page cache warm",
                rate("cached", "home"),
                "req/s",
                rate("cached", "ok"),
                baseline_name,
                share_goal,
            ),
            Figure(
                "article, page cache warm",
                rate("cached", "article"),
                "req/s",
                rate("cached", "ok"),
                baseline_name,
                share_goal,
            ),
            *[
                Figure(
                    f"{page}, uncached, p95, production workers",
                    p95("uncached-prod", page),
                    "ms",
                    p95("cached-prod", "ok"),
                    production_baseline,
                    latency_goal,
                )
                for page in ("home", "article")
            ],
            *[
                Figure(
                    f"{page}, page cache warm, production workers",
                    rate("cached-prod", page),
                    "req/s",
                    rate("cached-prod", "ok"),
                    production_baseline,
                    share_goal,
                )
                for page in ("home", "article")
            ],
        ],
        notes=[
            f"production workers: deploy/gunicorn.conf.py ({production_setup}, "
            f"max_requests {production['max_requests']}, access log on, preload) and a Redis "
            "cache shared by the workers, as in production; otherwise the same settings, URLs, "
            "Host and wrk runs; its own minimal view as baseline",
            f"gunicorn {WORKERS} sync workers per server; wrk -t{WRK_THREADS} "
            f"-c{WRK_CONNECTIONS} -d{SECONDS}s on loopback, Host: {host}; median of {ROUNDS} "
            f"interleaved rounds after a {WARMUP_SECONDS} s warm-up of each load",
            f"content: {ARTICLES} articles with featured images and {DOCUMENTS} documents "
            f"(sites.demo_content); home {paths['home']}, article {paths['article']}",
            'minimal view: bench.urls\' "ok" (no database, no template) on the cached server, '
            "same settings and middleware, the unit's Host",
            "page cache: local memory per worker (settings' default); Redis in production",
            "uncached: page cache off, fragment and data caches warm (as on a running "
            "server); every cache cold: page cache off and a cache that keeps nothing "
            "(DummyCache: no fragment, routing, rendition or plugin entry is ever found)",
            'the 80 ms goal is the issue\'s "uncached": the page cache off (its scale figures set '
            "Wagtail's uncached page against the same from Django's page cache); every cache cold "
            "has no goal: it shows what a unit's first request after a publish or a restart costs",
            "one render: page cache off, in this process (DEBUG off), median CPU time of "
            f"{page_renders.RENDERS} renders; queries per render: "
            + ", ".join(
                f"{page} {state} {render.queries}" for (page, state), render in renders.items()
            ),
            "first request after a publish: production workers, page cache on and warm, "
            f"Redis; the article published anew {first_requests.REPEATS} times (a revision "
            "published in this process: every signal and retirement of an editor's publish), "
            "each time the home page and the article requested once, both rendered anew "
            "(both show the article); queries: the same, counted in this process "
            "(page cache on, same Redis, this process warmed once), every fourth publish: "
            + "; ".join(
                f"{page} " + ", ".join(str(n) for n in published.queries[page])
                for page in first_requests.PAGES
            )
            + "; ms per publish: "
            + "; ".join(
                f"{page} " + ", ".join(f"{ms:.0f}" for ms in published.wall_ms[page])
                for page in first_requests.PAGES
            ),
            f"first request after a restart: {first_requests.RESTARTS} new production servers "
            "(page cache off, so the page is rendered; fragments and data kept in the same "
            "Redis), each once its health check (the minimal view) answered, the home page then "
            "the article requested once; ms: "
            + "; ".join(
                f"{page} " + ", ".join(f"{ms:.0f}" for ms in restarted.wall_ms[page])
                for page in first_requests.PAGES
            ),
            "req/s per round: "
            + "; ".join(
                f"{server} {page} " + ", ".join(f"{load.rate:,.0f}" for load in rounds)
                for (server, page), rounds in loads.items()
            ),
        ],
    )
