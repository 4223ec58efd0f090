"""A real migration of every unit, timed, while units keep serving (part of `bench national`).

The migration is a release's change to a page model: a column and an index
(bench/national_pages, migration 0002), applied by `manage.py migrate_schemas
--noinput` as a deployment runs it, in every schema (template and units, two
workers), with the public schema's migrate and the spares' replacement.

1. Setup, untimed: the page table (migration 0001, `sqlmigrate`'s own SQL) in
   every schema that records migrations, recorded as applied (as `migrate
   --fake` after the same SQL); a NationalBenchPage published in POLLED units.
2. gunicorn (bench.routing's server, 2 sync workers, page cache off,
   bench/settings_national_migration.py) serves those pages; a poller requests
   them in turn, one request at a time, POLL_BEFORE_SECONDS before the
   migration, then throughout it: failed requests and latencies, before against
   during. The page's table is the one being altered: its reads wait for the
   ALTER TABLE's lock in that unit.
3. The migration, timed.
4. Rollback, untimed (what `migrate bench_national zero` does, and the content
   types Django would leave): pages, content types and permissions deleted, the
   table dropped, its migrations un-recorded in every schema; spares cloned
   from the migrated template replaced.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass, field

from django.db import connection, transaction

from portal.tenancy import schema_pool
from portal.tenancy.models import Unit

from .common import LOG_DIR, manage, say
from .routing import _gunicorn

SETTINGS = "bench.settings_national_migration"
APP = "bench_national"
TABLE = "bench_national_nationalbenchpage"
COLUMN = "priority"
INDEX = "bench_national_priority"
POLLED = 4  # units whose page is polled, spread over the migration's order
WARM_UP_SECONDS = 3
POLL_BEFORE_SECONDS = 10
POLL_PAUSE = 0.02  # between requests: the poller is a reader, not a load test
POLL_TIMEOUT = 60
PAGE_MARK = "Trang đo di trú".encode()
SETUP_BATCH = 25  # schemas per transaction: each CREATE TABLE takes a few locks


@dataclass
class Poll:
    """What the poller saw in one phase."""

    seconds: list[float] = field(default_factory=list)  # of the requests answered correctly
    failures: list[str] = field(default_factory=list)


@dataclass
class MigrationRun:
    units: int = 0
    schemas: int = 0  # template and units migrated
    seconds: float = 0.0
    before: Poll = field(default_factory=Poll)
    during: Poll = field(default_factory=Poll)
    polled: list[str] = field(default_factory=list)  # hosts


class Poller(threading.Thread):
    """Requests each (host, path) in turn until stopped, filing each answer under `phase`."""

    def __init__(self, port: int, targets: list[tuple[str, str]]):
        super().__init__(daemon=True)
        self.port, self.targets = port, targets
        self.phases = {"warm-up": Poll(), "before": Poll(), "during": Poll()}
        self.phase = "warm-up"  # each worker's first renders (templates, caches) left out
        self.done = threading.Event()

    def run(self) -> None:
        turn = 0
        while not self.done.is_set():
            host, path = self.targets[turn % len(self.targets)]
            turn += 1
            poll = self.phases[self.phase]
            started = time.perf_counter()
            try:
                answer = http.client.HTTPConnection("127.0.0.1", self.port, timeout=POLL_TIMEOUT)
                answer.request("GET", path, headers={"Host": host})
                response = answer.getresponse()
                body = response.read()
                answer.close()
                if response.status == 200 and PAGE_MARK in body:
                    poll.seconds.append(time.perf_counter() - started)
                else:
                    poll.failures.append(f"{host}{path}: HTTP {response.status}")
            except OSError as error:
                poll.failures.append(f"{host}{path}: {error}")
            time.sleep(POLL_PAUSE)


def _schemas_recording_migrations() -> list[str]:
    """Every schema with Django's migration records: public, the template, units, spares."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relname = 'django_migrations' AND c.relkind = 'r' ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def _initial_sql(schema: str) -> str:
    """Migration 0001's DDL as Django writes it for a unit's schema (`sqlmigrate` there: in
    the public schema the router makes it a no-op), without its BEGIN/COMMIT."""
    log = "national-sqlmigrate"
    manage(
        "tenant_command",
        "sqlmigrate",
        APP,
        "0001",
        f"--schema={schema}",
        log=log,
        settings=SETTINGS,
    )
    lines = [line.strip() for line in (LOG_DIR / f"{log}.log").read_text().splitlines()]
    statements = lines[lines.index("BEGIN;") + 1 : lines.index("COMMIT;")]
    return "\n".join(line for line in statements if not line.startswith("--"))


def set_up(unit: Unit) -> None:
    """The page table in every unit schema and the template, 0001 recorded everywhere."""
    ddl = _initial_sql(unit.schema_name)
    schemas = _schemas_recording_migrations()
    say(f"real migration: the bench page table in {len(schemas) - 1} schemas (setup)…")
    for start in range(0, len(schemas), SETUP_BATCH):
        with transaction.atomic(), connection.cursor() as cursor:
            for schema in schemas[start : start + SETUP_BATCH]:
                if schema != "public":
                    cursor.execute(f'SET LOCAL search_path TO "{schema}", public')
                    cursor.execute(ddl)
                cursor.execute(
                    f'INSERT INTO "{schema}".django_migrations (app, name, applied)'
                    " VALUES (%s, '0001_initial', now())",
                    [APP],
                )
    connection.set_schema_to_public()  # SET LOCAL ended with each transaction


def _pages(action: str, schemas: list[str]) -> dict[str, str]:
    log = f"national-pages-{action}"
    manage("bench_national_pages", action, *schemas, log=log, settings=SETTINGS)
    return json.loads((LOG_DIR / f"{log}.log").read_text().splitlines()[-1])


def _migrated_schemas() -> int:
    """Schemas whose page table has the new column and its index (from the catalog)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class t"
            " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attname = %s AND NOT a.attisdropped"
            " JOIN pg_index x ON x.indrelid = t.oid"
            " JOIN pg_class i ON i.oid = x.indexrelid AND i.relname = %s"
            " WHERE t.relname = %s AND t.relkind = 'r'",
            [COLUMN, INDEX, TABLE],
        )
        return cursor.fetchone()[0]


def roll_back() -> None:
    """Undo set_up() and the migration in every schema (also after an interrupted run)."""
    schemas = _schemas_recording_migrations()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname = %s", [TABLE])
        if not cursor.fetchone()[0]:
            return
    say(f"real migration: rolling it back in {len(schemas)} schemas…")
    _pages("remove", schemas)
    connection.set_schema_to_public()
    schema_pool.discard_stale()
    schema_pool.fill()


def _polled_units(units: list[Unit]) -> list[Unit]:
    """POLLED units spread over the order migrate_schemas goes through them."""
    step = max(len(units) // POLLED, 1)
    return units[step - 1 :: step][:POLLED]


def run(first_host: str) -> MigrationRun:
    """Set up, poll, migrate every unit (timed), roll back; `first_host` answers /ok/."""
    units = list(Unit.objects.order_by("path"))  # migrate_schemas' order
    result = MigrationRun(units=len(units), schemas=len(units) + 1)
    roll_back()  # what an interrupted run left
    set_up(units[0])
    try:
        polled = _polled_units(units)
        paths = _pages("create", [unit.schema_name for unit in polled])
        targets = [(unit.primary_domain(), paths[unit.schema_name]) for unit in polled]
        result.polled = [host for host, _path in targets]
        with _gunicorn(f"national-migration-{len(units)}", SETTINGS, first_host) as server:
            poller = Poller(server.port, targets)
            poller.start()
            time.sleep(WARM_UP_SECONDS)
            poller.phase = "before"
            time.sleep(POLL_BEFORE_SECONDS)
            say(f"real migration: migrate_schemas over {result.schemas} schemas, polling…")
            poller.phase = "during"
            try:
                result.seconds = manage(
                    "migrate_schemas",
                    "--noinput",
                    log=f"national-migrate-real-{len(units)}",
                    settings=SETTINGS,
                )
            finally:
                poller.done.set()
                poller.join(POLL_TIMEOUT)
            result.before, result.during = poller.phases["before"], poller.phases["during"]
        migrated = _migrated_schemas()
        if migrated < result.schemas:
            raise RuntimeError(
                f"the column and index are in {migrated} of {result.schemas} schemas"
            )
        if not result.before.seconds:
            raise RuntimeError(f"no page answered before the migration: {result.before.failures}")
    finally:
        roll_back()
    return result
