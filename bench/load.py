"""Load test: 200 concurrent users on the production stack, warm and cold cache.

The stack is the one deploy/ describes, on loopback: nginx (the deploy
templates, TLS) -> gunicorn (deploy/gunicorn.conf.py: for 2 CPUs, 5 gthread
workers of 4 threads; production settings) -> the benchmark's PostgreSQL and
a redis-server of its own (the cache: page cache, routing tokens, rate
limits, the page-view buffer). Search runs on PostgreSQL (no
ELASTICSEARCH_URL). The frontend cache (deploy/nginx/frontend-cache) is off:
every page is answered by gunicorn, from the page cache or rendered.

wrk (-c200, a Lua script) mixes page views over UNITS units of the fleet
(home, sections, articles, document registry, documents) with searches
(/tim-kiem/?q=..., Vietnamese queries with and without diacritics).

Search and feedback are rate limited per client address, and 200
connections from one loopback address would be a single client. The bench's
nginx therefore takes the client address from X-Forwarded-For (realip
module, trusted from 127.0.0.1 only), and each request carries one of
CLIENTS addresses: 200 users, each its own client, as on the Internet.
429 answers are counted apart and must not happen at these rates.

Runs, in order: the baseline (the same stack serving /healthz: database,
cache and search checks, no routing or template), then Redis flushed and
the mix for COLD_SECONDS (the cold-cache figures: processes warm, cache
empty), then at once the mix for BENCH_LOAD_SECONDS (300 by default: the
recorded figures, cache warm). Any answer other than 2xx/3xx or any socket
error is a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import redis
import requests
import urllib3
from django_tenants.utils import schema_context

from portal.tenancy.models import Unit
from tests.deploy.conftest import NGINX, nginx_variables, render_nginx
from tests.operations.production_env import production_env
from tests.operations.services import RedisServer, free_port, wait_for_port

from . import database
from .common import LOG_DIR, PROJECT_DIR, Figure, Goal, Report, say
from .pages import ensure_content
from .routing import GUNICORN
from .units import SUFFIX, fleet_host

UNITS = 12  # the fleet's province and its first 11 communes
CONNECTIONS = 200
WRK_THREADS = 2
CLIENTS = 200  # client addresses, one per simulated user
SEARCH_SHARE = 0.05  # of all requests: searches are never cached
BASELINE_SECONDS = 30
COLD_SECONDS = 60
DEFAULT_SECONDS = 300
TIMEOUT_SECONDS = 60  # gunicorn gives up on a request after 60 s, nginx after 90
# A browser's: robots' views are not counted, and the page-view buffer is part of the load.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SETTLE_SECONDS = 120
QUERIES = [
    "chuyển đổi số",
    "chuyen doi so",
    "nông thôn mới",
    "nong thon moi",
    "đại hội đảng bộ",
    "dai hoi dang bo",
    "hội nghị",
    "hoi nghi",
    "nghị quyết",
    "nghi quyet",
    "thông báo",
    "thong bao",
]
# The load test's clients: one address each, passed by wrk (see the module).
REAL_IP = "set_real_ip_from 127.0.0.1; real_ip_header X-Forwarded-For;"
LUA = """
local pages = {%(pages)s}
local searches = {%(searches)s}
local clients = %(clients)d
local search_share = %(search_share)f
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  ok2xx, ok3xx, limited, failed, cache_hits, searched = 0, 0, 0, 0, 0, 0
end

function request()
  local target
  if #searches > 0 and math.random() < search_share then
    target = searches[math.random(#searches)]
    searched = searched + 1
  else
    target = pages[math.random(#pages)]
  end
  local client = math.random(clients)
  local address = string.format("10.77.%%d.%%d", math.floor(client / 250), client %% 250 + 1)
  local headers = {
    ["Host"] = target[1],
    ["X-Forwarded-For"] = address,
    ["User-Agent"] = "%(user_agent)s",
    ["Accept-Language"] = "vi-VN,vi;q=0.9,en;q=0.5",
  }
  return wrk.format("GET", target[2], headers)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok2xx = ok2xx + 1
  elseif status >= 300 and status < 400 then ok3xx = ok3xx + 1
  elseif status == 429 then limited = limited + 1
  else failed = failed + 1 end
  if headers["X-Portal-Page-Cache"] == "hit" then cache_hits = cache_hits + 1 end
end

function done(summary, latency, requests)
  local totals = {ok2xx = 0, ok3xx = 0, limited = 0, failed = 0, cache_hits = 0, searched = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  for name, value in pairs(totals) do io.write(string.format("count %%s %%d\\n", name, value)) end
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("p%%d_us %%d\\n", p, latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format("socket connect %%d read %%d write %%d timeout %%d\\n",
    e.connect, e.read, e.write, e.timeout))
end
"""


def seconds() -> int:
    return int(os.environ.get("BENCH_LOAD_SECONDS", DEFAULT_SECONDS))


@dataclass
class Run:
    """What one wrk run measured."""

    name: str
    seconds: int
    requests: int
    rate: float  # requests/s
    p50_ms: float
    p95_ms: float
    p99_ms: float
    counts: dict[str, int]
    socket_errors: dict[str, int]

    @property
    def errors(self) -> int:
        """Failed answers (neither 2xx/3xx nor 429) and socket errors."""
        return self.counts["failed"] + sum(self.socket_errors.values())

    def summary(self) -> str:
        sockets = ", ".join(f"{kind} {n}" for kind, n in self.socket_errors.items())
        c = self.counts
        return (
            f"{self.name} ({self.seconds} s): {self.requests:,} requests; 2xx {c['ok2xx']:,}, "
            f"3xx {c['ok3xx']:,}, 429 {c['limited']:,}, other 4xx/5xx {c['failed']:,}; "
            f"socket errors: {sockets}; searches {c['searched']:,}, "
            f"page-cache hits {c['cache_hits']:,}"
        )


def ensure_units_content() -> list[Unit]:
    """Sample content in the fleet's first UNITS units (once, kept for later runs)."""
    from sites.demo_content import fill_unit
    from sites.models import ArticlePage

    ensure_content()  # the province's, as in the pages benchmark
    units = [Unit.objects.get(domains__domain=fleet_host(i)) for i in range(UNITS)]
    for unit in units[1:]:
        with schema_context(unit.schema_name):
            if not ArticlePage.objects.live().exists():
                say(f"writing {unit.name}'s sample content (kept for later runs)…")
                fill_unit(unit, None)
    return units


def targets(units: list[Unit]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(host, path) of the page views and of the searches."""
    from sites.models import ArticlePage, DocumentIndexPage, DocumentPage, HomePage, SectionPage

    pages, searches = [], []
    for index, unit in enumerate(units):
        host = fleet_host(index)
        with schema_context(unit.schema_name):
            for model in (HomePage, SectionPage, ArticlePage, DocumentIndexPage, DocumentPage):
                for page in model.objects.live().public():
                    pages.append((host, page.get_url_parts()[2]))
        searches += [(host, f"/tim-kiem/?q={quote(query)}") for query in QUERIES]
    return pages, searches


def _lua(pages, searches) -> str:
    def table(entries):
        return ", ".join(f'{{"{host}", "{path}"}}' for host, path in entries)

    return LUA % {
        "pages": table(pages),
        "searches": table(searches),
        "clients": CLIENTS,
        "search_share": SEARCH_SHARE if searches else 0.0,
        "user_agent": USER_AGENT,
    }


@dataclass
class Stack:
    https_port: int
    redis: RedisServer
    folder: Path


@contextmanager
def stack() -> Iterator[Stack]:
    """nginx -> gunicorn (production settings) -> PostgreSQL and Redis, on loopback."""
    folder = Path(tempfile.mkdtemp(prefix="load-", dir=LOG_DIR))
    processes: list[subprocess.Popen] = []
    server = RedisServer(folder / "redis")
    gunicorn_port, http_port, https_port = free_port(), free_port(), free_port()
    variables = nginx_variables(folder, f"127.0.0.1:{gunicorn_port}", http_port, https_port)
    variables["PORTAL_DOMAIN"] = SUFFIX
    env = production_env(
        DATABASE_URL=database.url(),
        REDIS_URL=server.url,
        PORTAL_PRIMARY_DOMAIN=fleet_host(0),
        ALLOWED_HOSTS=f".{SUFFIX}",
        PORTAL_STATIC_ROOT=variables["PORTAL_STATIC_ROOT"],
        PORTAL_MEDIA_ROOT=str(PROJECT_DIR / "var" / "media"),
        PORTAL_BIND=f"127.0.0.1:{gunicorn_port}",
        PORTAL_LOG_LEVEL="WARNING",
    )
    try:
        say("collecting static files for the production settings…")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=PROJECT_DIR,
            env=env,
            check=True,
            capture_output=True,
            timeout=900,
        )
        log = (folder / "gunicorn.log").open("w")
        processes.append(
            subprocess.Popen(
                [str(GUNICORN), "-c", str(PROJECT_DIR / "deploy" / "gunicorn.conf.py")],
                cwd=PROJECT_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        wait_for_port(gunicorn_port, timeout=120, process=processes[-1])
        main = render_nginx(
            variables,
            folder / "nginx",
            workers="auto",
            connections=2048,
            access_log=False,
            http_extra=REAL_IP,
        )
        processes.append(
            subprocess.Popen(
                [NGINX, "-c", str(main), "-p", str(main.parent), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=(folder / "nginx.log").open("w"),
            )
        )
        wait_for_port(https_port, process=processes[-1])
        yield Stack(https_port, server, folder)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=60)
        server.stop()


def _get(running: Stack, host: str, path: str) -> requests.Response:
    return requests.get(
        f"https://127.0.0.1:{running.https_port}{path}",
        headers={"Host": host, "X-Forwarded-For": "10.77.255.1"},
        verify=False,  # the run's own self-signed certificate
        allow_redirects=False,
        timeout=TIMEOUT_SECONDS,
    )


def check_targets(running: Stack, pages, searches) -> None:
    """Every page and search answers 200 before the load starts (else the list is wrong)."""
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    deadline = time.monotonic() + 60
    while _get(running, fleet_host(0), "/healthz").status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("/healthz never answered 200 through nginx")
        time.sleep(0.5)
    # The searches of one unit only: each counts against the checking client's limit.
    for host, path in pages + searches[: len(QUERIES)]:
        status = _get(running, host, path).status_code
        if status != 200:
            raise RuntimeError(f"https://{host}{path} answered {status} before the load")


def settle(running: Stack) -> float:
    """Wait until the requests a finished run left queued are done; returns the seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < SETTLE_SECONDS:
        asked = time.monotonic()
        _get(running, fleet_host(0), "/healthz")
        if time.monotonic() - asked < 0.5:
            break
        time.sleep(1)
    return time.monotonic() - start


def wrk(running: Stack, name: str, duration: int, pages, searches) -> Run:
    script = running.folder / f"{name}.lua"
    script.write_text(_lua(pages, searches))
    say(f"{name}: wrk -c{CONNECTIONS} for {duration} s…")
    output = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{duration}s",
            f"--timeout={TIMEOUT_SECONDS}s",
            "-s",
            str(script),
            f"https://127.0.0.1:{running.https_port}/",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (LOG_DIR / f"wrk-load-{name}.log").write_text(output)
    counts = {k: int(v) for k, v in re.findall(r"count (\w+) (\d+)", output)}
    sockets = re.search(r"socket connect (\d+) read (\d+) write (\d+) timeout (\d+)", output)
    percentiles = {p: int(v) / 1000 for p, v in re.findall(r"p(\d+)_us (\d+)", output)}
    return Run(
        name=name,
        seconds=duration,
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=percentiles["50"],
        p95_ms=percentiles["95"],
        p99_ms=percentiles["99"],
        counts=counts,
        socket_errors=dict(
            zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)
        ),
    )


def redis_keys(server: RedisServer) -> dict[str, int]:
    """How many keys of each kind the run left in Redis."""
    kinds = {
        "page cache entries": ":portal:page:",
        "page cache generations": ":portal:page-cache-generation:",
        "page-view buffer": ":pageviews:",
        "plugin active sets": ":portal:active-plugins",
        "search rate counters": ":search-rate:",
        "routing token": ":portal:routing-version",
    }
    found = dict.fromkeys(kinds, 0)
    client = redis.Redis.from_url(server.url)
    for key in client.scan_iter(count=1000):
        text = key.decode(errors="replace")
        for kind, marker in kinds.items():
            if marker in text:
                found[kind] += 1
                break
    found["all keys"] = client.dbsize()
    return found


def run() -> Report:
    units = ensure_units_content()
    pages, searches = targets(units)
    duration = seconds()
    with stack() as running:
        say(f"checking {len(pages)} pages and {len(QUERIES)} searches answer 200…")
        check_targets(running, pages, searches)
        baseline = wrk(running, "baseline", BASELINE_SECONDS, [(fleet_host(0), "/healthz")], [])
        redis.Redis.from_url(running.redis.url).flushall()
        cold = wrk(running, "cold", min(COLD_SECONDS, duration), pages, searches)
        settled = settle(running)
        warm = wrk(running, "warm", duration, pages, searches)
        keys = redis_keys(running.redis)

    no_errors = Goal("0 errors", lambda f: cold.errors == 0 and warm.errors == 0)
    figures = []
    for measured, label in ((warm, "warm cache"), (cold, "cold cache")):
        figures += [
            Figure(
                f"mix, {label}, throughput",
                measured.rate,
                "req/s",
                baseline.rate,
                "/healthz",
                [no_errors],
            ),
            Figure(f"mix, {label}, p50", measured.p50_ms, "ms", baseline.p50_ms, "/healthz"),
            Figure(f"mix, {label}, p95", measured.p95_ms, "ms", baseline.p95_ms, "/healthz"),
            Figure(f"mix, {label}, p99", measured.p99_ms, "ms", baseline.p99_ms, "/healthz"),
        ]
    hosts = len({host for host, _ in pages})
    return Report(
        title=f"load — {CONNECTIONS} users, pages and searches over {hosts} units, "
        "nginx (TLS) -> gunicorn -> PostgreSQL + Redis",
        figures=figures,
        notes=[
            f"wrk -t{WRK_THREADS} -c{CONNECTIONS} --timeout {TIMEOUT_SECONDS}s over TLS on "
            f"loopback; warm: {warm.seconds} s right after the cold run (once the requests it "
            f"left queued were done, {settled:.0f} s); cold: the first "
            f"{cold.seconds} s after `FLUSHALL` of Redis (gunicorn processes already warm); "
            f"baseline: /healthz ({BASELINE_SECONDS} s, same stack and connections)",
            f"gunicorn as deploy/gunicorn.conf.py gives for {os.cpu_count()} CPUs (gthread, "
            "workers = 2 × CPUs + 1, 4 threads), production settings, page cache in Redis, "
            "search on PostgreSQL; nginx from the deploy templates, frontend cache off",
            f"mix: {len(pages)} pages (home, sections, articles, document registry, documents) "
            f"drawn at random, and {SEARCH_SHARE:.0%} searches among {len(searches)} "
            f"(/tim-kiem/, {len(QUERIES)} Vietnamese queries, half without diacritics)",
            f"clients: nginx's real_ip from X-Forwarded-For (trusted from 127.0.0.1), each "
            f"request from one of {CLIENTS} addresses; search allows 60 per minute each; "
            "a browser's User-Agent and Accept-Language (views are counted, in Redis)",
            warm.summary(),
            cold.summary(),
            baseline.summary(),
            "Redis after the run: " + ", ".join(f"{kind} {n:,}" for kind, n in keys.items()),
        ],
    )
