"""Elasticsearch counts like PostgreSQL: exact up to the bound, sampled estimates above it."""

from __future__ import annotations

import datetime

import pytest

from search.elastic import counting
from search.elastic.engine import ElasticsearchEngine
from search.elastic.indexer import drain
from search.query import SearchQuery

from ..corpus import publish, titles
from .helpers import refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def tea(es_index, network):
    """Five rows about tea in district A, two in district B, indexed."""
    a, b = network.unit("district_a"), network.unit("district_b")
    publish(a, "Chè và vùng nguyên liệu", summary="Nguyên liệu cho nhà máy chè.")
    publish(a, "Vùng chè nguyên liệu Shan tuyết", doc_type="Kế hoạch")
    publish(a, "Thông báo về giá chè", issued=datetime.date(2024, 3, 1))
    publish(a, "Hội thi pha chè", kind="article")
    publish(a, "Kết luận về chè", doc_number="374-TB/HU")
    publish(b, "Chè Sông Xanh", doc_type="Kế hoạch")
    publish(b, "Chè xuất khẩu", issued=datetime.date(2024, 3, 1))
    drain()
    refresh()


@pytest.fixture
def tiny_bound(settings):
    settings.PORTAL_SEARCH_EXACT_COUNT_LIMIT = 2


@pytest.fixture
def sampled(monkeypatch):
    """A sample of about one document: what a huge index looks like to the sampler."""
    monkeypatch.setattr(counting, "SAMPLE_DOCS", 1)
    monkeypatch.setattr(counting, "_size_cache", {})


def search(network, unit_key, text, scope="subtree", **filters):
    query = SearchQuery(text=text, scope=scope, unit_id=network.unit(unit_key).pk, **filters)
    return ElasticsearchEngine().search(query)


def facet_counts(results, key):
    return {value.label: value.count for value in results.facets[key]}


def test_over_the_bound_counts_are_estimates_and_say_so(network, tea, tiny_bound):
    results = search(network, "province", "chè")
    assert results.count_estimated
    assert results.count == 7  # the "sample" is the whole (small) index here
    assert facet_counts(results, "doc_type") == {"Thông báo": 4, "Kế hoạch": 2}
    assert facet_counts(results, "year")["2024"] == 2
    assert len(results.hits) == 7


def test_under_the_bound_counts_are_exact_even_when_sampling(network, tea, tiny_bound, sampled):
    results = search(network, "district_b", "chè", scope="portal")
    assert (results.count, results.count_estimated) == (2, False)
    assert sorted(titles(results)) == ["Chè Sông Xanh", "Chè xuất khẩu"]
    assert facet_counts(results, "doc_type") == {"Kế hoạch": 1, "Thông báo": 1}
    assert facet_counts(results, "unit") == {network.unit("district_b").name: 2}


def test_sampled_estimates_stay_in_the_scope(network, tea, tiny_bound, sampled):
    results = search(network, "district_a", "chè", scope="portal")
    assert results.count_estimated and results.count >= 3  # never below the bound
    assert set(facet_counts(results, "unit")) <= {network.unit("district_a").name}
    assert "Chè Sông Xanh" not in titles(results)
    assert len(results.hits) == 5  # the page itself is never sampled


def test_without_a_bound_in_reach_everything_is_exact(network, tea):
    results = search(network, "province", "chè", doc_types=("Kế hoạch",))
    assert (results.count, results.count_estimated) == (2, False)
    assert facet_counts(results, "unit") == {
        network.unit("district_a").name: 1,
        network.unit("district_b").name: 1,
    }


def test_filtered_queries_under_the_bound_count_exactly_while_sampling(
    network, tea, tiny_bound, sampled
):
    results = search(network, "province", "chè", doc_types=("Kế hoạch",))
    assert (results.count, results.count_estimated) == (2, False)
    assert facet_counts(results, "unit") == {
        network.unit("district_a").name: 1,
        network.unit("district_b").name: 1,
    }
    results = search(network, "province", "chè 374-TB/HU")
    assert (results.count, results.count_estimated) == (1, False)
    assert titles(results) == ["Kết luận về chè"]
