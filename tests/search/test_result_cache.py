"""Kept search results: a repeated search costs no engine query, and no change is ever hidden."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.publications.models import Publication
from portal.syndication import marks
from portal.syndication.models import LedgerMark
from portal.tenancy.provisioning import archive
from search import result_cache
from search.models import SearchEntry
from search.postgres.indexing import store_attachment_text
from search.query import SearchQuery, SearchResults
from tests.conftest import client_for
from tests.publications.pages import add_article, news

from .corpus import publish

pytestmark = pytest.mark.django_db

ENTRIES_TABLE = SearchEntry._meta.db_table


def search_titles(network, unit_key, q, **params):
    client = client_for(network, unit_key)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/search/", {"q": q, **params})
    assert response.status_code == 200
    searched = sum(ENTRIES_TABLE in query["sql"] for query in queries.captured_queries)
    return [result["title"] for result in response.json()["results"]], searched


def test_a_repeated_search_asks_the_engine_once(network):
    publish(network.unit("district_a"), "Hội nghị tổng kết công tác dân vận")
    first, first_queries = search_titles(network, "district_a", "dân vận")
    again, again_queries = search_titles(network, "district_a", "dân vận")
    assert first == again == ["Hội nghị tổng kết công tác dân vận"]
    assert first_queries >= 1
    assert again_queries == 0
    # Another page of results, another portal or another scope is another search.
    _, other_portal = search_titles(network, "district_b", "dân vận")
    _, other_scope = search_titles(network, "district_a", "dân vận", scope="network")
    assert other_portal >= 1 and other_scope >= 1


def test_another_portals_kept_results_are_never_shown(network):
    publish(network.unit("district_a"), "Kế hoạch chuyển đổi số của huyện A")
    assert search_titles(network, "district_a", "chuyển đổi số")[0] == [
        "Kế hoạch chuyển đổi số của huyện A"
    ]
    # The same words on another district's portal search that portal only.
    assert search_titles(network, "district_b", "chuyển đổi số")[0] == []


def test_a_publish_or_a_withdrawal_shows_at_once(network):
    unit = network.unit("district_a")
    assert search_titles(network, "district_a", "lịch sử Đảng bộ")[0] == []
    with schema_context(unit.schema_name):
        article = add_article(news(), "Hội thi tìm hiểu lịch sử Đảng bộ huyện", "hoi-thi")
    assert search_titles(network, "district_a", "lịch sử Đảng bộ")[0] == [
        "Hội thi tìm hiểu lịch sử Đảng bộ huyện"
    ]
    with schema_context(unit.schema_name):
        article.unpublish()
    assert search_titles(network, "district_a", "lịch sử Đảng bộ")[0] == []


def test_an_archived_units_rows_leave_kept_results(network):
    publish(network.unit("commune_a"), "Thông báo lịch tiếp công dân của xã")
    found = search_titles(network, "province", "tiếp công dân", scope="network")[0]
    assert found == ["Thông báo lịch tiếp công dân của xã"]
    archive(network.unit("commune_a"))
    assert search_titles(network, "province", "tiếp công dân", scope="network")[0] == []


def test_new_attachment_text_shows_at_once(network):
    row = publish(network.unit("district_b"), "Văn bản có tệp đính kèm")
    assert search_titles(network, "district_b", "nguyên liệu chè")[0] == []
    store_attachment_text(row.pk, "Phụ lục: quy hoạch vùng nguyên liệu chè.")
    assert search_titles(network, "district_b", "nguyên liệu chè")[0] == ["Văn bản có tệp đính kèm"]


def test_kept_results_still_count_against_the_rate_limit(network, settings):
    settings.PORTAL_SEARCH_RATE_LIMIT = 3
    settings.PORTAL_SEARCH_RATE_WINDOW = 60
    client = client_for(network, "district_a")
    statuses = [client.get("/tim-kiem/", {"q": "dân vận"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


class CountingSearch:
    """What the engine would answer, counting how often it is asked."""

    def __init__(self):
        self.calls = 0

    def __call__(self) -> SearchResults:
        self.calls += 1
        return SearchResults(count=0, hits=[], engine="elasticsearch")


def _elasticsearch_twice(network) -> int:
    search = CountingSearch()
    query = SearchQuery(text="hội nghị", scope="portal", unit_id=network.unit("province").pk)
    result_cache.results_for("elasticsearch", query, search)
    result_cache.results_for("elasticsearch", query, search)
    return search.calls


def _settle_ledger(seconds_ago: float) -> None:
    Publication.objects.update(index_pending=False)
    LedgerMark.objects.filter(scope=marks.NETWORK).update(
        changed_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )
    marks.forget()


def test_elasticsearch_results_are_kept_only_once_the_index_has_every_change(network):
    publish(network.unit("province"), "Hội nghị Ban Chấp hành")  # waits for the indexer
    assert Publication.objects.filter(index_pending=True).exists()
    assert _elasticsearch_twice(network) == 2
    _settle_ledger(seconds_ago=0)  # indexed, but the index may not have refreshed yet
    assert _elasticsearch_twice(network) == 2
    _settle_ledger(seconds_ago=result_cache.SETTLE_SECONDS + 1)
    assert _elasticsearch_twice(network) == 1
