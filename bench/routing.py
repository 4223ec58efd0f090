"""Cost of routing a request to its unit: requests/s of a minimal view under gunicorn.

Three servers (gunicorn, sync workers) serve bench.urls' "ok" view, loaded
with wrk over loopback, all with the same Host header (a fleet unit):

- routed: the portal's settings and middleware, UnitRoutingMiddleware first
  (host -> unit from a per-process map, one local-cache read per request);
- single: the same apps and middleware without tenant routing, on a plain
  PostgreSQL engine: the baseline, Django serving one site;
- stock: django-tenants' TenantMainMiddleware instead of ours (one query per
  request), for comparison.

The servers run side by side; the load runs take turns, ROUNDS times, in
alternating order. Besides wrk's requests/s, each round counts requests per
CPU-second of the gunicorn workers and the PostgreSQL server, which other load
on the machine disturbs much less.

A server is compared with the baseline round by round: routed and single run
back to back in every round (the order alternates), so a round's ratio sees
the same machine, while the machine's speed drifts by a third from one minute
to the next. The figure is the round with the median ratio, both its values.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

import psutil

from . import database
from .common import LOG_DIR, PROJECT_DIR, Figure, Goal, Report, environment, say
from .units import fleet_host

WORKERS = 2
WRK_THREADS = 2
WRK_CONNECTIONS = 8
SECONDS = 4
WARMUP_SECONDS = 3
ROUNDS = 15
PATH = "/ok/"
SERVERS = {
    "routed": "bench.settings_routed",
    "single": "bench.settings_single",
    "stock": "bench.settings_stock",
}
# A machine loaded by other work can take over a minute to import Django in a worker.
STARTUP_SECONDS = 180
GUNICORN = Path(sys.executable).with_name("gunicorn")  # from the running virtualenv
# Production's gunicorn settings (workers, worker class, threads, recycling, logs).
PRODUCTION_CONFIG = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen

    def cpu(self) -> float:
        """CPU seconds of the workers so far, and of the database server (the stock query)."""
        workers = psutil.Process(self.process.pid).children()
        return sum(sum(w.cpu_times()[:2]) for w in workers) + (database.server_cpu() or 0.0)


@dataclass
class Round:
    rate: float  # requests/s, as wrk measured them
    per_cpu: float  # requests per CPU-second


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, host: str) -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{PATH}", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read()


@contextmanager
def _gunicorn(name: str, settings: str, host: str, *, production: bool = False) -> Iterator[Server]:
    """A gunicorn serving `settings` on a free loopback port, checked to answer "ok".

    WORKERS sync workers, or with `production` the settings of deploy/gunicorn.conf.py.
    """
    port = _free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    workers = (
        ["-c", str(PRODUCTION_CONFIG)]
        if production
        else [f"--workers={WORKERS}", "--worker-class=sync"]
    )
    command = [
        str(GUNICORN),
        *workers,
        f"--bind=127.0.0.1:{port}",
        "--no-control-socket",  # the servers run side by side
        # Production's entry point (it warms templates and URLs up) for production's settings.
        "portal.wsgi:application" if production else "django.core.wsgi:get_wsgi_application()",
    ]
    with (LOG_DIR / f"gunicorn-{name}.log").open("w") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=environment(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                try:
                    answer = _get(port, host)
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"gunicorn ({name}) did not start: {log.name}") from None
                    time.sleep(0.2)
            if answer != (200, b"ok"):
                raise RuntimeError(f"gunicorn ({name}) answered {answer!r} instead of 200 ok")
            yield Server(name, port, process)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                # A worker still booting when told to stop is killed by gunicorn's master
                # after graceful_timeout (30 s in production's settings).
                process.wait(timeout=45)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wrk(server: Server, host: str, seconds: int) -> Round:
    """One load run; any non-2xx answer or socket error fails the benchmark."""
    cpu_before = server.cpu()
    output = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{WRK_CONNECTIONS}",
            f"-d{seconds}s",
            "-H",
            f"Host: {host}",
            f"http://127.0.0.1:{server.port}{PATH}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = server.cpu() - cpu_before
    if "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk saw failed requests ({server.name}):\n{output}")
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return Round(rate, requests / cpu)


MEASURES = ((attrgetter("rate"), "wrk", "req/s"), (attrgetter("per_cpu"), "per CPU", "req/CPU s"))


def run() -> Report:
    host = fleet_host(0)
    rounds: dict[str, list[Round]] = {name: [] for name in SERVERS}
    with ExitStack() as stack:
        servers = [stack.enter_context(_gunicorn(n, s, host)) for n, s in SERVERS.items()]
        for server in servers:
            _wrk(server, host, WARMUP_SECONDS)
        for number in range(1, ROUNDS + 1):
            say(f"round {number}/{ROUNDS}: {len(servers)} × {SECONDS} s of wrk…")
            # Every other round in reverse order: a drift in the machine's load
            # then favours no server.
            for server in servers if number % 2 else reversed(servers):
                rounds[server.name].append(_wrk(server, host, SECONDS))

    def paired(name: str, measure) -> tuple[float, float]:
        """(server's, baseline's) values in the round whose ratio is the median."""
        pairs = sorted(
            ((measure(r), measure(b)) for r, b in zip(rounds[name], rounds["single"], strict=True)),
            key=lambda pair: pair[0] / pair[1],
        )
        return pairs[len(pairs) // 2]

    goal = [Goal.share_at_least(0.90)]  # issue #22: routing at least 90 % of single-site
    figures = []
    for name, label, goals in (
        ("routed", "UnitRoutingMiddleware", goal),
        ("stock", "TenantMainMiddleware (stock)", []),
    ):
        for measure, how, unit in MEASURES:
            value, baseline = paired(name, measure)
            figures.append(Figure(f"{label}, {how}", value, unit, baseline, "single-site", goals))
    return Report(
        title="routing — minimal view under gunicorn",
        figures=figures,
        notes=[
            f"gunicorn {WORKERS} sync workers per server; wrk -t{WRK_THREADS} "
            f"-c{WRK_CONNECTIONS} -d{SECONDS}s on loopback, Host: {host}; "
            f"{ROUNDS} interleaved rounds after a {WARMUP_SECONDS} s warm-up; each figure: the "
            "round whose ratio to single-site is the median, both values from that round",
            "single-site: same apps and middleware minus tenant routing, plain PostgreSQL "
            "engine; the view touches neither database nor template",
            "per CPU: requests per CPU-second of the gunicorn workers and the PostgreSQL "
            "server (wrk's own CPU left out)",
            "routed / single-site per round: "
            + "; ".join(
                f"{how} "
                + ", ".join(
                    f"{measure(r) / measure(b):.0%}"
                    for r, b in zip(rounds["routed"], rounds["single"], strict=True)
                )
                for measure, how, _unit in MEASURES
            ),
            "wrk req/s per round: "
            + "; ".join(
                f"{name} " + ", ".join(f"{r.rate:,.0f}" for r in rs) for name, rs in rounds.items()
            ),
        ],
    )
