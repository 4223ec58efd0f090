"""Elasticsearch as a cluster: shards and replicas from the environment, several node URLs.

The index settings are read by a real process started with the production settings and
checked on the real node (`GET _settings`); a client of several URLs is shown to go on
answering when the first of them is a dead address.
"""

from __future__ import annotations

import subprocess
import uuid

import pytest
from elastic_transport import ConnectionError as TransportConnectionError

from portal.elasticsearch_hosts import elasticsearch_hosts
from portal.publications.models import Publication
from search.elastic.client import get_client
from search.elastic.index import apply_replicas, ensure_index, indices_behind_alias
from search.elastic.indexer import drain

from ...operations.production_env import PYTHON, ROOT, production_env
from ..corpus import publish
from .helpers import refresh, search, titles
from .node import ensure_node

# Nothing listens here.
DEAD_URLS = ["http://127.0.0.1:9298", "http://127.0.0.1:9299"]


def run_with(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env | {"PYTHONPATH": f"{ROOT}:{ROOT / 'platform'}"},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def own_alias():
    """An alias (and template) of this test only, removed afterwards with its indices."""
    alias = f"test-cluster-settings-{uuid.uuid4().hex[:8]}"
    yield alias
    client = get_client()
    client.indices.delete(index=f"{alias}-*", allow_no_indices=True)
    client.options(ignore_status=404).indices.delete_index_template(name=alias)


def test_an_index_gets_shards_and_replicas_from_the_environment(own_alias):
    url = ensure_node()
    env = production_env(
        ELASTICSEARCH_URL=url,
        PORTAL_SEARCH_INDEX=own_alias,
        PORTAL_ELASTICSEARCH_SHARDS="2",
        PORTAL_ELASTICSEARCH_REPLICAS="0",
    )
    result = run_with(env, "from search.elastic.index import ensure_index; ensure_index()")
    assert result.returncode == 0, result.stderr

    indices = get_client().indices.get_settings(index=own_alias)
    assert len(indices) == 1
    (index_settings,) = (body["settings"]["index"] for body in indices.values())
    assert index_settings["number_of_shards"] == "2"
    assert index_settings["number_of_replicas"] == "0"


def test_the_defaults_are_one_shard_and_no_replica(own_alias):
    env = production_env(ELASTICSEARCH_URL=ensure_node(), PORTAL_SEARCH_INDEX=own_alias)
    result = run_with(env, "from search.elastic.index import ensure_index; ensure_index()")
    assert result.returncode == 0, result.stderr
    (body,) = get_client().indices.get_settings(index=own_alias).values()
    assert (
        body["settings"]["index"]["number_of_shards"],
        body["settings"]["index"]["number_of_replicas"],
    ) == ("1", "0")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PORTAL_ELASTICSEARCH_SHARDS", "0", "must be a whole number of at least 1, not '0'"),
        ("PORTAL_ELASTICSEARCH_SHARDS", "hai", "must be a whole number of at least 1, not 'hai'"),
        ("PORTAL_ELASTICSEARCH_REPLICAS", "-1", "must be a whole number, not '-1'"),
        ("ELASTICSEARCH_URL", "http://es1:9200,,http://es2:9200", "an empty node address"),
        ("ELASTICSEARCH_URL", "http://es1:9200,es2:9200", "'es2:9200' is not an http(s)://"),
        ("ELASTICSEARCH_URL", "http://es1:92x0", "'http://es1:92x0' has an invalid port"),
    ],
)
def test_a_bad_value_stops_the_start_naming_it(name, value, message):
    result = subprocess.run(
        [PYTHON, "manage.py", "check"],
        cwd=ROOT,
        env=production_env(**{name: value}),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{name}" in result.stderr and message in result.stderr


def test_several_urls_are_parsed_into_hosts_in_order():
    value = " http://es1.example.vn:9200 ,https://es2.example.vn:9243,http://es1.example.vn:9200"
    assert elasticsearch_hosts(value) == [
        "http://es1.example.vn:9200",
        "https://es2.example.vn:9243",
    ]


def test_the_client_gets_every_node(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9211,http://127.0.0.1:9212,http://127.0.0.1:9213"
    assert sorted(node.base_url for node in get_client().transport.node_pool.all()) == [
        "http://127.0.0.1:9211",
        "http://127.0.0.1:9212",
        "http://127.0.0.1:9213",
    ]


def test_a_request_fails_over_from_dead_nodes_to_a_live_one(settings):
    live = ensure_node(settings.ELASTICSEARCH_URL)
    settings.ELASTICSEARCH_URL = DEAD_URLS[0]
    with pytest.raises(TransportConnectionError):
        get_client().cluster.health()

    settings.ELASTICSEARCH_URL = ",".join([*DEAD_URLS, live])
    client = get_client()
    # Round robin: whichever node a request starts on, every request is answered.
    for _ in range(6):
        assert client.cluster.health()["cluster_name"]


def test_the_worker_gives_the_live_index_the_configured_replicas(settings, own_alias):
    ensure_node()
    settings.PORTAL_SEARCH_INDEX = own_alias
    client = get_client()
    ensure_index(client)
    (name,) = indices_behind_alias(client)

    settings.PORTAL_ELASTICSEARCH_REPLICAS = 1
    apply_replicas(client)
    replicas = client.indices.get_settings(index=name, name="index.number_of_replicas")
    assert replicas[name]["settings"]["index"]["number_of_replicas"] == "1"
    assert indices_behind_alias(client) == [name]  # the same index, not a new one


@pytest.mark.django_db
def test_the_outbox_and_searches_go_on_when_named_nodes_are_dead(settings, network, es_index):
    """The platform's own paths (outbox worker, engine) over a URL whose other nodes are dead:
    every row is written and marked, every search is answered by Elasticsearch."""
    live = ensure_node()
    district = network.unit("district_a")
    rows = [publish(district, f"Kế hoạch tiếp dân đợt {number}") for number in range(1, 6)]
    settings.ELASTICSEARCH_URL = ",".join([*DEAD_URLS, live])

    report = drain()
    assert (report.written, report.failed) == (5, 0)
    assert not Publication.objects.filter(pk__in=[row.pk for row in rows], index_pending=True)
    refresh()
    for _ in range(3):  # round robin: each search may start on a dead node
        results = search("kế hoạch tiếp dân", network.unit("province"))
        assert results.engine == "elasticsearch"
        assert sorted(titles(results)) == sorted(row.title for row in rows)
