"""Typing slips (`search.spelling`): a query that finds nothing is searched again corrected,
on every engine; the page offers the corrected query."""

from __future__ import annotations

import pytest

from search.query import SearchQuery
from search.spelling import one_edit_away, search_with_corrections
from tests.conftest import client_for

from .corpus import publish, titles

pytestmark = pytest.mark.django_db


def run(engine, text, unit):
    """As the page and the API search: corrected when the query as typed finds nothing."""
    query = SearchQuery(text=text, scope="subtree", unit_id=unit.pk)
    return search_with_corrections(engine.engine, query, engine.engine.search(query))


VIETTEL = "Hợp đồng dịch vụ viễn thông với Viettel"


def test_one_edit_away_spells_out_missing_doubled_swapped_and_wrong_letters():
    variants = one_edit_away("vietel")
    assert {"viettel", "vietl", "vitel", "vietal", "vieetl"} <= variants
    assert "vietel" not in variants
    assert not any(word[0] != "v" for word in variants)  # the first letter is kept


@pytest.mark.parametrize("typed", ["Vietel", "viettell", "Vitetel", "vietttel", "hợp đồng Vietel"])
def test_one_slip_still_finds_the_row(engine, units, typed):
    publish(units["district_a"], VIETTEL, body_text="Viettel lắp đặt đường truyền.")
    publish(units["district_b"], "Kế hoạch viết tin bài", body_text="Viết tin, viết bài.")
    engine.sync()
    results = run(engine, typed, units["province"])
    assert titles(results) == [VIETTEL], typed
    assert "viettel" in results.corrected


def test_a_wrong_tone_mark_needs_no_correction(engine, units):
    publish(units["district_a"], VIETTEL)
    engine.sync()
    results = run(engine, "hớp đống dịch vụ", units["province"])
    assert titles(results) == [VIETTEL]
    assert results.corrected == ""


def test_rows_holding_the_words_as_typed_are_never_drowned_by_corrections(engine, units):
    publish(units["district_a"], VIETTEL)
    publish(units["district_b"], "Ý kiến của Vietel về bưu chính")
    engine.sync()
    results = run(engine, "vietel", units["province"])
    assert titles(results) == ["Ý kiến của Vietel về bưu chính"]
    assert results.corrected == ""


def test_nothing_near_stays_nothing(engine, units):
    publish(units["district_a"], VIETTEL)
    engine.sync()
    results = run(engine, "xqzwk", units["province"])
    assert (results.count, results.corrected) == (0, "")


def test_the_page_offers_the_corrected_query(network, units):
    publish(units["province"], VIETTEL)
    response = client_for(network, "province").get("/tim-kiem/", {"q": "Vietel"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không tìm thấy “Vietel”." in html
    assert 'Bạn có muốn tìm <a href="?q=viettel">viettel</a>?' in html
    assert VIETTEL in html
    api = client_for(network, "province").get("/api/search/", {"q": "Vietel"}).json()
    assert api["corrected"] == "viettel"
    assert [hit["title"] for hit in api["results"]] == [VIETTEL]
