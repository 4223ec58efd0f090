"""`python -m bench es_cluster`: a cluster of three Elasticsearch nodes loses a node mid-indexing.

Three local nodes of the project's launcher (`elasticsearch.sh cluster-start`, HTTP ports
9211-9213, a small heap each) form one cluster; the portal's index is created on it with
SHARDS primary shards and one replica each (PORTAL_ELASTICSEARCH_SHARDS/_REPLICAS), and the
client is given the three URLs (ELASTICSEARCH_URL, comma-separated).

Everything goes through the platform's own paths: a writer changes the ledger rows of a
unit of its own (`UnitLedger.record`: each change bumps the row's version and marks it for
the outbox), the outbox worker (`search.elastic.indexer.run_forever`, in a thread) drains
them into the index, and a searcher asks the Elasticsearch engine in a loop (it answers
from PostgreSQL when the cluster fails it). In the middle of the writes the elected
master node is killed (SIGKILL); the writes go on; the node is started again and rejoins.

Afterwards every row of the unit must be in the index with the text of its last change
(all of them compared, not a sample), and the searches must have been answered all
along. Figures: rows at their last change, searches answered by Elasticsearch in each
phase and their p95 (before the kill, during the outage until the cluster is green
again, after).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context
from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from portal.publications.entries import LedgerEntry
from portal.publications.ledger import UnitLedger
from portal.publications.models import Publication
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision
from search.elastic import index, indexer
from search.elastic.client import get_client
from search.elastic.engine import ElasticsearchEngine
from search.elastic.mapping import alias_name
from search.query import SearchQuery

from .common import PROJECT_DIR, Figure, Goal, Report, p95, say

SCRIPT = PROJECT_DIR / "search" / "elastic" / "node" / "elasticsearch.sh"
NODES_DIR = PROJECT_DIR / "var" / "elasticsearch"
PORTS = [9211, 9212, 9213]
HEAP = "512m"
SHARDS = 3  # with one replica each, every node holds two copies: any kill takes primaries
REPLICAS = 1
INDEX_ALIAS = "bench-cluster-publications"
UNIT_CODE = "KIEM-DINH-CUM-ES"
KIND = "article"
ROWS = 1_000
FIRST_OBJECT_ID = 7_000_000
CHANGES_PER_SECOND = 10
BEFORE_SECONDS = 20
OUTAGE_AT_LEAST_SECONDS = 30
AFTER_SECONDS = 20
DRAIN_TIMEOUT = 180
SEARCH_PAUSE = 0.2
QUERIES = ["thông báo kết luận", "kế hoạch tuyên truyền", "nghị quyết", "lần sửa", "hội nghị"]
GOAL_ANSWERED_BY_ELASTICSEARCH = 0.95
# A search's wait for the cluster before PostgreSQL answers (the platform's default is 1.5 s):
# three nodes and the indexer share 2 CPUs with other work here.
SEARCH_TIMEOUT = 5.0


@dataclass
class Timeline:
    """What the threads saw, by phase ("before", "outage", "after")."""

    phase: str = "before"
    stop: threading.Event = field(default_factory=threading.Event)
    changes: int = 0
    searches: dict[str, list[tuple[float, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # phase -> (seconds, "elasticsearch" | "postgres" | "error")
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # searches with hits
    failures: list[str] = field(default_factory=list)


def _script(*args: str, timeout: float = 600) -> None:
    env = {**os.environ, "PORTAL_ELASTICSEARCH_HEAP": HEAP}
    done = subprocess.run(
        [str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode:
        raise RuntimeError(f"elasticsearch.sh {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def _answers(port: int) -> bool:
    try:
        Elasticsearch(f"http://127.0.0.1:{port}", request_timeout=2).info()
    except Exception:  # anything but an answer: nothing listens there
        return False
    return True


def _start_cluster() -> None:
    _script("cluster-stop", *map(str, PORTS))  # a cluster this checkout left running
    taken = [port for port in PORTS if _answers(port)]
    if taken:
        raise RuntimeError(f"Something else answers on port(s) {taken}: stop it first.")
    for port in PORTS:  # a fresh cluster: no state from an earlier run
        subprocess.run(["rm", "-rf", str(NODES_DIR / f"cluster-node-{port}")], check=True)
    _script("cluster-start", *map(str, PORTS))


def _use_cluster() -> None:
    settings.ELASTICSEARCH_URL = ",".join(f"http://127.0.0.1:{port}" for port in PORTS)
    settings.PORTAL_SEARCH_INDEX = INDEX_ALIAS
    settings.PORTAL_ELASTICSEARCH_SHARDS = SHARDS
    settings.PORTAL_ELASTICSEARCH_REPLICAS = REPLICAS
    settings.PORTAL_ELASTICSEARCH_COOL_OFF = 0  # the breaker measures nothing here
    settings.PORTAL_ELASTICSEARCH_TIMEOUT = SEARCH_TIMEOUT


def _unit() -> Unit:
    unit = Unit.objects.filter(code=UNIT_CODE).first()
    if unit is None:
        spec = UnitSpec(
            "Đảng bộ Kiểm định cụm tìm kiếm", UNIT_CODE, "province", ["cum-es.bench.localhost"]
        )
        unit = provision(spec).unit
    return unit


def _entry(object_id: int, change: int) -> LedgerEntry:
    subject = QUERIES[object_id % len(QUERIES)]
    return LedgerEntry(
        title=f"Thông báo {subject} số {object_id}",
        url=f"/bai-viet/{object_id}/",
        published_at=None,
        updated_at=None,
        summary=f"Lần sửa {change} của bài {object_id}",
        body_text=f"Nội dung {subject} của bài {object_id}, lần sửa {change}.",
    )


def _write_rows(unit: Unit, timeline: Timeline) -> None:
    """The first version of every row, then changes to rows in turn until stopped."""
    ledger = UnitLedger(unit)
    object_ids = range(FIRST_OBJECT_ID, FIRST_OBJECT_ID + ROWS)
    try:
        with schema_context(unit.schema_name):
            for object_id in object_ids:
                ledger.record(KIND, object_id, _entry(object_id, 0))
            change = 0
            while not timeline.stop.is_set():
                change += 1
                started = time.perf_counter()
                ledger.record(
                    KIND, object_ids[change % ROWS], _entry(object_ids[change % ROWS], change)
                )
                timeline.changes = change
                time.sleep(max(0.0, 1 / CHANGES_PER_SECOND - (time.perf_counter() - started)))
    except Exception as error:  # the figures must say the writer died, not hide it
        timeline.failures.append(f"writer: {error!r}")
    finally:
        connection.close()


def _search(unit: Unit, timeline: Timeline) -> None:
    engine, turn = ElasticsearchEngine(), 0
    try:
        while not timeline.stop.is_set():
            query = SearchQuery(text=QUERIES[turn % len(QUERIES)], scope="portal", unit_id=unit.pk)
            turn += 1
            phase, started = timeline.phase, time.perf_counter()
            try:
                results = engine.search(query)
                answered_by = results.engine
                timeline.found[phase] += bool(results.hits)
            except Exception:  # a citizen would have seen an error page
                answered_by = "error"
            timeline.searches[phase].append((time.perf_counter() - started, answered_by))
            time.sleep(SEARCH_PAUSE)
    finally:
        connection.close()


def _index_worker(stop: threading.Event) -> None:
    try:
        indexer.run_forever(stop=stop)
    finally:
        connection.close()


def _master_port(client: Elasticsearch) -> int:
    name = client.cat.master(format="json")[0]["node"]
    return int(name.removeprefix("node-"))


def _primaries_on(client: Elasticsearch, port: int) -> int:
    shards = client.cat.shards(index=alias_name(), format="json")
    return sum(1 for s in shards if s["prirep"] == "p" and s["node"] == f"node-{port}")


def _kill(port: int) -> None:
    pid = int((NODES_DIR / f"cluster-node-{port}" / "pid").read_text())
    os.kill(pid, signal.SIGKILL)


def _wait_green(client: Elasticsearch, nodes: int) -> None:
    client.options(request_timeout=700).cluster.health(
        wait_for_status="green", wait_for_nodes=str(nodes), timeout="600s"
    )


def _unindexed_changes(unit: Unit) -> tuple[int, list[int]]:
    """(rows of the unit, ids of those whose indexed text is not their last change)."""
    client = get_client()
    client.indices.refresh(index=alias_name())
    indexed = {
        hit["_source"]["publication_id"]: hit["_source"]["summary"]
        for hit in scan(client, index=alias_name(), _source=["publication_id", "summary"])
    }
    rows = dict(Publication.objects.filter(unit=unit).values_list("pk", "summary"))
    return len(rows), sorted(pk for pk, summary in rows.items() if indexed.get(pk) != summary)


def _drain_wait(unit: Unit) -> float:
    started = time.perf_counter()
    while Publication.objects.filter(unit=unit, index_pending=True).exists():
        if time.perf_counter() - started > DRAIN_TIMEOUT:
            break
        time.sleep(0.5)
    return time.perf_counter() - started


def run() -> Report:
    unit = _unit()
    Publication.objects.filter(unit=unit).delete()
    _use_cluster()
    say("es_cluster: starting three nodes…")
    report = Report("Elasticsearch cluster: a node killed while indexing (bench es_cluster)")
    _start_cluster()
    timeline, worker_stop = Timeline(), threading.Event()
    threads = []
    try:
        client = get_client()
        for name in index.indices_behind_alias(client):
            client.indices.delete(index=name)
        index.ensure_index(client)
        _wait_green(client, len(PORTS))  # every replica placed before anything is written
        threads = [
            threading.Thread(target=_index_worker, args=(worker_stop,)),
            threading.Thread(target=_write_rows, args=(unit, timeline)),
            threading.Thread(target=_search, args=(unit, timeline)),
        ]
        for thread in threads:
            thread.start()
        time.sleep(BEFORE_SECONDS)
        victim = _master_port(client)
        primaries = _primaries_on(client, victim)
        say(f"es_cluster: killing node-{victim} (master, {primaries} primaries)…")
        changes_at_kill = timeline.changes
        timeline.phase = "outage"
        outage_started = time.perf_counter()
        _kill(victim)
        time.sleep(OUTAGE_AT_LEAST_SECONDS)
        say("es_cluster: starting it again…")
        _script("cluster-start", *map(str, PORTS))
        _wait_green(client, len(PORTS))
        outage = time.perf_counter() - outage_started
        timeline.phase = "after"
        time.sleep(AFTER_SECONDS)
        timeline.stop.set()
        for thread in threads[1:]:
            thread.join()
        drained_in = _drain_wait(unit)
        worker_stop.set()
        threads[0].join()
        rows, behind = _unindexed_changes(unit)
    finally:
        timeline.stop.set()
        worker_stop.set()
        for thread in threads:
            thread.join()
        _script("cluster-stop", *map(str, PORTS))

    report.figures.append(
        Figure(
            "rows indexed with the text of their last change",
            rows - len(behind),
            "rows/run",
            rows,
            "the unit's rows in the ledger",
            [Goal.share_at_least(1.0)],
        )
    )
    for phase in ("before", "outage", "after"):
        searches = timeline.searches[phase]
        by_elasticsearch = [seconds for seconds, engine in searches if engine == "elasticsearch"]
        answered = [seconds for seconds, engine in searches if engine != "error"]
        report.figures.append(
            Figure(
                f"searches answered, {phase}",
                len(answered),
                "searches/phase",
                len(searches),
                "searches made",
                [Goal.share_at_least(1.0)],
            )
        )
        report.figures.append(
            Figure(
                f"searches answered by Elasticsearch, {phase}",
                len(by_elasticsearch),
                "searches/phase",
                len(searches),
                "searches made",
                [Goal.share_at_least(GOAL_ANSWERED_BY_ELASTICSEARCH)],
            )
        )
        before = [s for s, engine in timeline.searches["before"] if engine == "elasticsearch"]
        if by_elasticsearch and before and phase != "before":
            report.figures.append(
                Figure(
                    f"search p95 on Elasticsearch, {phase}",
                    p95(by_elasticsearch),
                    "s",
                    p95(before),
                    "p95 before the kill",
                    [Goal.at_most(settings.PORTAL_ELASTICSEARCH_TIMEOUT, "s")],
                )
            )
    report.notes += [
        f"{len(PORTS)} nodes (heap {HEAP} each) on ports {', '.join(map(str, PORTS))}; index of "
        f"{SHARDS} shards × {REPLICAS} replica; {ROWS} rows of one unit written through the "
        "ledger, "
        f"then {timeline.changes} changes at ~{CHANGES_PER_SECOND}/s through the ledger and the "
        "outbox worker.",
        f"node-{victim} (the master, {primaries} primary shard(s)) killed with SIGKILL after "
        f"{changes_at_kill} changes; the outage (kill to green with three nodes again) lasted "
        f"{outage:.0f} s; the outbox was empty {drained_in:.1f} s after the last change.",
        "rows behind their last change: "
        + (", ".join(map(str, behind[:10])) if behind else "none (every row compared)"),
        "search p95 before the kill (Elasticsearch answers): "
        + (f"{p95(before):.3f} s" if before else "none answered"),
        "searches made / with hits, by phase: "
        + ", ".join(
            f"{phase} {len(timeline.searches[phase])}/{timeline.found[phase]}"
            for phase in ("before", "outage", "after")
        ),
        *timeline.failures,
    ]
    return report
