"""Suggestions as people type (`search.suggest`): the portal's numbers and titles, on every
engine; the endpoint refuses nothing a visitor can type, and never shows another portal's rows."""

from __future__ import annotations

import pytest

from portal.publications.models import PublicationStatus
from search.suggest import LIMIT, suggestions
from tests.conftest import client_for

from .corpus import publish

pytestmark = pytest.mark.django_db


def suggested(engine, unit, text) -> list[str]:
    return [item.title for item in suggestions(engine.engine, unit.pk, text)]


def test_titles_and_numbers_of_the_portal_with_the_last_word_a_beginning(engine, units):
    district = units["district_a"]
    publish(district, "Thông báo kết luận hội nghị", doc_number="374-TB/HU")
    publish(district, "Kế hoạch chuyển đổi số", doc_number="12-KH/HU")
    publish(district, "Báo cáo tổng kết", body_text="Thông báo kết luận ở thân bài.")
    publish(units["district_b"], "Thông báo kết luận của huyện khác", doc_number="374-TB/HU")
    engine.sync()
    assert suggested(engine, district, "thong bao ket") == ["Thông báo kết luận hội nghị"]
    assert suggested(engine, district, "Thông báo kết l") == ["Thông báo kết luận hội nghị"]
    assert suggested(engine, district, "thong bao ket lu") == ["Thông báo kết luận hội nghị"]
    assert suggested(engine, district, "thong bao ket x") == []
    assert suggested(engine, district, "374") == ["Thông báo kết luận hội nghị"]
    assert suggested(engine, district, "374-TB/H") == ["Thông báo kết luận hội nghị"]
    assert suggested(engine, district, "chuyen doi s") == ["Kế hoạch chuyển đổi số"]
    assert suggested(engine, district, "khác") == []  # another portal's row
    assert suggested(engine, district, "thân bài") == []  # body words are not suggested


def test_withdrawn_rows_are_never_suggested(engine, units):
    row = publish(units["district_a"], "Quyết định khen thưởng tập thể")
    engine.sync()
    assert suggested(engine, units["district_a"], "khen thu") == ["Quyết định khen thưởng tập thể"]
    # A beginning of one letter after whole words (a filter, not the index, on PostgreSQL).
    assert suggested(engine, units["district_a"], "khen t") == ["Quyết định khen thưởng tập thể"]
    row.status = PublicationStatus.WITHDRAWN
    row.save()
    engine.sync()
    assert suggested(engine, units["district_a"], "khen thu") == []
    assert suggested(engine, units["district_a"], "khen t") == []


def test_at_most_a_few_newest_first(engine, units):
    for index in range(LIMIT + 3):
        publish(units["commune_a"], f"Tin hoạt động số {index:02d}")
    engine.sync()
    found = suggested(engine, units["commune_a"], "tin hoat")
    assert len(found) == LIMIT


@pytest.mark.parametrize(
    "typed", ["", "a", "%' OR 1=1 --", "!!!", "x" * 5000, "từ " * 40, ":*&|!<->"]
)
def test_the_endpoint_answers_any_input_without_error(network, units, typed):
    publish(units["province"], "Thông báo kết luận")
    response = client_for(network, "province").get("/api/search/suggest/", {"q": typed})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {"suggestions": []}


def test_a_nul_in_what_was_typed_is_a_clear_400(network, units):
    response = client_for(network, "province").get("/api/search/suggest/", {"q": "\x00\x00"})
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.json()["error"]


def test_the_endpoint_answers_with_titles_numbers_and_addresses(network, units):
    row = publish(units["province"], "Nghị quyết về phát triển du lịch", doc_number="05-NQ/TU")
    response = client_for(network, "province").get("/api/search/suggest/", {"q": "nghi quyet du"})
    assert response.json() == {
        "suggestions": [
            {"title": "Nghị quyết về phát triển du lịch", "url": row.url, "doc_number": "05-NQ/TU"}
        ]
    }
    other = client_for(network, "district_a").get("/api/search/suggest/", {"q": "nghi quyet du"})
    assert other.json() == {"suggestions": []}
