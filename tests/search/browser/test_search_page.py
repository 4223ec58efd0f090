"""The search page in a real Chromium: searching from a portal's box, results, accessibility
(axe)."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from portal.publications.models import Publication
from tests.browser.conftest import assert_page_healthy
from tests.search.corpus import publish


@pytest.fixture
def committed_rows(network, django_db_blocker):
    """Ledger rows the live server can see (committed), removed afterwards."""
    with django_db_blocker.unblock():
        rows = [
            publish(
                network.unit("district_a"),
                "Thông báo kết luận hội nghị trực tuyến về chuyển đổi số",
                doc_number="901-TB/HU",
                doc_type="Thông báo",
                issuer="Ban Thường vụ Huyện ủy Núi Đỏ",
                issued=datetime.date(2025, 9, 1),
                summary="Kết luận về chuyển đổi số trong cơ quan Đảng.",
            ),
            publish(
                network.unit("commune_a"),
                "Xã Đồng Tâm triển khai chuyển đổi số",
                kind="article",
                summary="Người dân được hướng dẫn dùng dịch vụ công trực tuyến.",
            ),
        ]
    yield rows
    with django_db_blocker.unblock():
        Publication.objects.filter(pk__in=[row.pk for row in rows]).delete()


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    return serious, results


def test_searching_from_the_portal_box_without_javascript(
    network, committed_rows, browser, portal_server
):
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(portal_server.url(network.domains["district_a"], "/"))
        box = tab.get_by_role("search", name="Tìm kiếm trên cổng")
        box.get_by_label("Từ khóa tìm kiếm").fill("chuyen doi so")
        with tab.expect_navigation():
            box.get_by_role("button", name="Tìm kiếm").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
        expect(tab.get_by_role("heading", level=2).first).to_contain_text("1 kết quả")
        expect(
            tab.get_by_role("link", name="Thông báo kết luận hội nghị trực tuyến về chuyển đổi số")
        ).to_be_visible()
        # Widening the scope to the units below finds the commune's article too.
        tab.get_by_label("Cổng này và các đơn vị trực thuộc").check()
        with tab.expect_navigation():
            tab.get_by_role("search", name="Tìm kiếm văn bản và tin bài").get_by_role(
                "button"
            ).click()
        expect(tab.get_by_role("heading", level=2).first).to_contain_text("2 kết quả")
        expect(tab.locator(".search-snippet mark").first).to_have_text("chuyển")
    finally:
        context.close()


def test_results_and_no_results_pages_are_accessible(network, committed_rows, page, url):
    page.goto(
        url(
            network.domains["province"],
            "/tim-kiem/?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91&scope=subtree",
        )
    )
    expect(page.get_by_role("link", name="Xã Đồng Tâm triển khai chuyển đổi số")).to_be_visible()
    expect(page.get_by_role("complementary", name="Lọc kết quả")).to_be_visible()
    serious, results = serious_violations(page)
    assert not serious, results.generate_report()

    page.goto(
        url(network.domains["commune_b"], "/tim-kiem/?q=kh%C3%B4ng+c%C3%B3+g%C3%AC+c%E1%BA%A3")
    )
    expect(page.get_by_text("Không tìm thấy kết quả phù hợp")).to_be_visible()
    serious, results = serious_violations(page)
    assert not serious, results.generate_report()

    page.goto(url(network.domains["commune_b"], "/tim-kiem/?q=" + "x" * 300))
    expect(page.get_by_role("alert")).to_contain_text("Từ khóa quá dài")
    serious, results = serious_violations(page)
    assert not serious, results.generate_report()
    assert_page_healthy(page)


def test_suggestions_as_you_type(network, committed_rows, page, url):  # noqa: F811
    """An accessible combobox: a listbox of the portal's rows, arrows, Enter opens the row."""
    page.goto(url(network.domains["district_a"], "/"))
    box = page.get_by_role("search", name="Tìm kiếm trên cổng").get_by_role("combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("thong bao ket", delay=30)
    listbox = page.get_by_role("listbox", name="Gợi ý tìm kiếm")
    option = listbox.get_by_role("option")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("901-TB/HU Thông báo kết luận hội nghị trực tuyến")
    expect(box).to_have_attribute("aria-expanded", "true")
    serious, results = serious_violations(page)
    assert not serious, results.generate_report()
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    # The row's address (its unit's https host) answered here: Enter opens the chosen row.
    target = committed_rows[0].url
    page.route(target, lambda route: route.fulfill(body="ok", content_type="text/plain"))
    with page.expect_navigation():
        box.press("Enter")
    assert page.url == target
