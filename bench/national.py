"""The country on one PostgreSQL: units of the official register, measured at growing scale.

`python -m bench national` provisions units of the register (vietnam-provinces:
34 provinces, 3,321 communes; register.plan() decides codes and domains),
province by province in the register's order, into the benchmark database:
BENCH_NATIONAL_UNITS of them (default: the whole register, 3,355). It
stops at checkpoints, the first at 7 units (the demo network's size, the
baseline of every ratio), one at a third of the target and the last at the
target, and measures at each:

- provisioning: the wall-clock time of the units provisioned since the last
  checkpoint, as provision_province does it (register.provision_all() with
  schema_pool.cloning_ahead());
- `manage.py migrate_schemas --noinput` with nothing to apply, in a subprocess;
  and with `--all-schemas`: Django's migrate in every schema, which a real
  migration of every unit pays before its own DDL (its floor);
- routing: requests/s of the minimal "ok" view under gunicorn (bench.routing's
  server, the portal's URLs and middleware, page cache off), wrk's requests
  spread over every unit's host in turn, so each worker's host map holds
  every unit; the workers' RSS afterwards; the host map's own size
  (tracemalloc while a map of every host is built in this process); the
  first lookup of a host not yet seen by the process (the Domain query)
  against a lookup of a host already seen;
- the catalog: pg_class and pg_attribute rows, the size of pg_catalog's
  tables, the database's size, one unit's schema size; a fresh PostgreSQL
  session's memory after it opened every table of every unit once (the
  relation caches a worker's persistent connection builds up);
- `manage.py backup_unit` of the first commune and `backup_network` of all;
- at 7 units and at the target, a real migration of every unit (a column and
  an index on a page model, applied by migrate_schemas) while a unit's page of
  that model is requested throughout (bench/national_migration.py);
- after the last checkpoint, network search (PostgreSQL, and Elasticsearch
  when a node answers) and the province's aggregation block with the ledger
  at one province's size, then at the country's (bench/national_ledger.py).

Figures at the target are compared with the same figure at 7 units; below
the whole register, goals (which are about the country) are projected
linearly through the last two checkpoints to 3,355 units and their result
reads "extrapolated", never PASS. Routing and lookups run under the lock
named by BENCH_LOCK_FILE (for a machine shared with other benchmarks).
Every unit created is removed at the end (BENCH_NATIONAL_KEEP=1 keeps them).
The whole register takes hours: a run with BENCH_NATIONAL_KEEP=1 that was
stopped (or a session that ended) goes on where it stopped with
BENCH_NATIONAL_RESUME=1: the units in the database and the checkpoints saved
in var/bench/national-checkpoints.json are kept, the units still missing are
provisioned (timed from there) and what was not measured yet is measured.

"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import shutil
import subprocess
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

import psutil
import vietnam_provinces
from django.db import connection

from portal.tenancy import register, routing, schema_pool
from portal.tenancy.models import Domain, Unit
from portal.tenancy.provisioning import UnitSpec
from portal.tenancy.schemas import schema_name_for_code

from . import national_ledger, national_migration
from .common import LOG_DIR, Figure, Goal, Report, manage, median, p95, say
from .national_migration import MigrationRun, Poll
from .routing import PATH, WRK_CONNECTIONS, WRK_THREADS, Server, _gunicorn
from .units import remove_units

UNITS_ENV = "BENCH_NATIONAL_UNITS"
KEEP_ENV = "BENCH_NATIONAL_KEEP"
RESUME_ENV = "BENCH_NATIONAL_RESUME"
LOCK_ENV = "BENCH_LOCK_FILE"
LOCK_WAIT_SECONDS = 120
UNLOCKED_PARTS: list[str] = []  # timed parts measured without the lock (its holder was stuck)
SUFFIX = "national.bench.localhost"
BASELINE_UNITS = 7  # the demo network's size
# The portal's settings and URLs with the minimal view, page cache off. (bench.urls alone
# lacks the admin's URLs, which sites.public_language's middleware reverses on every request.)
ROUTING_SETTINGS = "bench.settings_pages_uncached"
ROUTING_SECONDS = 6
ROUTING_ROUNDS = 3
LOOKUP_SAMPLE = 50  # hosts whose first and second lookups are timed
BACKUP_TIMEOUT = 30 * 60
MB = 1024 * 1024
CHECKPOINTS_FILE = LOG_DIR / "national-checkpoints.json"
# wrk: every request to the next host of the file given after `--`.
WRK_SCRIPT = """
local hosts = {}
local next_host = 0
init = function(args)
  for line in io.lines(args[1]) do hosts[#hosts + 1] = line end
end
request = function()
  next_host = next_host % #hosts + 1
  return wrk.format("GET", nil, {Host = hosts[next_host]})
end
"""


def country_specs() -> list[UnitSpec]:
    """Every unit of the register, province by province in code order, each province first."""
    specs = []
    for province in sorted(vietnam_provinces.Province.iter_all(), key=lambda p: int(p.code)):
        suffix = f"{register.province_code(province).lower()}.{SUFFIX}"
        specs += register.plan(province.name, suffix)
    return specs


@dataclass
class Checkpoint:
    """What was measured with `units` units in the database."""

    units: int
    provisioned: int = 0  # since the previous checkpoint
    provision_seconds: float = 0.0
    migrate_noop: float = 0.0
    migrate_all: float = 0.0  # Django's migrate in every schema: a real migration's floor
    pg_class_rows: int = 0
    pg_attribute_rows: int = 0
    catalog_bytes: int = 0
    database_bytes: int = 0
    schema_bytes: int = 0
    schema_tables: int = 0
    backend_bytes_per_unit: float = 0.0  # a session's relation caches, per unit schema opened
    lock_slots: int = 0  # the shared lock table: max_locks_per_transaction × connections
    host_map_bytes: float = 0.0
    first_lookup_ms: list[float] = field(default_factory=list)
    seen_lookup_ms: list[float] = field(default_factory=list)
    rates: list[float] = field(default_factory=list)
    worker_rss_bytes: float = 0.0
    backup_unit: float = 0.0
    backup_network: float | None = None  # None: stopped after BACKUP_TIMEOUT
    backup_network_bytes: int = 0
    migration: MigrationRun | None = None  # at the first and the last checkpoint
    load: str = ""
    measured: bool = False  # False: provisioned, then stopped before its measures

    @property
    def per_unit(self) -> float:
        return self.provision_seconds / self.provisioned

    @property
    def rate(self) -> float:
        return median(self.rates)


@contextmanager
def quiet_machine():
    """Hold the benchmarks' lock file (BENCH_LOCK_FILE), if one is named, for timed parts."""
    path = os.environ.get(LOCK_ENV)
    if not path:
        yield
        return
    with open(path, "a") as lock:
        say(f"waiting for {path}…")
        # Once a holder was found stuck, later parts take the lock only if it is free.
        deadline = time.monotonic() + (0 if UNLOCKED_PARTS else LOCK_WAIT_SECONDS)
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:  # a stuck holder must not stop the run
                    say(f"{path} still held after {LOCK_WAIT_SECONDS} s: measuring without it")
                    UNLOCKED_PARTS.append(path)
                    yield
                    return
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def provision(specs: list[UnitSpec]) -> float:
    """Provision `specs` as provision_province does; return the wall-clock seconds."""
    started = time.perf_counter()
    with schema_pool.cloning_ahead(len(specs)):
        for outcome in register.provision_all(specs):
            if outcome.status == register.FAILED:
                raise RuntimeError(f"{outcome.spec.code} failed: {outcome.error}")
    return time.perf_counter() - started


def measure_catalog(point: Checkpoint, schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT (SELECT count(*) FROM pg_class),
                   (SELECT count(*) FROM pg_attribute),
                   (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'pg_catalog' AND c.relkind = 'r'),
                   pg_database_size(current_database()),
                   (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = %s AND c.relkind IN ('r', 'm')),
                   (SELECT count(*) FROM pg_class c
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = %s AND c.relkind = 'r'),
                   current_setting('max_locks_per_transaction')::int
                   * (current_setting('max_connections')::int
                      + current_setting('max_prepared_transactions')::int)
            """,
            [schema, schema],
        )
        (
            point.pg_class_rows,
            point.pg_attribute_rows,
            point.catalog_bytes,
            point.database_bytes,
            point.schema_bytes,
            point.schema_tables,
            point.lock_slots,
        ) = (int(value) for value in cursor.fetchone())  # sums come as Decimal


def backend_memory_after_every_unit() -> tuple[int, int, int]:
    """A fresh PostgreSQL session's memory, before and after it opened every table of every
    unit schema once (as a web worker's persistent connection does over time), and the
    number of schemas: PostgreSQL caches each relation a session has opened until it ends."""
    connection.close()
    query = "SELECT sum(total_bytes) FROM pg_backend_memory_contexts"
    with connection.cursor() as cursor:
        cursor.execute(query)
        before = cursor.fetchone()[0]
        cursor.execute(
            "SELECT n.nspname, c.relname FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE starts_with(n.nspname, 'u_') AND c.relkind = 'r'"
        )
        tables = cursor.fetchall()
        for schema, table in tables:
            cursor.execute(f'SELECT 1 FROM "{schema}"."{table}" LIMIT 0')
        cursor.execute(query)
        after = cursor.fetchone()[0]
    connection.close()
    return before, after, len({schema for schema, _table in tables})


def _lookup_ms(host: str) -> float:
    started = time.perf_counter()
    if routing.unit_for_host(host) is None:
        raise RuntimeError(f"no unit routed for {host}")
    return (time.perf_counter() - started) * 1000


def measure_host_map(point: Checkpoint, hosts: list[str]) -> None:
    """The host map's bytes with every host in it, and first/second lookup times."""
    routing.invalidate()
    _lookup_ms(hosts[0])  # drops the old map: its freeing stays out of the count
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for host in hosts[1:]:
            routing.unit_for_host(host)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    point.host_map_bytes = grown * len(hosts) / max(len(hosts) - 1, 1)
    sample = hosts[:: max(len(hosts) // LOOKUP_SAMPLE, 1)][:LOOKUP_SAMPLE]
    routing.invalidate()
    with quiet_machine():
        point.first_lookup_ms = [_lookup_ms(host) for host in sample]
        point.seen_lookup_ms = [_lookup_ms(host) for host in sample]
    routing.invalidate()


def _wrk(server: Server, hosts_file: str, seconds: int) -> float:
    script = LOG_DIR / "national-hosts.lua"
    script.write_text(WRK_SCRIPT)
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{seconds}s",
        "-s",
        str(script),
        f"http://127.0.0.1:{server.port}{PATH}",
        "--",
        hosts_file,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk saw failed requests:\n{output}")
    return float(output.split("Requests/sec:")[1].split()[0])


def measure_routing(point: Checkpoint, hosts: list[str]) -> None:
    """wrk over every host in turn; the warm-up fills each worker's map with every host."""
    hosts_file = LOG_DIR / f"national-hosts-{point.units}.txt"
    hosts_file.write_text("\n".join(hosts) + "\n")
    with (
        quiet_machine(),
        _gunicorn(f"national-{point.units}", ROUTING_SETTINGS, hosts[0]) as server,
    ):
        # Enough requests for both workers to meet every host several times.
        _wrk(server, str(hosts_file), max(3, len(hosts) // 150))
        point.rates = [
            _wrk(server, str(hosts_file), ROUTING_SECONDS) for _ in range(ROUTING_ROUNDS)
        ]
        workers = psutil.Process(server.process.pid).children()
        point.worker_rss_bytes = median([w.memory_info().rss for w in workers])


def _directory_bytes(path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure_backups(point: Checkpoint, unit_code: str) -> None:
    folder = LOG_DIR / "national-backups"
    shutil.rmtree(folder, ignore_errors=True)
    try:
        point.backup_unit = manage(
            "backup_unit", unit_code, "--output", str(folder / "unit"), log="national-backup-unit"
        )
        try:
            point.backup_network = manage(
                "backup_network",
                "--output",
                str(folder / "network"),
                log=f"national-backup-network-{point.units}",
                timeout=BACKUP_TIMEOUT,
            )
            point.backup_network_bytes = _directory_bytes(folder / "network")
        except TimeoutError:
            point.backup_network = None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(point: Checkpoint, commune: UnitSpec) -> None:
    say(f"{point.units} units: migrate_schemas with nothing to apply…")
    point.migrate_noop = manage(
        "migrate_schemas", "--noinput", log=f"national-migrate-noop-{point.units}"
    )
    point.migrate_all = manage(
        "migrate_schemas", "--noinput", "--all-schemas", log=f"national-migrate-all-{point.units}"
    )
    measure_catalog(point, schema_name_for_code(commune.code))
    before, after, schemas = backend_memory_after_every_unit()
    point.backend_bytes_per_unit = float(after - before) / schemas
    hosts = list(
        Domain.objects.filter(is_primary=True).order_by("domain").values_list("domain", flat=True)
    )
    say(f"{point.units} units: host map, lookups, routing under gunicorn…")
    measure_host_map(point, hosts)
    measure_routing(point, hosts)
    say(f"{point.units} units: backup_unit, backup_network…")
    measure_backups(point, commune.code)
    point.load = _load()


def checkpoints(target: int) -> list[int]:
    third = target // 3
    return sorted({BASELINE_UNITS, *([third] if third > 2 * BASELINE_UNITS else []), target})


def _national_units() -> int:
    return Unit.objects.filter(domains__domain__endswith=SUFFIX).distinct().count()


def _save_checkpoints(points: list[Checkpoint]) -> None:
    """Kept as they come: a stopped run leaves its checkpoints, and RESUME_ENV goes on."""
    CHECKPOINTS_FILE.write_text(json.dumps([asdict(p) for p in points], indent=1, default=float))


def _saved_checkpoints() -> list[Checkpoint]:
    if not CHECKPOINTS_FILE.exists():
        return []
    points = []
    for saved in json.loads(CHECKPOINTS_FILE.read_text()):
        migration = saved.pop("migration")
        if migration is not None:
            before, during = Poll(**migration.pop("before")), Poll(**migration.pop("during"))
            migration = MigrationRun(**migration, before=before, during=during)
        points.append(Checkpoint(**saved, migration=migration))
    return points


def project(points: list[Checkpoint], value, units: int) -> float:
    """`value(point)` at `units` units, linear through the last two checkpoints."""
    a, b = points[-2], points[-1]
    slope = (value(b) - value(a)) / (b.units - a.units)
    return value(b) + slope * (units - b.units)


def run() -> Report:
    country = country_specs()
    target = int(os.environ.get(UNITS_ENV) or len(country))
    if not BASELINE_UNITS < target <= len(country):
        raise SystemExit(f"{UNITS_ENV} must be above {BASELINE_UNITS} and at most {len(country)}")
    resume = bool(os.environ.get(RESUME_ENV))
    if not resume:
        remove_units(SUFFIX)
    done = _national_units() if resume else 0
    others = Unit.objects.count() - done
    points = _saved_checkpoints() if resume else []
    say(
        f"national: {target} of {len(country)} units, {others} other unit(s) in the database"
        + (f", going on from {done} unit(s) and {len(points)} checkpoint(s)…" if resume else "…")
    )
    try:
        for scale in checkpoints(target):
            point = next((p for p in points if p.units == scale + others), None)
            if point is None:
                if done > scale:
                    raise SystemExit(
                        f"{done} units of the register are in the database, beyond the "
                        f"checkpoint at {scale} that no saved checkpoint measured: run "
                        f"without {RESUME_ENV} to start again"
                    )
                say(f"provisioning units {done + 1}–{scale}…")
                point = Checkpoint(units=scale + others, provisioned=scale - done)
                point.provision_seconds = provision(country[done:scale])
                points.append(point)
                _save_checkpoints(points)
            done = scale
            if point.measured:
                continue
            measure(point, country[1])
            if scale in (BASELINE_UNITS, target):
                with quiet_machine():
                    point.migration = national_migration.run(country[0].domains[0])
            point.measured = True
            _save_checkpoints(points)
            say(f"{point.units} units measured (load {point.load})")
        with quiet_machine():
            ledger = national_ledger.run(country)
    finally:
        if not os.environ.get(KEEP_ENV):
            say("removing the units created…")
            remove_units(SUFFIX)
    found = report(points, target, others, len(country))
    found.figures += migration_figures(points, len(country) + others + 1, target < len(country))
    found.notes += migration_notes(points)
    ledger_figures, ledger_notes = national_ledger.figures(ledger)
    found.figures += ledger_figures
    found.notes += ledger_notes
    return found


def migration_figures(points: list[Checkpoint], country_schemas: int, below: bool) -> list[Figure]:
    """The real migration at the first and last checkpoints, projected to the country's schemas."""
    base, top = points[0].migration, points[-1].migration
    at, at_base = f"{top.units} units", f"{base.units} units"
    per_schema = _migration_per_schema(points[-1])
    figures = [
        Figure(
            f"real migration (column + index on a page model), {at}",
            top.seconds,
            "s",
            base.seconds,
            at_base,
        ),
        Figure(
            f"real migration, {country_schemas - 1:,} units" + (", extrapolated" if below else ""),
            top.seconds + per_schema * (country_schemas - top.schemas),
            "s",
            base.seconds,
            at_base,
            [Goal.at_most(1800, "s")],
            extrapolated=below,
        ),
    ]
    if top.during.seconds and top.before.seconds:
        serving = Goal("0 failed requests", lambda _f: not top.during.failures)
        figures += [
            Figure(
                f"a unit's page during the real migration, {label}, {at}",
                statistic(top.during.seconds) * 1000,
                "ms",
                statistic(top.before.seconds) * 1000,
                "before it, same server",
                [serving],
                extrapolated=below,
            )
            for label, statistic in (("p95", p95), ("worst", max))
        ]
    return figures


def _migration_per_schema(point: Checkpoint) -> float:
    """A schema's share of the real migration: what the run took beyond `migrate_schemas` with
    nothing to apply (process start, the public schema, the checks), at the same checkpoint
    (two checkpoints minutes apart differ more by the machine's load than by their units)."""
    return (point.migration.seconds - point.migrate_noop) / point.migration.schemas


def migration_notes(points: list[Checkpoint]) -> list[str]:
    runs = [p.migration for p in points if p.migration]
    top = runs[-1]
    per_schema = _migration_per_schema(points[-1])
    return [
        "real migration: bench/national_pages 0002 (AddField of a nullable column, AddIndex, "
        "one transaction per schema, plain CREATE INDEX: a unit's page table is small) applied "
        "by `migrate_schemas --noinput` in every schema (template and units, 2 workers), with "
        "the public schema's migrate and the spares' replacement; (s): "
        + ", ".join(f"{r.units} units {r.seconds:.1f} ({r.schemas} schemas)" for r in runs)
        + f"; {per_schema:.2f} s per schema at the last checkpoint (its time beyond "
        "`migrate_schemas` with nothing to apply, per schema), projected over the country's "
        "schemas",
        "serving during it: gunicorn (2 sync workers, page cache off) serving a page of the "
        f"migrated model in {len(top.polled)} units ({', '.join(top.polled)}), requested in turn, "
        f"one at a time, {national_migration.POLL_BEFORE_SECONDS} s before the migration and "
        "throughout it; requests answered / failed: "
        + "; ".join(
            f"{r.units} units before {len(r.before.seconds)}/{len(r.before.failures)}, during "
            f"{len(r.during.seconds)}/{len(r.during.failures)}"
            + (f" (first: {r.during.failures[0]})" if r.during.failures else "")
            for r in runs
        ),
    ]


def report(points: list[Checkpoint], target: int, others: int, country: int) -> Report:
    base, top = points[0], points[-1]
    below = target < country
    at = f"{top.units} units"
    at_base = f"{base.units} units"
    previous = points[-2]
    added = top.units - base.units
    total_so_far = sum(p.provision_seconds for p in points)
    per_unit_next = project(points, lambda p: p.per_unit, country)
    country_provision = total_so_far + (country - target) * (top.per_unit + per_unit_next) / 2
    figures = [
        Figure(
            f"provisioning per unit, units {previous.units + 1}–{top.units}",
            top.per_unit,
            "s",
            base.per_unit,
            f"first {base.provisioned}",
        ),
        Figure(
            f"provisioning {country:,} units{', extrapolated' if below else ''}",
            country_provision if below else total_so_far,
            "s",
            country * base.per_unit,
            f"{country:,} × per unit of the first {base.provisioned}",
            [Goal.at_most(3600, "s")],
            extrapolated=below,
        ),
        Figure(
            f"migrate_schemas, nothing to apply, {at}",
            top.migrate_noop,
            "s",
            base.migrate_noop,
            at_base,
        ),
    ]
    if below:
        figures.append(
            Figure(
                f"migrate_schemas, nothing to apply, {country:,} units, extrapolated",
                project(points, lambda p: p.migrate_noop, country),
                "s",
                base.migrate_noop,
                at_base,
                [Goal.at_most(120, "s")],
                extrapolated=True,
            )
        )
    figures += [
        Figure(
            f"migrate_schemas --all-schemas (a real migration's floor), {at}",
            top.migrate_all,
            "s",
            base.migrate_all,
            at_base,
        ),
        Figure(
            f"migrate_schemas --all-schemas, {country:,} units"
            + (", extrapolated" if below else ""),
            project(points, lambda p: p.migrate_all, country),
            "s",
            base.migrate_all,
            at_base,
        ),
        Figure(
            f"routing, minimal view, every host in turn, {at}",
            top.rate,
            "req/s",
            base.rate,
            at_base,
            [Goal.share_at_least(0.9)],
            extrapolated=below,
        ),
        Figure(
            f"host map per web process, {at}",
            top.host_map_bytes / MB,
            "MB",
            base.host_map_bytes / MB,
            at_base,
        ),
        Figure(
            f"host map per web process, {country:,} units{', extrapolated' if below else ''}",
            project(points, lambda p: p.host_map_bytes, country) / MB,
            "MB",
            base.host_map_bytes / MB,
            at_base,
            [Goal.at_most(50, "MB")],
            extrapolated=below,
        ),
        Figure(
            f"gunicorn worker RSS after every host, {at}",
            top.worker_rss_bytes / MB,
            "MB",
            base.worker_rss_bytes / MB,
            at_base,
        ),
        Figure(
            f"first lookup of a host not yet seen, median, {at}",
            median(top.first_lookup_ms),
            "ms",
            median(base.first_lookup_ms),
            at_base,
        ),
        Figure(
            f"lookup of a host already seen, median, {at}",
            median(top.seen_lookup_ms),
            "ms",
            median(base.seen_lookup_ms),
            at_base,
        ),
        Figure(
            f"pg_class rows, {at}",
            top.pg_class_rows / 1000,
            "k rows",
            base.pg_class_rows / 1000,
            at_base,
        ),
        Figure(
            f"pg_attribute rows, {at}",
            top.pg_attribute_rows / 1000,
            "k rows",
            base.pg_attribute_rows / 1000,
            at_base,
        ),
        Figure(
            f"pg_catalog tables' size, {at}",
            top.catalog_bytes / MB,
            "MB",
            base.catalog_bytes / MB,
            at_base,
        ),
        Figure(
            f"database size, {at}", top.database_bytes / MB, "MB", base.database_bytes / MB, at_base
        ),
        Figure(
            f"PostgreSQL session's memory per unit schema opened, {at}",
            top.backend_bytes_per_unit / MB,
            "MB",
            base.backend_bytes_per_unit / MB,
            at_base,
        ),
        Figure(
            "one commune's schema",
            top.schema_bytes / MB,
            "MB",
            base.schema_bytes / MB,
            at_base,
        ),
        Figure(
            f"backup_unit of one commune, {at}", top.backup_unit, "s", base.backup_unit, at_base
        ),
    ]
    if top.backup_network is not None and base.backup_network is not None:
        figures.append(
            Figure(
                f"backup_network of all, {at}",
                top.backup_network,
                "s",
                base.backup_network,
                at_base,
            )
        )
        if below and points[-2].backup_network is not None:
            figures.append(
                Figure(
                    f"backup_network of all, {country:,} units, extrapolated",
                    project(points, lambda p: p.backup_network, country),
                    "s",
                    base.backup_network,
                    at_base,
                )
            )
    per_unit_disk = (top.database_bytes - base.database_bytes) / added
    notes = [
        "ratios of sizes and row counts read “slower” for “larger”",
        f"{target:,} of the register's {country:,} units ({UNITS_ENV}), provinces in code order"
        + (f", besides {others} other unit(s) already in the database" if others else "")
        + "; checkpoints at "
        + ", ".join(f"{p.units}" for p in points)
        + " units"
        + (
            "; below the whole register: goals are projected linearly through the last two "
            "checkpoints to the country and read “extrapolated”"
            if below
            else ""
        ),
        "provisioning: "
        + "; ".join(
            f"{p.provisioned} units in {p.provision_seconds:.0f} s ({p.per_unit:.2f} s/unit)"
            for p in points
        )
        + f"; projected per unit at the country's last unit {per_unit_next:.2f} s",
        "migrate_schemas with nothing to apply (s): "
        + ", ".join(f"{p.units} units {p.migrate_noop:.1f}" for p in points)
        + "; with --all-schemas, Django's migrate run in every schema with nothing to apply, "
        "which a real migration pays before its own DDL (s): "
        + ", ".join(f"{p.units} units {p.migrate_all:.1f}" for p in points),
        f"routing: gunicorn 2 sync workers, {ROUTING_SETTINGS}, view /ok/, wrk "
        f"-t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{ROUTING_SECONDS}s × {ROUTING_ROUNDS} rounds "
        "(median), each request to the next unit's host; req/s per round: "
        + "; ".join(f"{p.units} units " + ", ".join(f"{r:,.0f}" for r in p.rates) for p in points),
        "host map (tracemalloc of the map built in this process, every primary domain): "
        + ", ".join(f"{p.units} units {p.host_map_bytes / 1024:,.0f} KiB" for p in points)
        + f"; {top.host_map_bytes / top.units / 1024:.1f} KiB per unit",
        "lookups (routing.unit_for_host, in process) first/seen p95: "
        + ", ".join(
            f"{p.units} units {p95(p.first_lookup_ms):.2f}/{p95(p.seen_lookup_ms):.3f} ms"
            for p in points
        ),
        "catalog: pg_class rows "
        + ", ".join(f"{p.units} units {p.pg_class_rows:,}" for p in points)
        + f"; per unit {(top.pg_class_rows - base.pg_class_rows) / added:.0f}"
        + f" pg_class, {(top.pg_attribute_rows - base.pg_attribute_rows) / added:.0f}"
        " pg_attribute rows",
        f"disk: {per_unit_disk / MB:.2f} MB per unit (database growth / units added); "
        f"projected database at {country:,} units "
        f"{(project(points, lambda p: p.database_bytes, country)) / MB / 1024:.1f} GB, "
        f"pg_catalog {project(points, lambda p: p.catalog_bytes, country) / MB:,.0f} MB",
        "backup_network (s, output MB): "
        + ", ".join(
            f"{p.units} units "
            + (
                f"{p.backup_network:.0f}, {p.backup_network_bytes / MB:.0f}"
                if p.backup_network is not None
                else f"stopped after {BACKUP_TIMEOUT} s"
            )
            for p in points
        ),
        f"locks: a unit schema holds {top.schema_tables} tables; pg_dump of the whole "
        f"database (backup_network) locks every table in one transaction, and the shared lock "
        f"table has {top.lock_slots:,} slots (max_locks_per_transaction × (max_connections + "
        f"max_prepared_transactions)): full at about {top.lock_slots // top.schema_tables:,} units",
        f"timed parts measured without {UNLOCKED_PARTS[0]} (held by another run over "
        f"{LOCK_WAIT_SECONDS} s): {len(UNLOCKED_PARTS)}"
        if UNLOCKED_PARTS
        else "timed parts (routing, lookups) measured under the benchmarks' lock"
        if os.environ.get(LOCK_ENV)
        else "no lock file named (BENCH_LOCK_FILE)",
        "load average after each checkpoint: " + "; ".join(f"{p.units}: {p.load}" for p in points),
    ]
    return Report(
        title=f"national — {target:,} units of the register in one PostgreSQL",
        figures=figures,
        notes=notes,
    )
