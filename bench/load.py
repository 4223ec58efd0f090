"""Load test: the peak of a big event, 1,000 users on the production stack with the frontend cache.

The stack is the one deploy/ describes, on loopback: nginx (the deploy
templates, TLS, and the frontend cache of deploy/nginx/frontend-cache with
Debian's purge module, as deployed: 5 minutes, purged on publish) -> gunicorn
(deploy/gunicorn.conf.py: for 2 CPUs, 5 gthread workers of 4 threads;
production settings) -> the benchmark's PostgreSQL and a redis-server of its
own (page cache, routing tokens, rate limits, the page-view buffer). Search
runs on PostgreSQL (no ELASTICSEARCH_URL).

CONNECTIONS users (1,000) over UNITS units of the fleet, two wrk processes at
once, so that pages and searches get their own p50/p95/p99 (wrk's, client
side): 95 % of the connections view pages (home, sections, articles, document
registry, documents), each pausing PAGE_THINK_MS between pages, 5 % search
(/tim-kiem/?q=..., Vietnamese queries with and without diacritics, a quarter
of them rare word pairs whose results nobody has asked for yet; nginx never
caches searches, the portal keeps recent results until the ledger changes),
pausing SEARCH_THINK_MS. Searches are a share of the users, not of the
requests. Their share of the requests is printed.

Search and feedback are rate limited per client address, and 1,000
connections from one loopback address would be a single client. The bench's
nginx therefore takes the client address from X-Forwarded-For (realip
module, trusted from 127.0.0.1 only), and each request carries one of
CLIENTS addresses. 429 answers are counted apart and must not happen.

Runs, in order, on the same gunicorn, PostgreSQL and Redis:
1. every page and search answers 200 (gunicorn's page cache warm), then the
   baseline: nginx without the frontend cache, the same two wrk for
   BASELINE_SECONDS: every page from gunicorn's page cache;
2. nginx restarted with the frontend cache, every page fetched once (nginx
   keeps it), then the peak: the two wrk for BENCH_LOAD_SECONDS (300 by
   default). Halfway, this process publishes a new title of a province's
   article as an editor's save does (the stack's Redis as cache, purging
   nginx through its purge listener) and polls the article's public URL until
   the title shows. nginx logs every request that reached gunicorn: the
   requests per URL in the PUBLISH_WINDOW seconds after the publish show
   whether the purge caused a stampede (the same URLs' requests in as many
   seconds of the baseline for comparison);
3. `count_cached_views` on nginx's log of the pages it served from its cache:
   the views counted equal the browsers' HIT/UPDATING lines of that log, and
   wrk's own count of such answers but for those in flight when it stopped.
Throughput is measured apart, since paced users measure what they offer, not
what the servers can answer: CONNECTIONS connections asking for pages
without pause (a light script: requests built once, no per-answer callback),
for BASELINE_SECONDS through nginx without the frontend cache (gunicorn's
page cache answers; run right after the baseline mix) and for
BENCH_LOAD_SECONDS through nginx with it (after the peak, on an nginx of its
own whose log of cached views is not the one counted above).
CPU per request: the CPU seconds of every process of gunicorn, PostgreSQL,
nginx and Redis (/proc, ended processes too) over the requests answered.
Any answer other than 2xx/3xx or any socket error is a failure.
"""

from __future__ import annotations

import json
import os
import re
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus, urlsplit

import requests
import urllib3
from django.test import override_settings
from django_tenants.utils import schema_context

from portal.analytics import cached_views
from portal.settings.caches import redis_cache
from portal.tenancy.models import Unit
from tests.deploy.conftest import NGINX, nginx_variables, render_nginx
from tests.operations.production_env import production_env
from tests.operations.services import RedisServer, free_port, wait_for_port

from . import database
from .common import LOG_DIR, PROJECT_DIR, Figure, Goal, Report, say
from .pages import ensure_content
from .processes import tree_cpu
from .routing import GUNICORN
from .units import SUFFIX, fleet_host

UNITS = 12  # the fleet's province and its first 11 communes
CONNECTIONS = 1000
SEARCH_SHARE = 0.05  # of the users: searches are never cached
SEARCH_CONNECTIONS = round(CONNECTIONS * SEARCH_SHARE)
PAGE_CONNECTIONS = CONNECTIONS - SEARCH_CONNECTIONS
# A searcher reads the results before searching again (pages are asked without pause).
SEARCH_THINK_MS = (1000, 3000)
# A page reader asks for the next page 0.1–0.7 s after the last one arrived: far faster than
# people read, so 950 of them offer about 2,300 pages a second. Readers with no pause at all
# would keep every CPU busy by construction, and every answer, searches included, would wait
# in nginx's queue whatever the portal did (the throughput runs do that, pages only).
PAGE_THINK_MS = (100, 700)
CLIENTS = 1000  # client addresses, one per simulated user
BASELINE_SECONDS = 60
DEFAULT_SECONDS = 300
PUBLISH_WINDOW = 10  # seconds after the publish in which gunicorn's requests are counted
VISIBLE_WITHIN = 2.0  # seconds: the goal for a published page
POLL_SECONDS = 0.05
POLL_LIMIT = 30
TIMEOUT_SECONDS = 60  # gunicorn gives up on a request after 60 s, nginx after 90
NGINX_CONNECTIONS = 4 * CONNECTIONS  # per worker: clients, gunicorn, keepalive spares
# A browser's: robots' views are not counted, and the page-view buffer is part of the load.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SETTLE_SECONDS = 120
FRONTEND_CACHE_VALID = "5m"  # as deploy/docker-compose.yml and deploy/README.md
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
# A quarter of the searches are two words drawn from RARE_WORDS: queries few others type at
# the same moment, whose results no cache keeps (1,600 pairs on each of the units).
RARE_SEARCH_SHARE = 0.25
RARE_WORDS = [
    "an ninh", "biên giới", "bảo hiểm", "chính sách", "công an", "cải cách", "dân tộc",
    "giáo dục", "giao thông", "hành chính", "nông dân", "khen thưởng", "kinh tế",
    "kiểm tra", "lao động", "môi trường", "mặt trận", "nông nghiệp", "phụ nữ", "phòng chống",
    "quốc phòng", "quy hoạch", "thanh niên", "thi đua", "thuy loi", "tiep dan", "ton giao",
    "tuyen truyen", "van hoa", "viec lam", "y te", "dat dai", "dau tu", "dien luc",
    "doan vien", "cuu chien binh", "nguoi cao tuoi", "khuyen hoc", "du lich", "xay dung",
]  # fmt: skip
PICK_TARGET = """
local function pick()
  local target = targets[math.random(#targets)]
  return target[1], target[2]
end
"""
PICK_SEARCH = """
local hosts = {%(hosts)s}
local words = {%(words)s}
local function pick()
  if math.random() >= %(rare_share)s then
    local target = targets[math.random(#targets)]
    return target[1], target[2]
  end
  local query = words[math.random(#words)] .. "+" .. words[math.random(#words)]
  return hosts[math.random(#hosts)], "/tim-kiem/?q=" .. query
end
"""
# The load test's clients: one address each, passed by wrk (see the module); and nginx's
# log of the requests that reached gunicorn (searches, misses; never a cached answer).
NGINX_EXTRA = """
set_real_ip_from 127.0.0.1; real_ip_header X-Forwarded-For;
map $upstream_addr $bench_upstream { "" 0; default 1; }
log_format bench_upstream '$msec $upstream_cache_status $status $host$request_uri';
"""
LUA = """
local targets = {%(targets)s}
local user_agent = "%(user_agent)s"
local addresses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  for client = 1, %(clients)d do
    addresses[client] = string.format("10.77.%%d.%%d", math.floor(client / 250), client %% 250 + 1)
  end
  ok, limited, failed, cache_hits = 0, 0, 0, 0
end

%(pick)s
function request()
  local host, path = pick()
  return wrk.format("GET", path, {
    ["Host"] = host,
    ["X-Forwarded-For"] = addresses[math.random(#addresses)],
    ["User-Agent"] = user_agent,
    ["Accept-Language"] = "vi-VN,vi;q=0.9,en;q=0.5",
  })
end

%(think)s
function response(status, headers, body)
  if status >= 200 and status < 400 then ok = ok + 1
  elseif status == 429 then limited = limited + 1
  else failed = failed + 1 end
  local cache = headers["X-Frontend-Cache"]
  if status == 200 and (cache == "HIT" or cache == "UPDATING") then
    cache_hits = cache_hits + 1
  end
end

function done(summary, latency, requests)
  local totals = {ok = 0, limited = 0, failed = 0, cache_hits = 0}
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


# Pages without pause, for throughput: each connection asks again as soon as an answer came.
CAPACITY_LUA = """
local targets = {%(targets)s}
local prepared = {}

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  for index, target in ipairs(targets) do
    local client = math.random(%(clients)d)
    local address = string.format("10.77.%%d.%%d", math.floor(client / 250), client %% 250 + 1)
    prepared[index] = wrk.format("GET", target[2], {
      ["Host"] = target[1],
      ["X-Forwarded-For"] = address,
      ["User-Agent"] = "%(user_agent)s",
      ["Accept-Language"] = "vi-VN,vi;q=0.9,en;q=0.5",
    })
  end
end

function request()
  return prepared[math.random(#prepared)]
end

function done(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("p%%d_us %%d\\n", p, latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format("count failed %%d\\n", e.status))
  io.write(string.format("socket connect %%d read %%d write %%d timeout %%d\\n",
    e.connect, e.read, e.write, e.timeout))
end
"""


def seconds() -> int:
    return int(os.environ.get("BENCH_LOAD_SECONDS", DEFAULT_SECONDS))


@dataclass
class Run:
    """What one wrk process measured."""

    name: str
    connections: int
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
            f"{self.name} ({self.connections} connections, {self.seconds} s): "
            f"{self.requests:,} requests; 2xx/3xx {c['ok']:,}, 429 {c['limited']:,}, "
            f"other 4xx/5xx {c['failed']:,}; socket errors: {sockets}; "
            f"answered from nginx's cache {c['cache_hits']:,}"
        )


@dataclass
class Phase:
    """One run of the mix: pages and searches at once, and what the servers spent."""

    pages: Run
    searches: Run
    cpu_seconds: float
    started: float  # time.time() when wrk started

    @property
    def errors(self) -> int:
        return self.pages.errors + self.searches.errors

    @property
    def limited(self) -> int:
        return self.pages.counts["limited"] + self.searches.counts["limited"]

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.cpu_seconds / (self.pages.requests + self.searches.requests)

    @property
    def search_share(self) -> float:
        return self.searches.requests / (self.pages.requests + self.searches.requests)


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


def _lua(entries, *, searches: bool = False) -> str:
    """wrk's script over `entries`: each connection pauses between its requests
    (PAGE_THINK_MS, or SEARCH_THINK_MS for `searches`: a person reading the results), and
    RARE_SEARCH_SHARE of the searches are rare queries."""
    low, high = SEARCH_THINK_MS if searches else PAGE_THINK_MS
    think = f"function delay()\n  return math.random({low}, {high})\nend\n"
    pick = PICK_TARGET
    if searches:
        pick = PICK_SEARCH % {
            "hosts": ", ".join(f'"{host}"' for host in sorted({host for host, _ in entries})),
            "words": ", ".join(f'"{quote_plus(word)}"' for word in RARE_WORDS),
            "rare_share": RARE_SEARCH_SHARE,
        }
    return LUA % {
        "targets": _lua_targets(entries),
        "clients": CLIENTS,
        "user_agent": USER_AGENT,
        "think": think,
        "pick": pick,
    }


def _lua_targets(entries) -> str:
    return ", ".join(f'{{"{host}", "{path}"}}' for host, path in entries)


@dataclass
class Stack:
    https_port: int
    purge_port: int
    redis: RedisServer
    folder: Path
    variables: dict[str, str]
    gunicorn: subprocess.Popen
    nginx: subprocess.Popen | None = None

    def cpu(self) -> float:
        """CPU seconds of gunicorn, nginx, Redis and PostgreSQL so far, all their processes."""
        pids = [self.gunicorn.pid, self.redis.process.pid]
        if self.nginx is not None:
            pids.append(self.nginx.pid)
        return sum(map(tree_cpu, pids)) + (database.server_cpu() or 0.0)


@contextmanager
def stack() -> Iterator[Stack]:
    """gunicorn (production settings) -> PostgreSQL and Redis, on loopback; nginx apart."""
    folder = Path(tempfile.mkdtemp(prefix="load-", dir=LOG_DIR))
    server = RedisServer(folder / "redis")
    gunicorn_port, http_port, https_port, purge_port = (free_port() for _ in range(4))
    variables = nginx_variables(folder, f"127.0.0.1:{gunicorn_port}", http_port, https_port)
    variables.update(
        PORTAL_DOMAIN=SUFFIX,
        PORTAL_FRONTEND_CACHE_PATH=str(folder / "frontend-cache"),
        PORTAL_FRONTEND_CACHE_VALID=FRONTEND_CACHE_VALID,
        PORTAL_FRONTEND_CACHE_PURGE_LISTEN=f"127.0.0.1:{purge_port}",
        PORTAL_FRONTEND_CACHE_PURGE_ALLOW="127.0.0.1",
        PORTAL_FRONTEND_CACHE_VIEW_LOG=str(folder / "cached-views.log"),
    )
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
    gunicorn = None
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
        gunicorn = subprocess.Popen(
            [str(GUNICORN), "-c", str(PROJECT_DIR / "deploy" / "gunicorn.conf.py")],
            cwd=PROJECT_DIR,
            env=env,
            stdout=(folder / "gunicorn.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_for_port(gunicorn_port, timeout=120, process=gunicorn)
        yield Stack(https_port, purge_port, server, folder, variables, gunicorn)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=60)
        server.stop()


@contextmanager
def nginx(
    running: Stack, name: str, frontend_cache: bool, view_log: Path | None = None
) -> Iterator[Path]:
    """nginx in front of the stack, with or without the frontend cache (logging its cached
    views to `view_log`, by default the stack's); yields its log of the requests that
    reached gunicorn."""
    target = running.folder / f"nginx-{name}"
    upstream_log = target / "upstream.log"
    variables = {**running.variables, "PORTAL_NGINX_DIR": str(target)}
    if view_log is not None:
        variables["PORTAL_FRONTEND_CACHE_VIEW_LOG"] = str(view_log)
    main = render_nginx(
        variables,
        target,
        frontend_cache,
        workers="auto",
        connections=NGINX_CONNECTIONS,
        access_log=f"{upstream_log} bench_upstream if=$bench_upstream buffer=64k flush=1s",
        http_extra=NGINX_EXTRA,
    )
    process = subprocess.Popen(
        [NGINX, "-c", str(main), "-p", str(main.parent), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(target / "nginx.log").open("w"),
    )
    running.nginx = process
    try:
        wait_for_port(running.https_port, process=process)
        yield upstream_log
    finally:
        process.terminate()  # fast shutdown: the buffered log is written out
        process.wait(timeout=60)
        running.nginx = None


def _get(running: Stack, host: str, path: str) -> requests.Response:
    """The bench's own requests: python-requests' agent, a robot, so never counted as views."""
    return requests.get(
        f"https://127.0.0.1:{running.https_port}{path}",
        headers={"Host": host, "X-Forwarded-For": "10.77.255.1", "Accept-Language": "vi"},
        verify=False,  # the run's own self-signed certificate
        allow_redirects=False,
        timeout=TIMEOUT_SECONDS,
    )


def check_targets(running: Stack, pages, searches) -> None:
    """Every page and search answers 200 before the load starts (else the list is wrong)."""
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


def _start_wrk(running: Stack, name: str, connections: int, duration: int, lua: str):
    script = running.folder / f"{name}.lua"
    script.write_text(lua)
    threads = 2 if connections > 100 else 1
    return subprocess.Popen(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            f"--timeout={TIMEOUT_SECONDS}s",
            "-s",
            str(script),
            f"https://127.0.0.1:{running.https_port}/",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish_wrk(process: subprocess.Popen, name: str, connections: int, duration: int) -> Run:
    output, errors = process.communicate()
    if process.returncode:
        raise RuntimeError(f"wrk ({name}) failed: {errors.strip()}")
    (LOG_DIR / f"wrk-load-{name}.log").write_text(output)
    counts = {k: int(v) for k, v in re.findall(r"count (\w+) (\d+)", output)}
    sockets = re.search(r"socket connect (\d+) read (\d+) write (\d+) timeout (\d+)", output)
    percentiles = {p: int(v) / 1000 for p, v in re.findall(r"p(\d+)_us (\d+)", output)}
    return Run(
        name=name,
        connections=connections,
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


def mix(running: Stack, name: str, duration: int, pages, searches, during=None):
    """Pages and searches at once for `duration` s; `during()` runs halfway, its result kept."""
    say(
        f"{name}: wrk -c{PAGE_CONNECTIONS} pages and -c{SEARCH_CONNECTIONS} searches, {duration} s…"
    )
    cpu_before, started = running.cpu(), time.time()
    page_wrk = _start_wrk(running, f"{name}-pages", PAGE_CONNECTIONS, duration, _lua(pages))
    search_wrk = _start_wrk(
        running,
        f"{name}-searches",
        SEARCH_CONNECTIONS,
        duration,
        _lua(searches, searches=True),
    )
    outcome = None
    if during is not None:
        time.sleep(duration / 2)
        outcome = during()
    page_run = _finish_wrk(page_wrk, f"{name}-pages", PAGE_CONNECTIONS, duration)
    search_run = _finish_wrk(search_wrk, f"{name}-searches", SEARCH_CONNECTIONS, duration)
    phase = Phase(page_run, search_run, running.cpu() - cpu_before, started)
    return phase, outcome


@dataclass
class Capacity:
    """Pages asked without pause: what the servers answer at most."""

    run: Run
    cpu_seconds: float
    reached_gunicorn: int  # page requests nginx passed on (its upstream log)

    @property
    def errors(self) -> int:
        return self.run.errors

    def summary(self) -> str:
        sockets = ", ".join(f"{kind} {n}" for kind, n in self.run.socket_errors.items())
        return (
            f"{self.run.name} ({self.run.connections} connections without pause, "
            f"{self.run.seconds} s): {self.run.requests:,} requests, "
            f"{self.run.counts['failed']:,} answers other than 2xx/3xx; socket errors: {sockets}; "
            f"{self.reached_gunicorn:,} reached gunicorn (those in flight at the end too); "
            f"p50 {self.run.p50_ms:.0f} ms, p95 {self.run.p95_ms:.0f} ms, "
            f"p99 {self.run.p99_ms:.0f} ms; "
            f"{1000 * self.cpu_seconds / self.run.requests:.2f} CPU ms a request"
        )


def capacity(running: Stack, name: str, duration: int, pages, upstream_log: Path) -> Capacity:
    """CONNECTIONS connections asking for pages without pause for `duration` s."""
    say(f"{name}: wrk -c{CONNECTIONS} pages without pause, {duration} s…")
    lua = CAPACITY_LUA % {
        "targets": _lua_targets(pages),
        "clients": CLIENTS,
        "user_agent": USER_AGENT,
    }
    cpu_before, started = running.cpu(), time.time()
    process = _start_wrk(running, name, CONNECTIONS, duration, lua)
    measured = _finish_wrk(process, name, CONNECTIONS, duration)
    cpu = running.cpu() - cpu_before
    time.sleep(1.5)  # nginx writes its buffered log at least once a second
    reached = sum(upstream_requests(upstream_log, started, duration + 1).values())
    return Capacity(measured, cpu, reached)


def fill_frontend_cache(running: Stack, pages) -> None:
    """Every page once through nginx: it keeps them (an anonymous visitor's request)."""
    for host, path in pages:
        response = _get(running, host, path)
        if response.status_code != 200 or "X-Frontend-Cache" not in response.headers:
            raise RuntimeError(f"https://{host}{path}: {response.status_code}, not cacheable")


@dataclass
class Publication:
    """A title published during the peak, and how long until visitors saw it."""

    host: str
    path: str
    moment: float  # time.time() when the publish started
    publish_seconds: float  # the publish itself (save, commit, purges)
    visible_after: float  # seconds from the publish's end; POLL_LIMIT when it never showed
    purged: list[tuple[str, str]]  # (host, path) nginx was asked to drop
    page_id: int
    original_title: str


def _publish_title(unit: Unit, page_id: int, title: str, running: Stack) -> list[str]:
    """Publish `title` on the page as an editor's save does; returns the URLs purged."""
    from sites.frontend_cache import page_change_urls
    from sites.models import ArticlePage

    purge = f"http://127.0.0.1:{running.purge_port}"
    backend = {"nginx": {"BACKEND": "sites.frontend_cache.PurgeBackend", "LOCATION": purge}}
    with (
        override_settings(CACHES=redis_cache(running.redis.url), WAGTAILFRONTENDCACHE=backend),
        schema_context(unit.schema_name),
    ):
        page = ArticlePage.objects.get(pk=page_id)
        page.title = title
        page.save_revision().publish()
        return page_change_urls(page)


def publish_and_watch(running: Stack, unit: Unit) -> Publication:
    """A new title on the province's latest article, then its public URL polled until it shows."""
    from sites.models import ArticlePage

    with schema_context(unit.schema_name):
        article = ArticlePage.objects.live().public().order_by("-first_published_at").first()
        original, path = article.title, article.get_url_parts()[2]
    token = f"cập nhật {secrets.token_hex(4)}"
    host = fleet_host(0)
    moment, publish_started = time.time(), time.monotonic()
    urls = _publish_title(unit, article.pk, f"{original} ({token})", running)
    started = time.monotonic()
    visible_after = float(POLL_LIMIT)
    while time.monotonic() - started < POLL_LIMIT:
        if token in _get(running, host, path).text:
            visible_after = time.monotonic() - started
            break
        time.sleep(POLL_SECONDS)
    purged = [(urlsplit(url).netloc, urlsplit(url).path) for url in urls]
    publish_seconds = started - publish_started
    return Publication(
        host, path, moment, publish_seconds, visible_after, purged, article.pk, original
    )


def upstream_requests(log: Path, start: float, seconds: float) -> Counter[tuple[str, str]]:
    """Requests for pages (searches left out) that reached gunicorn in [start, start+seconds)."""
    found: Counter[tuple[str, str]] = Counter()
    for line in log.read_text().splitlines():
        moment, _cache, _status, url = line.split(" ", 3)
        if start <= float(moment) < start + seconds and "/tim-kiem/" not in url:
            host, _, rest = url.partition("/")
            found[host, "/" + rest] += 1
    return found


def cached_view_lines(log: Path) -> int:
    """Lines of nginx's cached-views log that are browsers' views of pages (wrk's)."""
    total = 0
    for line in log.read_text().splitlines():
        entry = json.loads(line)
        if entry["agent"] == USER_AGENT and entry["status"] == "200":
            total += entry["cache"] in cached_views.VIEW_CACHE_STATUSES
    return total


def run() -> Report:
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # wrk's, nginx's, gunicorn's
    units = ensure_units_content()
    pages, searches = targets(units)
    duration = seconds()
    baseline_seconds = min(BASELINE_SECONDS, duration)
    with stack() as running:
        with nginx(running, "baseline", frontend_cache=False) as baseline_log:
            say(f"checking {len(pages)} pages and {len(QUERIES)} searches answer 200…")
            check_targets(running, pages, searches)
            baseline, _ = mix(running, "baseline", baseline_seconds, pages, searches)
            settle(running)
            most_without = capacity(
                running, "capacity-baseline", baseline_seconds, pages, baseline_log
            )
        with nginx(running, "peak", frontend_cache=True) as peak_log:
            settled = settle(running)
            say(f"filling nginx's frontend cache with the {len(pages)} pages…")
            fill_frontend_cache(running, pages)
            peak, published = mix(
                running,
                "peak",
                duration,
                pages,
                searches,
                during=lambda: publish_and_watch(running, units[0]),
            )
            # The content as it was, for later runs (after the run: its purges are not counted).
            _publish_title(units[0], published.page_id, published.original_title, running)
        view_log = Path(running.variables["PORTAL_FRONTEND_CACHE_VIEW_LOG"])
        say("counting the views nginx served from its cache (count_cached_views)…")
        counted = cached_views.count_new_views(str(view_log))
        logged = cached_view_lines(view_log)
        capacity_views = running.folder / "capacity-cached-views.log"
        with nginx(running, "capacity", True, view_log=capacity_views) as capacity_log:
            settle(running)
            fill_frontend_cache(running, pages)
            most_with = capacity(running, "capacity-peak", duration, pages, capacity_log)

    after_publish = upstream_requests(peak_log, published.moment, PUBLISH_WINDOW)
    middle = baseline.started + baseline_seconds / 2
    without_cache = upstream_requests(baseline_log, middle - PUBLISH_WINDOW / 2, PUBLISH_WINDOW)
    purged = [url for url in published.purged if url in set(pages)]
    most = max((after_publish[url] for url in purged), default=0) or float("nan")
    others = sum(n for url, n in after_publish.items() if url not in purged)
    wrk_hits = peak.pages.counts["cache_hits"]

    no_errors = Goal("0 errors", lambda f: peak.errors == 0 and peak.limited == 0)
    figures = [
        Figure(
            f"pages, frontend cache, {CONNECTIONS} connections without pause: throughput",
            most_with.run.rate,
            "req/s",
            most_without.run.rate,
            "gunicorn's page cache, the same",
            [
                Goal.speedup_at_least(10),
                Goal("0 errors", lambda f: most_with.errors == most_without.errors == 0),
            ],
        ),
        Figure(
            f"pages, frontend cache, {CONNECTIONS} users (paced, with searches): throughput",
            peak.pages.rate,
            "req/s",
            baseline.pages.rate,
            "without frontend cache",
            [no_errors],
        ),
    ]
    for run_kind, measured, before, goals in (
        ("pages", peak.pages, baseline.pages, {}),
        ("searches", peak.searches, baseline.searches, {95: [Goal.at_most(300, "ms")]}),
    ):
        if run_kind == "searches":
            figures.append(
                Figure(
                    "searches: throughput",
                    measured.rate,
                    "req/s",
                    before.rate,
                    "without frontend cache",
                )
            )
        for p in (50, 95, 99):
            figures.append(
                Figure(
                    f"{run_kind}: p{p}",
                    getattr(measured, f"p{p}_ms"),
                    "ms",
                    getattr(before, f"p{p}_ms"),
                    "without frontend cache",
                    goals.get(p, []),
                )
            )
    figures += [
        Figure(
            "CPU per request (gunicorn, PostgreSQL, nginx, Redis)",
            peak.cpu_ms_per_request,
            "CPU ms",
            baseline.cpu_ms_per_request,
            "without frontend cache",
        ),
        Figure(
            "published → new title visible",
            published.visible_after,
            "s",
            baseline.pages.p95_ms / 1000,
            "a page's p95 without frontend cache",
            [Goal.at_most(VISIBLE_WITHIN, "s")],
        ),
        Figure(
            f"gunicorn requests per purged page in the {PUBLISH_WINDOW} s after the publish, most",
            most,
            "requests",
            max((without_cache[url] for url in purged), default=0) or float("nan"),
            f"the same pages, {PUBLISH_WINDOW} s without frontend cache",
            [Goal("1 per page (no stampede)", lambda f: f.value == 1)],
        ),
        Figure(
            "views served from nginx's cache, counted",
            counted or float("nan"),  # none: nothing to compare (and no ratio)
            "views",
            logged or float("nan"),
            "nginx's log of cached views",
            [
                Goal(
                    "= nginx's cached answers",
                    lambda f: f.value == f.baseline and 0 <= f.value - wrk_hits <= CONNECTIONS,
                )
            ],
        ),
    ]
    hosts = len({host for host, _ in pages})
    return Report(
        title=f"load — {CONNECTIONS} users at the peak, pages and searches over {hosts} units, "
        "nginx (TLS, frontend cache) -> gunicorn -> PostgreSQL + Redis",
        figures=figures,
        notes=[
            f"two wrk at once over TLS on loopback, --timeout {TIMEOUT_SECONDS}s: pages -c"
            f"{PAGE_CONNECTIONS} (each pausing {PAGE_THINK_MS[0] / 1000:g}–"
            f"{PAGE_THINK_MS[1] / 1000:g} s between pages), searches -c{SEARCH_CONNECTIONS} "
            f"({SEARCH_SHARE:.0%} of the users, each pausing {SEARCH_THINK_MS[0] / 1000:g}–"
            f"{SEARCH_THINK_MS[1] / 1000:g} s between searches; {peak.search_share:.1%} of the "
            "requests at the peak, "
            f"{baseline.search_share:.1%} without the frontend cache); peak {duration} s, "
            f"baseline {baseline_seconds} s before it on the same stack",
            "baseline: nginx without the frontend cache, every page from gunicorn's page "
            "cache (Redis, warm); peak: nginx with deploy/nginx/frontend-cache "
            f"({FRONTEND_CACHE_VALID}, proxy_cache_lock, stale while updating in the "
            f"background), every page fetched once before (then {settled:.0f} s to settle)",
            f"gunicorn as deploy/gunicorn.conf.py gives for {os.cpu_count()} CPUs (gthread, "
            "workers = 2 × CPUs + 1, 4 threads), production settings, page cache in Redis, "
            f"search on PostgreSQL; nginx worker_processes auto, {NGINX_CONNECTIONS} "
            f"connections each; open files {hard}",
            f"mix: {len(pages)} pages (home, sections, articles, document registry, documents) "
            f"drawn at random; {len(searches)} searches (/tim-kiem/, {len(QUERIES)} Vietnamese "
            f"queries, half without diacritics) and, {RARE_SEARCH_SHARE:.0%} of the time, two "
            f"of {len(RARE_WORDS)} words at random on a random unit; {CLIENTS} client "
            "addresses (nginx's real_ip from X-Forwarded-For), a browser's User-Agent and "
            "Accept-Language",
            f"CPU per request: CPU seconds of every gunicorn, PostgreSQL, nginx and Redis process "
            f"(/proc) over the requests answered: peak {peak.cpu_seconds:.0f} s for "
            f"{peak.pages.requests + peak.searches.requests:,}, baseline "
            f"{baseline.cpu_seconds:.0f} s for "
            f"{baseline.pages.requests + baseline.searches.requests:,}; wrk's own CPU left out",
            f"publish: https://{published.host}{published.path} got a new title halfway through "
            f"the peak (save_revision().publish(), purging nginx on commit; "
            f"{published.publish_seconds:.2f} s in this process); polled every "
            f"{POLL_SECONDS * 1000:.0f} ms from the publish's end. nginx was asked to drop "
            f"{len(published.purged)} URLs; gunicorn's requests for those in the mix in the "
            f"{PUBLISH_WINDOW} s after: "
            + ", ".join(f"{path} {after_publish[host, path]}" for host, path in purged)
            + f"; for other pages {others}",
            f"views behind the cache: count_cached_views counted {counted:,}; nginx's log of "
            f"cached views holds {logged:,} browser views; wrk saw {wrk_hits:,} answers from "
            "nginx's cache (those in flight when wrk stopped are logged by nginx, not seen "
            "by wrk)",
            peak.pages.summary(),
            peak.searches.summary(),
            baseline.pages.summary(),
            baseline.searches.summary(),
            "throughput: one wrk, pages only, requests built once (no per-answer callback), "
            "through the same nginx and TLS; the load generator shares the machine's CPUs",
            most_with.summary(),
            most_without.summary(),
        ],
    )
