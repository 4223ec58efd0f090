"""The public theme in Chromium: the feedback form's spam trap is never visible, the
phone menu opens without scripts."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import assert_page_healthy


def test_spam_trap_is_never_visible_nor_reachable(network, page, url):
    page.goto(url(network.domains["province"], "/gop-y/"))
    trap = page.locator("#id_website")
    expect(trap).to_have_count(1)
    expect(trap).to_be_hidden()
    expect(page.get_by_text("Để trống ô này")).to_be_hidden()
    assert trap.get_attribute("tabindex") == "-1"
    assert page.locator(".honeypot").get_attribute("aria-hidden") == "true"
    # Every labelled field a person fills in is visible.
    expect(page.get_by_label("Tiêu đề")).to_be_visible()
    assert_page_healthy(page)


def test_phone_menu_opens_without_scripts(network, browser, portal_server):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    try:
        phone = context.new_page()
        phone.goto(portal_server.url(network.domains["province"], "/"))
        menu_link = phone.locator(".menu .menu-link", has_text="Văn bản")
        expect(menu_link).to_be_hidden()
        phone.get_by_role("link", name="Danh mục").click()
        expect(menu_link).to_be_visible()
        menu_link.click()
        expect(phone).to_have_url(portal_server.url(network.domains["province"], "/van-ban/"))
        expect(phone.locator('.menu-link[aria-current="page"]')).to_have_text("Văn bản")
    finally:
        context.close()
