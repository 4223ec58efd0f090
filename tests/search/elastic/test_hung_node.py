"""Elasticsearch that hangs costs a search one short timeout, then is skipped for a while.

The hung node is a real server (hung_node.py): connections are accepted and never
answered, as by a node stuck in garbage collection or behind a dead proxy. Searches
go through the API over HTTP; PostgreSQL's answers prove who answered (the hung
node never could), the node's accepted connections prove who was asked.
"""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client

from ..corpus import publish
from .hung_node import HungNode

pytestmark = pytest.mark.django_db

TIMEOUT = 1.0
COOL_OFF = 3.0
# A PostgreSQL search on the test network takes far less; the margin absorbs a busy machine.
MARGIN = 1.5


@pytest.fixture
def hung_node(settings):
    node = HungNode()
    settings.ELASTICSEARCH_URL = node.url
    settings.PORTAL_SEARCH_ENGINE = "elasticsearch"
    settings.PORTAL_ELASTICSEARCH_TIMEOUT = TIMEOUT
    settings.PORTAL_ELASTICSEARCH_COOL_OFF = COOL_OFF
    yield node
    node.close()


def timed_search(network, text: str) -> tuple[float, list[str]]:
    client = Client(HTTP_HOST=network.domains["province"])
    started = time.monotonic()
    response = client.get("/api/search/", {"q": text, "scope": "network"})
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    return elapsed, [hit["title"] for hit in json.loads(response.content)["results"]]


def test_one_timeout_then_postgres_answers_until_the_cool_off_ends(hung_node, network):
    publish(network.unit("district_a"), "Kế hoạch tiếp công dân quý ba")
    expected = ["Kế hoạch tiếp công dân quý ba"]

    elapsed, titles = timed_search(network, "tiếp công dân quý ba")
    assert titles == expected  # from PostgreSQL
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + MARGIN  # it waited for the node, once
    assert hung_node.accepted == 1

    elapsed, titles = timed_search(network, "kế hoạch tiếp công dân")
    assert titles == expected
    assert elapsed < TIMEOUT * 0.9  # the breaker is open: nobody waits for the node
    assert hung_node.accepted == 1

    time.sleep(COOL_OFF)
    elapsed, titles = timed_search(network, "tiếp công dân")
    assert titles == expected
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + MARGIN  # one try after the cool-off...
    assert hung_node.accepted == 2
    elapsed, _titles = timed_search(network, "tiếp công dân")
    assert elapsed < TIMEOUT * 0.9  # ...which failed: skipped again
    assert hung_node.accepted == 2
