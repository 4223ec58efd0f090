"""Nothing is lost while Elasticsearch is down: a real node is stopped and started again.

The node here is a second one of the project's script, on its own port, so
the rest of the suite keeps its node while this one goes down.
"""

from __future__ import annotations

import logging

import pytest
from django_tenants.utils import schema_context
from elasticsearch import TransportError

from search.elastic.client import get_client
from search.elastic.index import ensure_index, indices_behind_alias
from search.elastic.indexer import drain
from search.engines import get_engine
from search.query import SearchQuery

from ...publications.pages import add_article, entry, news
from ..corpus import publish
from .helpers import refresh, titles
from .node import answers, run_script

pytestmark = pytest.mark.django_db

OUTAGE_PORT = 9211


@pytest.fixture
def outage_node(settings):
    """A node of its own, chosen as the engine by settings; stopped at the end."""
    url = f"http://127.0.0.1:{OUTAGE_PORT}"
    run_script("start", OUTAGE_PORT)
    settings.ELASTICSEARCH_URL = url
    settings.PORTAL_SEARCH_ENGINE = "elasticsearch"
    # The node comes back within the test: no cool-off of the circuit breaker (test_hung_node.py).
    settings.PORTAL_ELASTICSEARCH_COOL_OFF = 0
    client = get_client()
    for index in indices_behind_alias(client):
        client.indices.delete(index=index)
    ensure_index(client)
    yield url
    run_script("stop", OUTAGE_PORT)


def network_search(text, unit):
    return get_engine().search(SearchQuery(text=text, scope="network", unit_id=unit.pk))


def portal_search(text, unit):
    return get_engine().search(SearchQuery(text=text, scope="portal", unit_id=unit.pk))


def test_search_answers_from_postgres_while_down_and_the_outbox_catches_up(
    outage_node, network, caplog
):
    province, district_b = network.unit("province"), network.unit("district_b")
    publish(network.unit("district_a"), "Thông báo lịch tiếp công dân tháng 5")
    drain()
    refresh()
    assert get_engine().name == "elasticsearch"
    assert titles(network_search("lịch tiếp công dân", province)) == [
        "Thông báo lịch tiếp công dân tháng 5"
    ]

    run_script("stop", OUTAGE_PORT)
    assert not answers(outage_node)
    # Publishing through Wagtail never waits for Elasticsearch nor fails because of it.
    with schema_context(district_b.schema_name):
        article = add_article(
            news(), "Lịch tiếp công dân của Bí thư Huyện ủy", "lich-tiep-cong-dan"
        )
    row = entry(district_b, article)
    assert row.index_pending
    with pytest.raises(TransportError):
        drain()
    row.refresh_from_db()
    assert row.index_pending  # nothing marked: it waits for the node

    with caplog.at_level(logging.WARNING, logger="search.engines"):
        assert get_engine().name == "postgres"
    assert "unavailable; answering from PostgreSQL" in caplog.text
    assert sorted(titles(network_search("lịch tiếp công dân", province))) == [
        "Lịch tiếp công dân của Bí thư Huyện ủy",
        "Thông báo lịch tiếp công dân tháng 5",
    ]

    run_script("start", OUTAGE_PORT)
    assert drain().written >= 1
    refresh()
    row.refresh_from_db()
    assert not row.index_pending
    engine = get_engine()
    assert engine.name == "elasticsearch"
    results = engine.search(
        SearchQuery(text="lich tiep cong dan", scope="network", unit_id=province.pk)
    )
    assert sorted(titles(results)) == [
        "Lịch tiếp công dân của Bí thư Huyện ủy",
        "Thông báo lịch tiếp công dân tháng 5",
    ]
    assert results.engine == "elasticsearch"
    # The other district's portal still shows only its own rows.
    assert titles(portal_search("lịch tiếp công dân", district_b)) == [
        "Lịch tiếp công dân của Bí thư Huyện ủy"
    ]
