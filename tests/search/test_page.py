"""The search page on every portal: results, facets, pagination, no results, errors, search box."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from tests.conftest import client_for
from tests.publications.pages import news

from .corpus import publish

pytestmark = pytest.mark.django_db


def page(network, unit_key, **params):
    response = client_for(network, unit_key).get("/tim-kiem/", params)
    return response, response.content.decode()


def test_results_with_marks_facets_and_links(network, units):
    publish(
        units["district_a"],
        "Thông báo kết luận hội nghị <b>Ban Chấp hành</b>",
        doc_number="374-TB/HU",
        doc_type="Thông báo",
        summary="Kết luận của Ban Thường vụ.",
        issued=datetime.date(2025, 6, 2),
    )
    publish(units["district_b"], "Thông báo lịch tiếp công dân", doc_number="9-TB/HU")
    response, html = page(network, "province", q="thong bao ket luan", scope="subtree")
    assert response.status_code == 200
    assert "1 kết quả cho “thong bao ket luan”" in html
    assert "Thông báo kết luận hội nghị &lt;b&gt;Ban Chấp hành&lt;/b&gt;" in html  # escaped title
    assert "<mark>Kết</mark> <mark>luận</mark>" in html
    assert "374-TB/HU" in html and "02/06/2025" in html
    assert 'href="http://huyen-a.test.localhost/van-ban/' in html  # on the request's scheme
    # A facet link adds its filter and keeps the query.
    facet_link = re.search(r'href="(\?[^"]*doc_type=Th%C3%B4ng\+b%C3%A1o[^"]*)"', html)
    assert facet_link and "q=thong+bao+ket+luan" in facet_link.group(1).replace("&amp;", "&")
    assert "Lọc kết quả" in html
    # Works without JavaScript: the only script is the suggestions' file, nothing inline.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/portal_search/suggest.js" defer>'
    ]


def test_a_search_box_on_every_portal_page(network, units):
    for key in ("province", "commune_b"):
        html = client_for(network, key).get("/").content.decode()
        assert 'role="search"' in html and 'action="/tim-kiem/"' in html and 'name="q"' in html


def test_no_results_page_helps(network, units):
    publish(units["district_b"], "Kế hoạch tổ chức lễ hội đua thuyền")
    response, html = page(network, "district_a", q="đua thuyền")
    assert response.status_code == 200
    assert "Không tìm thấy kết quả phù hợp" in html
    assert "scope=subtree" in html  # suggests a wider scope
    assert "gõ không dấu" in html
    # ... and the wider scope (network) finds it.
    _, html = page(network, "district_a", q="đua thuyền", scope="network")
    assert "Kế hoạch tổ chức lễ hội đua thuyền" in html


def test_pagination_links(network, units):
    for day in range(1, 24):
        publish(units["district_a"], f"Thông cáo số {day}", issued=datetime.date(2025, 2, day))
    response, html = page(network, "district_a", q="thông cáo", sort="date", page="2")
    assert response.status_code == 200
    assert "23 kết quả" in html
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert re.search(r'aria-current="page">2<', html)
    assert "Thông cáo số 3" in html and "Thông cáo số 23" not in html


def test_errors_are_explained_in_vietnamese(network, units):
    response, html = page(network, "district_a", q="x" * 500)
    assert response.status_code == 400
    assert 'role="alert"' in html and "Từ khóa quá dài" in html
    # The text typed is kept in the box so it can be corrected.
    assert 'value="' + "x" * 500 + '"' in html


def test_empty_query_lists_the_newest(network, units):
    publish(units["commune_a"], "Tin mới nhất của xã", kind="article")
    response, html = page(network, "commune_a")
    assert response.status_code == 200
    assert "Tin mới nhất của xã" in html


def test_the_example_number_is_one_the_portal_holds(network, units):
    publish(units["commune_a"], "Thông báo lịch trực", doc_number="18-TB/ĐU")
    publish(units["commune_a"], "Tin mới", kind="article")
    _, html = page(network, "commune_a")
    assert "ví dụ 18-TB/ĐU" in html
    _, html = page(network, "commune_b")  # holds no document: no example to give
    assert "ký hiệu văn bản, ví dụ" not in html
    assert "374-TB/HU" not in html


def test_a_repeated_search_reads_the_portals_chrome_from_the_cache(network, units):
    publish(units["district_a"], "Hội nghị tổng kết công tác dân vận")
    client = client_for(network, "district_a")
    client.get("/tim-kiem/", {"q": "dân vận"})
    with CaptureQueriesContext(connection) as again:
        repeated = client.get("/tim-kiem/", {"q": "dân vận"}).content.decode()
    assert "Hội nghị tổng kết công tác dân vận" in repeated and 'id="menu"' in repeated
    # The Site, the theme, the header, menu and footer and the results are kept: only the
    # example document number is read.
    assert len(again.captured_queries) <= 2, [query["sql"] for query in again]
    # Another district's search page, asked next, wears that district's chrome, not this one's.
    other = client_for(network, "district_b").get("/tim-kiem/", {"q": "dân vận"})
    footer = other.content.decode().split('id="footer-name">', 1)[1].split("<", 1)[0].upper()
    assert "SÔNG XANH" in footer and "NÚI ĐỎ" not in footer


def test_the_search_pages_menu_follows_a_renamed_section_at_once(network, units):
    client = client_for(network, "district_a")
    assert "Tin tức - Sự kiện" in client.get("/tim-kiem/").content.decode()
    with schema_context(units["district_a"].schema_name):
        section = news()
        section.title = "Tin tức nổi bật"
        section.save_revision().publish()
    html = client.get("/tim-kiem/").content.decode()
    menu = html[html.index('id="menu"') :]
    assert "Tin tức nổi bật" in menu and "Tin tức - Sự kiện" not in menu
    # No entry is marked as the current page: the search page is none of them.
    assert 'aria-current="page"' not in menu[: menu.index("</nav>")]
