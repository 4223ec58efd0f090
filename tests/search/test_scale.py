"""When a query matches more rows than are counted exactly: estimated counts, bounded ranking.

The bounds are settings; here they are tiny, so a handful of rows is "a huge
share". The test database is small, so the estimating sample covers every
row: the estimates must then equal the exact figures.
"""

from __future__ import annotations

import datetime

import pytest

from search.engines import engine_named
from search.query import SearchQuery
from tests.conftest import client_for

from .corpus import publish, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def tea(network):
    """Five rows about tea in district A (one with the words side by side), two in district B."""
    a, b = network.unit("district_a"), network.unit("district_b")
    rows = [
        publish(a, "Chè và vùng nguyên liệu", summary="Nguyên liệu cho nhà máy chè."),
        publish(a, "Vùng chè nguyên liệu Shan tuyết", doc_type="Kế hoạch"),
        publish(a, "Thông báo về giá chè", issued=datetime.date(2024, 3, 1)),
        publish(a, "Hội thi pha chè", kind="article"),
        publish(a, "Kết luận về chè", doc_number="374-TB/HU"),
        publish(b, "Chè Sông Xanh", doc_type="Kế hoạch"),
        publish(b, "Chè xuất khẩu", issued=datetime.date(2024, 3, 1)),
    ]
    return rows


@pytest.fixture
def tiny_bounds(settings):
    settings.PORTAL_SEARCH_EXACT_COUNT_LIMIT = 2
    settings.PORTAL_SEARCH_RANK_CANDIDATES = 1


def search(network, unit_key, text, scope="subtree", **filters):
    query = SearchQuery(text=text, scope=scope, unit_id=network.unit(unit_key).pk, **filters)
    return engine_named("postgres").search(query)


def facet_counts(results, key):
    return {value.label: value.count for value in results.facets[key]}


def test_over_the_bound_counts_are_estimates_and_say_so(network, tea, tiny_bounds):
    results = search(network, "province", "chè")
    assert results.count_estimated
    assert results.count == 7  # the sample is the whole (small) table here
    assert facet_counts(results, "doc_type") == {"Thông báo": 4, "Kế hoạch": 2}
    assert {value.value: value.count for value in results.facets["kind"]} == {
        "document": 6,
        "article": 1,
    }
    assert facet_counts(results, "year")["2024"] == 2
    data = (
        client_for(network, "province").get("/api/search/", {"q": "chè", "scope": "subtree"}).json()
    )
    assert (data["count"], data["count_estimated"]) == (7, True)
    page = client_for(network, "province").get("/tim-kiem/", {"q": "chè", "scope": "subtree"})
    assert "Khoảng 7 kết quả" in page.content.decode()


def test_under_the_bound_counts_are_exact(network, tea, tiny_bounds):
    results = search(network, "district_b", "chè", scope="portal")
    assert (results.count, results.count_estimated) == (2, False)
    assert sorted(titles(results)) == ["Chè Sông Xanh", "Chè xuất khẩu"]


def test_a_document_number_comes_first_even_outside_the_candidates(network, tea, tiny_bounds):
    # A page of one: one candidate from the index, plus the document-number match.
    results = search(network, "province", "chè 374-TB/HU", page_size=1)
    assert titles(results) == ["Kết luận về chè"]


def test_estimates_never_reach_into_other_portals(network, tea, tiny_bounds):
    results = search(network, "district_a", "chè", scope="portal")
    assert results.count_estimated and results.count == 5
    assert facet_counts(results, "unit") == {network.unit("district_a").name: 5}
    assert "Chè Sông Xanh" not in titles(results)


def test_filters_are_applied_in_the_index_as_on_the_columns(network, tea):
    results = search(network, "province", "chè", doc_types=("Kế hoạch",))
    assert sorted(titles(results)) == ["Chè Sông Xanh", "Vùng chè nguyên liệu Shan tuyết"]
    results = search(network, "province", "chè", years=(2024,), kinds=("document",))
    assert sorted(titles(results)) == ["Chè xuất khẩu", "Thông báo về giá chè"]
    results = search(network, "district_b", "chè", years=(2024,), scope="portal")
    assert titles(results) == ["Chè xuất khẩu"]
    assert search(network, "district_a", "", scope="portal", years=(2024,)).count == 1
