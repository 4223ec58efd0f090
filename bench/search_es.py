"""Search on Elasticsearch: bulk indexing, query latency, publish-to-searchable delay.

On the shared corpus (bench/search_corpus.py) over the fleet's 100 units, on
the project's own Elasticsearch node (search/elastic/node). Baselines from the
same run: one index request per row for bulk indexing; the PostgreSQL engine
on the same content for queries; the index refresh interval for the delay.
Suggestions as people type are timed through their endpoint on both engines,
each the other's baseline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.publications.models import Publication
from search.elastic import index
from search.elastic.bulk import actions_for
from search.elastic.client import get_client
from search.elastic.documents import document_id
from search.elastic.mapping import alias_name
from search.engines import engine_named
from search.query import SearchQuery

from .common import LOG_DIR, PROJECT_DIR, Figure, Goal, Report, environment, median, p95, say
from .search_corpus import (
    FIRST_OBJECT_ID,
    corpus_size,
    ensure_corpus,
    fleet_units,
    sample_queries,
    suggestion_times,
    typed_prefixes,
)

# The node's port: another than the default when someone else's node may run on it.
PORT = int(os.environ.get("PORTAL_ELASTICSEARCH_PORT", "9201"))
SCRIPT = Path(PROJECT_DIR) / "search" / "elastic" / "node" / "elasticsearch.sh"
SINGLE_REQUESTS = 300  # rows indexed one request each, for the bulk baseline
DELAY_SAMPLES = 10
DELAY_OBJECT_IDS = 9_000_000  # below the corpus's ids


def _use_bench_index() -> None:
    settings.ELASTICSEARCH_URL = settings.ELASTICSEARCH_URL or f"http://127.0.0.1:{PORT}"
    settings.PORTAL_SEARCH_INDEX = "bench-publications"
    subprocess.run([str(SCRIPT), "start", str(PORT)], check=True, capture_output=True)


def _rate_of_single_requests(rows: list[Publication]) -> float:
    client = get_client()
    name = index.new_index(client)
    start = time.perf_counter()
    for action in actions_for(rows, name):
        client.index(index=name, id=action["_id"], document=action["_source"])
    elapsed = time.perf_counter() - start
    client.indices.delete(index=name)
    return len(rows) / elapsed


def _latencies(engine, queries: list[SearchQuery]) -> list[float]:
    # One untimed pass: the index was just rebuilt and its files are not yet in the OS cache,
    # as they are on a server that has been answering for a while.
    for query in queries:
        engine.search(query)
    times = []
    for query in queries:
        start = time.perf_counter()
        engine.search(query)
        times.append(time.perf_counter() - start)
    return times


def _query_figures(size: int) -> list[Figure]:
    province = fleet_units()[0]
    sample = sample_queries()

    def query(text, **filters):
        return SearchQuery(text=text, scope="subtree", unit_id=province.pk, **filters)

    kinds = {
        "typical 1–4 syllable queries": [query(text) for text in sample.typical],
        "document-number lookups": [query(number) for number in sample.numbers],
        "faceted queries (type + year)": [
            query(text, doc_types=(doc_type,), years=(year,))
            for text, doc_type, year in sample.faceted
        ],
    }
    elastic, postgres = engine_named("elasticsearch"), engine_named("postgres")
    figures = []
    for name, queries in kinds.items():
        es_times, pg_times = _latencies(elastic, queries), _latencies(postgres, queries)
        figures.append(
            Figure(f"{name}, p50", median(es_times), "s", median(pg_times), "PostgreSQL engine")
        )
        goals = [Goal.at_most(0.05, "s")] if size >= 1_000_000 else []
        figures.append(
            Figure(f"{name}, p95", p95(es_times), "s", p95(pg_times), "PostgreSQL engine", goals)
        )
    typed = typed_prefixes(sample.typical + sample.numbers)
    es_times = suggestion_times("elasticsearch", province, typed)
    pg_times = suggestion_times("postgres", province, typed)
    # Both engines are held to the goal: they serve the same endpoint.
    for name, times, other, other_name in (
        ("Elasticsearch", es_times, pg_times, "PostgreSQL engine"),
        ("PostgreSQL", pg_times, es_times, "Elasticsearch engine"),
    ):
        figures.append(
            Figure(
                f"suggestions as people type, {name} ({len(typed)} requests, one portal), p95",
                p95(times),
                "s",
                p95(other),
                other_name,
                [Goal.at_most(0.05, "s")],
            )
        )
    return figures


def _publish_delays() -> list[float]:
    """Seconds from a committed ledger write to its row being found, with the worker running."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    env = environment() | {
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "PORTAL_SEARCH_INDEX": alias_name(),
    }
    with (LOG_DIR / "search-index-worker.log").open("w") as log:
        worker = subprocess.Popen(
            [sys.executable, str(PROJECT_DIR / "manage.py"), "search_index"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        unit = fleet_units()[1]
        client = get_client()
        # Rows an interrupted run left behind.
        Publication.objects.filter(
            object_id__gte=DELAY_OBJECT_IDS, object_id__lt=FIRST_OBJECT_ID
        ).delete()
        delays = []
        # Sample -1 waits for the worker to be up (Django's start is not part of the delay).
        for sample in range(-1, DELAY_SAMPLES):
            word = f"kiemtradotre{sample + 1}x{time.time_ns()}"
            with transaction.atomic():
                now = timezone.now()
                row = Publication.objects.create(
                    unit=unit,
                    kind="article",
                    object_id=DELAY_OBJECT_IDS + sample + 1,
                    url="https://bench.localhost/tin/",
                    title=f"Tin {word}",
                    published_at=now,
                    updated_at=now,
                )
            start = time.perf_counter()
            while not client.count(index=alias_name(), query={"match": {"title": word}})["count"]:
                time.sleep(0.02)
            if sample >= 0:
                delays.append(time.perf_counter() - start)
            row.delete()
            client.delete(index=alias_name(), id=document_id(row, unit.schema_name), refresh=True)
        return delays
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def run() -> Report:
    _use_bench_index()
    size = ensure_corpus(corpus_size())
    client = get_client()
    say(f"loading {size:,} entries into a new Elasticsearch index (bulk, alias swap)…")
    start = time.perf_counter()
    name, loaded = index.rebuild(client)
    bulk_rate = loaded / (time.perf_counter() - start)
    Publication.objects.filter(object_id__gte=10_000_000, index_pending=True).update(
        index_pending=False
    )
    sample_rows = list(Publication.objects.select_related("unit").order_by("pk")[:SINGLE_REQUESTS])
    single_rate = _rate_of_single_requests(sample_rows)
    say("timing queries on both engines…")
    figures = [
        Figure(
            "bulk indexing (rebuild with alias swap)",
            bulk_rate,
            "entries/s",
            single_rate,
            "one request per entry",
            [Goal("≥ 2,000 entries/s", lambda f: f.value >= 2000)],
        ),
        *_query_figures(size),
    ]
    say("publish-to-searchable delay with the outbox worker running…")
    delays = _publish_delays()
    refresh = 1.0
    figures += [
        Figure(
            "publish → searchable, median", median(delays), "s", refresh, "index refresh interval"
        ),
        Figure(
            "publish → searchable, p95",
            p95(delays),
            "s",
            refresh,
            "index refresh interval",
            [Goal.at_most(2, "s")],
        ),
    ]
    return Report(
        title="Search — Elasticsearch",
        figures=figures,
        notes=[
            f"N = {size:,} entries over the fleet's 100 units (BENCH_SEARCH_ENTRIES), "
            f"index {name}.",
            "Latencies are engine.search() wall times in this process: query, facets, hits "
            "read back from the ledger (20 per page); 40 queries of each sort, searched from "
            "the province (subtree).",
            f"Publish delay: {DELAY_SAMPLES} committed ledger writes, `manage.py search_index` "
            "woken by the ledger's NOTIFY (polling every 1 s as a fallback), small batches "
            "refreshed at once (the index's own refresh interval is 1 s).",
            "Goals at 1M entries (p95 ≤ 50 ms) apply only when N ≥ 1,000,000.",
            "Suggestions: server time of GET /api/search/suggest/ on the province's portal"
            " through Django's request handling (Host routing, middleware, engine, JSON), in"
            " this process: the first 3 and 6 characters and the whole of each typical query"
            " and number; goal p95 ≤ 50 ms on each engine at any N.",
        ],
    )
