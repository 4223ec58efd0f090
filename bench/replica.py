"""Anonymous pages with one PostgreSQL against the primary plus a streaming replica.

The benchmark's server (var/bench/pgdata) gets a streaming replica of its own
(portal.embedded_replica, var/bench/pgreplica). Two gunicorn servers (2 sync
workers each) serve the fleet province's home page and an article with every
cache cold (bench.settings_pages_cold: each request renders the page and reads
everything from the database, the case a replica is for):

- primary: the portal's settings, one database;
- replica: the same with the `replica` alias (bench.settings_replica), so the
  visitors' reads go to the replica (portal.tenancy.replica).

wrk (8 connections on loopback, the province's Host) loads each page on each
server, ROUNDS times in alternating order; each figure is the median of its
rounds. The rows the replica returned during its server's runs prove where
the reads went.
"""

from __future__ import annotations

import os
from contextlib import ExitStack

from portal import embedded_replica

from . import database
from .common import PROJECT_DIR, Figure, Report, median, say
from .pages import WARMUP_SECONDS, ensure_content
from .pages import _wrk as wrk
from .routing import WORKERS, _gunicorn
from .units import fleet_host

ROUNDS = 3
SECONDS = 6
REPLICA_DIR = PROJECT_DIR / "var" / "bench" / "pgreplica"
SERVERS = {"primary": "bench.settings_pages_cold", "replica": "bench.settings_replica"}
PAGES = ("home", "article")


def _rows_read_on_replica() -> int:
    from django.db import connections

    with connections["replica"].cursor() as cursor:
        cursor.execute(
            "SELECT tup_returned + tup_fetched FROM pg_stat_database "
            "WHERE datname = current_database()"
        )
        return cursor.fetchone()[0]


def run() -> Report:
    from django.db import connections

    from portal.settings.base import replica_database_config

    host = fleet_host(0)
    paths = ensure_content()
    say("starting the benchmark server's streaming replica…")
    os.environ["PORTAL_REPLICA_PGDATA"] = str(REPLICA_DIR)
    os.environ["PORTAL_REPLICA_DATABASE_URL"] = embedded_replica.ensure_running(PROJECT_DIR)
    connections.settings["replica"] = connections.configure_settings(
        {
            "default": connections.settings["default"],
            "replica": replica_database_config(os.environ["PORTAL_REPLICA_DATABASE_URL"]),
        }
    )["replica"]
    rates: dict[tuple[str, str], list[float]] = {(s, p): [] for s in SERVERS for p in PAGES}
    cpu = {"primary db": 0.0, "replica db": 0.0}
    rows_on_replica = {name: 0 for name in SERVERS}
    try:
        with ExitStack() as stack:
            servers = {
                name: stack.enter_context(_gunicorn(f"replica-{name}", settings, host))
                for name, settings in SERVERS.items()
            }
            for server_name, page in rates:
                wrk(servers[server_name], host, paths[page], WARMUP_SECONDS)
            for number in range(1, ROUNDS + 1):
                say(f"round {number}/{ROUNDS}: {len(rates)} × {SECONDS} s of wrk…")
                for server_name, page in rates if number % 2 else reversed(list(rates)):
                    rows_before = _rows_read_on_replica()
                    primary_before = database.server_cpu()
                    replica_before = database.server_cpu(REPLICA_DIR)
                    load = wrk(servers[server_name], host, paths[page], SECONDS)
                    rates[server_name, page].append(load.rate)
                    rows_on_replica[server_name] += _rows_read_on_replica() - rows_before
                    if server_name == "replica":
                        cpu["primary db"] += database.server_cpu() - primary_before
                        cpu["replica db"] += database.server_cpu(REPLICA_DIR) - replica_before
    finally:
        connections["replica"].close()
        embedded_replica.stop(PROJECT_DIR)
    figures = [
        Figure(
            f"{page}, primary + replica, wrk",
            median(rates["replica", page]),
            "req/s",
            median(rates["primary", page]),
            "primary only",
        )
        for page in PAGES
    ]
    return Report(
        title="replica — anonymous pages, every cache cold, one primary vs primary + replica",
        figures=figures,
        notes=[
            f"gunicorn {WORKERS} sync workers per server; wrk 8 connections {SECONDS} s on "
            f"loopback, Host: {host}; median of {ROUNDS} interleaved rounds; pages "
            + ", ".join(paths[p] for p in PAGES),
            "rows returned by the replica during the runs: "
            + ", ".join(f"{name} server {rows:,}" for name, rows in rows_on_replica.items()),
            "database CPU seconds during the replica server's runs: "
            + ", ".join(f"{name} {seconds:.1f}" for name, seconds in cpu.items()),
            "wrk req/s per round: "
            + "; ".join(
                f"{server} {page} " + ", ".join(f"{r:,.0f}" for r in values)
                for (server, page), values in rates.items()
            ),
        ],
    )
