"""Queries whose every word is common: candidates read in table order, not from the words' index.

The statistics come from ANALYZE, run inside each test's transaction (its
results are rolled back with it). The bounds are tiny, so a few dozen rows
are "a large share" of the table.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from search.engines import engine_named
from search.postgres import counting, statistics
from search.query import SearchQuery

from .corpus import publish, titles

pytestmark = pytest.mark.django_db

# Settings the streamed read changes for one statement, and their defaults.
PLANNER_DEFAULTS = {
    "enable_bitmapscan": "on",
    "enable_indexscan": "on",
    "synchronize_seqscans": "on",
}


@pytest.fixture
def tea_everywhere(network, settings):
    """Forty rows about tea in district A, twenty in district B, one about lotus; analysed."""
    settings.PORTAL_SEARCH_EXACT_COUNT_LIMIT = 2
    settings.PORTAL_SEARCH_RANK_CANDIDATES = 3
    a, b = network.unit("district_a"), network.unit("district_b")
    for number in range(40):
        publish(a, f"Chè vùng {number} của huyện A", summary="Chè nguyên liệu.")
    for number in range(20):
        publish(b, f"Chè xuất khẩu lô {number}")
    publish(a, "Vùng sen của huyện A")
    publish(a, "Chè Shan tuyết", doc_number="374-TB/HU")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_search_searchentry")


def search(network, unit_key, text, scope="subtree", **filters):
    query = SearchQuery(text=text, scope=scope, unit_id=network.unit(unit_key).pk, **filters)
    return engine_named("postgres").search(query)


class StatementLog:
    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)

    def streamed(self) -> bool:
        return any("set_config" in sql for sql in self.statements)

    def ran(self, fragment: str) -> bool:
        return any(fragment in sql for sql in self.statements)


def logged_search(*args, **kwargs):
    log = StatementLog()
    with connection.execute_wrapper(log):
        results = search(*args, **kwargs)
    return results, log


def test_the_statistics_tell_a_common_word_from_a_rare_one(tea_everywhere):
    shares = statistics.shares(("che", "sen", "chuabaogiothay"), [])
    assert shares.known and shares.rows >= 62
    assert shares.words["che"] > 0.8
    assert shares.words["sen"] < 0.1
    # Not among the common elements: at most as common as the rarest kept.
    assert shares.words["chuabaogiothay"] <= shares.words["sen"]
    assert statistics.shares(("che",), []).expected > 0.8
    assert statistics.shares((), []).expected == 0


def test_without_statistics_every_word_goes_to_the_index():
    shares = statistics.Shares({"che": 0.9, "sen": 0.01}, filters=1.0, rows=1e6, known=False)
    assert shares.index_words() == ("che", "sen")
    assert shares.expected == 0


def test_words_go_to_the_index_rarest_first_until_few_rows_are_left():
    words = {"cong": 0.5, "tac": 0.01, "dan": 0.2, "van": 0.3}
    shares = statistics.Shares(words, filters=1.0, rows=1e6, known=True)
    assert shares.index_words() == ("tac", "dan")  # 10,000 rows, then 2,000
    assert statistics.Shares(words, filters=0.002, rows=1e6, known=True).index_words() == ("tac",)
    assert statistics.Shares(words, filters=0.001, rows=1e6, known=True).index_words() == ("tac",)


def test_common_words_checked_on_the_rows_find_what_the_index_finds(
    network, tea_everywhere, monkeypatch
):
    checked, log = logged_search(network, "province", "chè vùng huyện")
    assert log.ran("ts_match_vq")
    monkeypatch.setattr(statistics, "CHECKED_ROWS", 0)  # every word through the index
    from_index, log = logged_search(network, "province", "chè vùng huyện")
    assert not log.ran("ts_match_vq")
    assert checked.count == from_index.count == 40
    assert sorted(titles(checked)) == sorted(titles(from_index))
    assert checked.facets == from_index.facets


def test_a_sample_clearly_over_the_bound_reads_only_the_candidates(
    network, tea_everywhere, monkeypatch
):
    monkeypatch.setattr(counting, "STREAMED_SHARE", 2.0)  # never streams
    results, log = logged_search(network, "province", "chè", page_size=5)
    assert not log.streamed()
    assert not log.ran("LIMIT %(count_limit)s")  # no bounded counting pass
    assert (results.count, results.count_estimated) == (61, True)  # the sample is the whole table
    assert len(results.hits) == 5
    monkeypatch.setattr(counting, "CLEARLY_OVER_MATCHES", 1000)
    results, log = logged_search(network, "province", "chè", page_size=5)
    assert log.ran("LIMIT %(count_limit)s")
    assert (results.count, results.count_estimated) == (61, True)


def test_common_words_are_streamed_and_find_what_the_index_finds(
    network, tea_everywhere, monkeypatch
):
    streamed, log = logged_search(network, "province", "chè")
    assert log.streamed()
    assert streamed.count_estimated and streamed.count == 61
    assert len(streamed.hits) == 20 and all("Chè" in title for title in titles(streamed))
    monkeypatch.setattr(counting, "STREAMED_SHARE", 2.0)  # never streams
    from_index, log = logged_search(network, "province", "chè")
    assert not log.streamed()
    assert (from_index.count, from_index.count_estimated) == (streamed.count, True)
    assert from_index.facets == streamed.facets


def test_a_repeated_streamed_query_answers_the_same(network, tea_everywhere):
    first = search(network, "province", "chè", page_size=5)
    assert [hit.publication_id for hit in search(network, "province", "chè", page_size=5).hits] == [
        hit.publication_id for hit in first.hits
    ]


def test_a_rare_word_beside_a_common_one_is_not_streamed(network, tea_everywhere):
    results, log = logged_search(network, "province", "chè sen")
    assert not log.streamed()
    assert (results.count, results.count_estimated) == (0, False)
    results, log = logged_search(network, "province", "sen")
    assert not log.streamed()
    assert titles(results) == ["Vùng sen của huyện A"]


def test_a_page_read_by_date_needs_no_candidates(network, tea_everywhere):
    results, log = logged_search(network, "province", "chè", sort="date")
    assert not log.streamed()
    assert results.count_estimated and len(results.hits) == 20


def test_streamed_candidates_never_reach_into_other_portals(network, tea_everywhere):
    results, log = logged_search(network, "district_b", "chè", scope="portal")
    assert log.streamed()
    assert results.count == 20
    assert all(hit.unit_id == network.unit("district_b").pk for hit in results.hits)
    assert {value.label for value in results.facets["unit"]} == {network.unit("district_b").name}


def test_the_planner_settings_are_put_back_even_inside_a_transaction(network, tea_everywhere):
    with transaction.atomic():
        results, log = logged_search(network, "province", "chè")
        assert log.streamed() and results.hits
        with connection.cursor() as cursor:
            for name, default in PLANNER_DEFAULTS.items():
                cursor.execute(f"SHOW {name}")
                assert cursor.fetchone()[0] == default, name
