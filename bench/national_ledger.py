"""Network search and a province's aggregation block at national ledger size (`bench national`).

The ledger (portal_publications_publication) and the search rows
(portal_search_searchentry) live in the public schema, one table for the whole
network: what grows with the country is their row count and the unit table,
not any unit's schema. So every unit of the register the run did not provision
gets a unit row and a domain and no schema (nothing measured here reads one),
and ENTRIES_PER_UNIT ledger rows per unit are written with the search corpus's
own SQL (bench/search_corpus.py: realistic Vietnamese documents and articles,
search rows computed by the search trigger's functions).

Rows per unit: the demo network (`make run`) starts a unit with about 18 rows
(126 over 7 units: sample articles and documents 2:1, an album, introduction,
contacts), a portal's first day. A commune portal publishing two articles and
a document a week holds about 150 rows a year; DEFAULT_ENTRIES_PER_UNIT (300)
is two years of that, 1.0 million rows for the country.

1. Province size: the rows of the register's first province (its units, the
   provisioned ones and the rest alike) and nothing else of the register:
   measured.
2. National size: the rows of every other unit of the register: measured again.

Measured at each size, from the province's portal (a provisioned unit): the
search benches' queries (typical, document numbers, faceted; bench/search_pg.py)
through the PostgreSQL engine with scope "network" and "subtree" (p95), the
same on Elasticsearch when a node answers at ELASTICSEARCH_URL (default
127.0.0.1:9201; an index of its own, INDEX, rebuilt at each size and deleted
afterwards), and the province's aggregated news block rendered cold (cache
cleared before each render: the ledger query and the template;
bench/syndication.py). Goal (issue #21): the national p95 within 20 % of the
province-size p95. Below DEFAULT_ENTRIES_PER_UNIT rows per unit the ledger is
not national size and the goals read "extrapolated".
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django_tenants.utils import schema_context

from portal.tenancy import routing
from portal.tenancy.models import Domain, Level, Unit
from portal.tenancy.provisioning import UnitSpec
from portal.tenancy.schemas import schema_name_for_code
from search.engines import engine_named
from search.query import SearchQuery

from .common import Figure, Goal, median, p95, say
from .search_corpus import WORKERS, _generate, sample_queries
from .syndication import render_samples

ENTRIES_ENV = "BENCH_NATIONAL_ENTRIES_PER_UNIT"
DEFAULT_ENTRIES_PER_UNIT = 300
FIRST_OBJECT_ID = 50_000_000  # above the search corpus's ids (10,000,000 + its rows)
BATCH = 20_000
PAGE = 20
INDEX = "bench-national-publications"
ES_DEFAULT_URL = "http://127.0.0.1:9201"
SCOPES = ("network", "subtree")
GOAL = Goal.slower_at_most(1.2)
MS = 1000


@dataclass
class Size:
    """What was measured at one ledger size."""

    units_with_rows: int = 0
    ledger_rows: int = 0  # every search row of the database
    seconds: dict[str, list[float]] = field(default_factory=dict)  # "engine scope" -> times
    block_cold: list[float] = field(default_factory=list)
    generate_seconds: float = 0.0


def entries_per_unit() -> int:
    return int(os.environ.get(ENTRIES_ENV) or DEFAULT_ENTRIES_PER_UNIT)


def add_units_without_schemas(specs: list[UnitSpec]) -> None:
    """Unit and domain rows for the specs not in the database yet, in bulk: no schema."""
    existing = set(Unit.objects.values_list("code", flat=True))
    missing = [spec for spec in specs if spec.code not in existing]
    levels = {level.code: level for level in Level.objects.all()}
    say(f"ledger: {len(missing):,} units without schemas…")
    with transaction.atomic():
        for spec in (s for s in missing if s.parent_code is None):
            Unit.add_root(instance=_unit(spec, levels))
        children: dict[str, list[UnitSpec]] = {}
        for spec in (s for s in missing if s.parent_code is not None):
            children.setdefault(spec.parent_code, []).append(spec)
        created = []
        for parent in Unit.objects.filter(code__in=list(children)):
            last = parent.get_last_child()
            position = last._get_lastpos_in_path() if last else 0
            for step, spec in enumerate(children[parent.code], start=position + 1):
                unit = _unit(spec, levels)
                unit.path = Unit._get_path(parent.path, parent.depth + 1, step)
                unit.depth, unit.numchild = parent.depth + 1, 0
                created.append(unit)
            Unit.objects.filter(pk=parent.pk).update(
                numchild=parent.numchild + len(children[parent.code])
            )
        Unit.objects.bulk_create(created, batch_size=1000)
        by_code = dict(
            Unit.objects.filter(code__in=[s.code for s in missing]).values_list("code", "pk")
        )
        Domain.objects.bulk_create(
            [
                Domain(domain=s.domains[0], tenant_id=by_code[s.code], is_primary=True)
                for s in missing
            ],
            batch_size=1000,
        )
    routing.invalidate()  # bulk writes send no signals: the unit snapshot must be renewed


def _unit(spec: UnitSpec, levels: dict[str, Level]) -> Unit:
    return Unit(
        name=spec.name,
        code=spec.code,
        level=levels[spec.level],
        schema_name=schema_name_for_code(spec.code),
    )


def write_rows(units: list[Unit], start: int, count: int) -> float:
    """`count` ledger rows (and search rows) over `units`, object ids from FIRST_OBJECT_ID+start."""
    say(f"ledger: {count:,} rows over {len(units):,} units…")
    started = time.perf_counter()
    batches = [
        (first, min(first + BATCH, start + count)) for first in range(start, start + count, BATCH)
    ]
    with ThreadPoolExecutor(WORKERS) as pool:  # each batch a connection of its own
        list(pool.map(lambda batch: _generate(*batch, units, FIRST_OBJECT_ID), batches))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE portal_publications_publication")
        cursor.execute("VACUUM ANALYZE portal_search_searchentry")
    return time.perf_counter() - started


def delete_rows() -> None:
    """The rows written here (by SQL: Django's cascade would load them all), search rows first."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no ledger triggers
        cursor.execute(
            "DELETE FROM portal_search_searchentry e USING portal_publications_publication p"
            " WHERE e.publication_id = p.id AND p.object_id >= %s",
            [FIRST_OBJECT_ID],
        )
        cursor.execute(
            "DELETE FROM portal_publications_publication WHERE object_id >= %s", [FIRST_OBJECT_ID]
        )


def _ledger_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM portal_search_searchentry")
        return cursor.fetchone()[0]


def _queries(province: Unit, scope: str) -> list[SearchQuery]:
    sample = sample_queries(first_object_id=FIRST_OBJECT_ID)

    def query(text, **filters):
        return SearchQuery(text=text, scope=scope, unit_id=province.pk, page_size=PAGE, **filters)

    return (
        [query(text) for text in sample.typical]
        + [query(number) for number in sample.numbers]
        + [query(text, doc_types=(kind,), years=(year,)) for text, kind, year in sample.faceted]
    )


def _timed(engine, province: Unit, queries: list[SearchQuery]) -> list[float]:
    times = []
    with schema_context(province.schema_name):
        for query in queries:  # one untimed pass: caches warm, as on a server answering all day
            engine.search(query)
        for query in queries:
            started = time.perf_counter()
            engine.search(query)
            times.append(time.perf_counter() - started)
    return times


def _elasticsearch_url() -> str | None:
    """The node to use, if one answers (a shared node: only INDEX and its template are ours)."""
    from search.elastic.client import get_client

    url = os.environ.get("ELASTICSEARCH_URL") or ES_DEFAULT_URL
    with override_settings(ELASTICSEARCH_URL=url, PORTAL_SEARCH_INDEX=INDEX):
        try:
            # The cluster's health, not ping(): this node refuses HEAD / (405).
            return url if get_client().cluster.health()["status"] != "red" else None
        except Exception:  # noqa: BLE001 - any failure means no node to measure
            return None


def measure(size: Size, province: Unit, queries: dict[str, list[SearchQuery]], es: str | None):
    size.ledger_rows = _ledger_rows()
    postgres = engine_named("postgres")
    for scope in SCOPES:
        say(f"ledger: PostgreSQL search, scope {scope}, {size.ledger_rows:,} rows…")
        size.seconds[f"PostgreSQL {scope}"] = _timed(postgres, province, queries[scope])
    if es:
        from search.elastic import index
        from search.elastic.client import get_client

        # Slow answers measured, not given up on after 1.5 s (the portal then asks PostgreSQL).
        with override_settings(
            ELASTICSEARCH_URL=es, PORTAL_SEARCH_INDEX=INDEX, PORTAL_ELASTICSEARCH_TIMEOUT=60
        ):
            say(f"ledger: Elasticsearch index {INDEX}, {size.ledger_rows:,} rows…")
            index.rebuild(get_client())
            elastic = engine_named("elasticsearch")
            for scope in SCOPES:
                size.seconds[f"Elasticsearch {scope}"] = _timed(elastic, province, queries[scope])
    say("ledger: the province's aggregated block, cold…")
    size.block_cold = render_samples(province, cold=True)


def delete_index(es: str) -> None:
    from search.elastic import index
    from search.elastic.client import get_client

    with override_settings(ELASTICSEARCH_URL=es, PORTAL_SEARCH_INDEX=INDEX):
        client = get_client()
        for name in index.indices_behind_alias(client):
            client.indices.delete(index=name)
        client.options(ignore_status=404).indices.delete_index_template(name=INDEX)


@dataclass
class LedgerRun:
    per_unit: int
    province: str
    province_units: int
    country_units: int
    at_province: Size
    at_country: Size
    elasticsearch: str | None


def run(country: list[UnitSpec]) -> LedgerRun:
    """Both sizes measured; every row, index and unit row added here removed afterwards
    (the units by the caller, with the run's own: their domains share its suffix)."""
    per_unit = entries_per_unit()
    province_specs = [
        s for s in country if s.code == country[0].code or s.parent_code == country[0].code
    ]
    es = _elasticsearch_url()
    delete_rows()  # what an interrupted run left
    add_units_without_schemas(country)
    province = Unit.objects.get(code=country[0].code)
    in_province = list(
        Unit.objects.filter(code__in=[s.code for s in province_specs]).order_by("path")
    )
    others = list(
        Unit.objects.filter(code__in=[s.code for s in country])
        .exclude(pk__in=[u.pk for u in in_province])
        .order_by("path")
    )
    at_province, at_country = Size(len(in_province)), Size(len(in_province) + len(others))
    try:
        rows = per_unit * len(in_province)
        at_province.generate_seconds = write_rows(in_province, 0, rows)
        queries = {scope: _queries(province, scope) for scope in SCOPES}
        measure(at_province, province, queries, es)
        at_country.generate_seconds = write_rows(others, rows, per_unit * len(others))
        measure(at_country, province, queries, es)
    finally:
        if es:
            delete_index(es)
        delete_rows()
    return LedgerRun(
        per_unit, province.name, len(in_province), len(country), at_province, at_country, es
    )


def _slower(times: list[float]) -> int:
    return sum(1 for t in times if t > settings.PORTAL_ELASTICSEARCH_TIMEOUT)


def figures(run: LedgerRun) -> tuple[list[Figure], list[str]]:
    below = run.per_unit < DEFAULT_ENTRIES_PER_UNIT
    base, top = run.at_province, run.at_country
    baseline = f"province size, {base.ledger_rows:,} rows"
    found = [
        Figure(
            f"{name} search, p95, national ledger ({top.ledger_rows:,} rows)",
            p95(top.seconds[name]) * MS,
            "ms",
            p95(base.seconds[name]) * MS,
            baseline,
            [GOAL],
            extrapolated=below,
        )
        for name in top.seconds
    ]
    found.append(
        Figure(
            "province aggregation block, cold render, p95, national ledger",
            p95(top.block_cold) * MS,
            "ms",
            p95(base.block_cold) * MS,
            baseline,
            [GOAL],
            extrapolated=below,
        )
    )
    notes = [
        f"ledger: {run.per_unit} rows per unit ({ENTRIES_ENV}; {DEFAULT_ENTRIES_PER_UNIT} is"
        f" national size: two years of a commune portal), search corpus SQL; province size: the"
        f" {run.province_units} units of {run.province} ({base.generate_seconds:.0f} s to write);"
        f" national: the register's {run.country_units:,} units ({top.generate_seconds:.0f} s"
        " more); units the run did not provision have unit and domain rows, no schema;"
        " counts are every search row in the database",
        f"searched from {run.province}'s portal, {len(next(iter(top.seconds.values())))} queries"
        " per scope (typical, document numbers, faceted; page of 20 with facets), after an"
        " untimed pass; scope network: every unit; subtree: the province's units",
        "answers slower than PORTAL_ELASTICSEARCH_TIMEOUT"
        f" ({settings.PORTAL_ELASTICSEARCH_TIMEOUT:g} s, after which the portal asks PostgreSQL"
        " instead; measured here with 60 s), province size → national: "
        + "; ".join(
            f"{name} {_slower(base.seconds[name])} → {_slower(top.seconds[name])}"
            for name in top.seconds
            if name.startswith("Elasticsearch")
        ),
        "p50 (ms), province size → national: "
        + "; ".join(
            f"{name} {median(base.seconds[name]) * MS:.1f} → {median(top.seconds[name]) * MS:.1f}"
            for name in top.seconds
        )
        + f"; aggregation block cold {median(base.block_cold) * MS:.1f} →"
        f" {median(top.block_cold) * MS:.1f}",
        f"Elasticsearch: index {INDEX} on {run.elasticsearch}, rebuilt at each size, deleted after"
        if run.elasticsearch
        else "Elasticsearch: no node answered (ELASTICSEARCH_URL or 127.0.0.1:9201): not measured",
    ]
    return found, notes
