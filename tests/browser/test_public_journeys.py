"""A citizen's journeys through the public theme in Chromium, on a phone (390 px, the menu
behind its button) and on a desktop (1366 px, sub-sections in drop-downs): every main menu
entry from the home page and back, and the feedback form from a mistake to its confirmation.
(The album lightbox: test_album_journey.py; the menu without scripts: test_theme_look.py.)"""

from __future__ import annotations

import re
import secrets

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from portal.feedback.models import Feedback
from tests.browser.conftest import assert_page_healthy

# The feedback journey reads what the live server committed outside a test transaction,
# so that it can delete it for good afterwards (the feedback suite expects none).
pytestmark = [pytest.mark.browser]

WIDTHS = [390, 1366]
CODE = re.compile(r"GY-[2-9A-Z]{5}-[2-9A-Z]{5}")


def open_menu_if_folded(page, width: int):
    """On a phone the menu opens with its button; on a desktop it is always shown."""
    if width < 900:
        button = page.get_by_role("link", name="Danh mục", exact=True)
        if button.is_visible():  # back from an entry, the page is at #menu: already open
            button.click()
        expect(page.get_by_role("link", name="Đóng danh mục")).to_be_visible()


def menu_entries(page) -> list[tuple[str, str, str | None]]:
    """(title, address, title of its drop-down's parent or None) of every menu entry."""
    entries = []
    for item in page.locator("nav.site-nav .menu > li").all():
        top = item.locator("> a.menu-link")
        title, href = top.inner_text().strip(), top.get_attribute("href")
        entries.append((title, href, None))
        for sub in item.locator(".submenu a").all():
            entries.append((sub.inner_text().strip(), sub.get_attribute("href"), title))
    return entries


@pytest.mark.django_db
@pytest.mark.parametrize("width", WIDTHS)
def test_every_menu_entry_from_the_home_page_and_back(network, page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    home = url(network.domains["province"])
    page.goto(home)
    entries = menu_entries(page)
    titles = [title for title, _, _ in entries]
    assert titles[:5] == ["Trang chủ", "Tin tức - Sự kiện", "Văn bản", "Giới thiệu", "Liên hệ"]
    navigation = page.get_by_role("navigation", name="Chuyên mục chính")
    for title, href, parent in entries[1:]:
        open_menu_if_folded(page, width)
        if parent is not None and width >= 900:  # a drop-down opens on hover
            navigation.locator(".menu > li", has=page.locator(f'> a:text-is("{parent}")')).hover()
        link = navigation.get_by_role("link", name=title, exact=True)
        expect(link).to_be_visible()
        with page.expect_navigation() as navigation_info:
            link.click()
        assert navigation_info.value.status == 200, f"{title} ({href}): {navigation_info.value}"
        expect(page).to_have_url(url(network.domains["province"], href))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        # The menu is there and marks where the visitor is: the entry, or its section.
        current = navigation.locator('.menu-link[aria-current], .submenu a[aria-current="page"]')
        expect(current.first).to_be_attached()
        marked = parent or title
        expect(navigation.locator(".menu > li.is-current > a.menu-link")).to_have_text(marked)
        page.go_back()
        expect(page).to_have_url(re.compile(re.escape(home) + "(#menu)?$"))
        expect(navigation.locator('.menu-link[aria-current="page"]')).to_have_text("Trang chủ")
    assert_page_healthy(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_feedback_form_shows_errors_by_the_fields_then_confirms(
    network, page, url, width, settings, request, django_db_blocker
):
    settings.PORTAL_FEEDBACK_MIN_FILL_SECONDS = 1
    settings.PORTAL_FEEDBACK_SENDER_LIMIT = (50, 600)  # both widths and other journeys
    domain = network.domains["district_a"]
    schema = network.units["district_a"].schema_name
    subject = f"Đèn đường thôn 3 không sáng {secrets.token_hex(3)}"

    def forget_the_submission():
        with django_db_blocker.unblock(), schema_context(schema):
            Feedback.objects.filter(subject=subject).delete()

    request.addfinalizer(forget_the_submission)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(url(domain))
    page.get_by_role("contentinfo").get_by_role("link", name="Góp ý, phản ánh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi góp ý, phản ánh")
    expect(page.get_by_role("navigation", name="Chuyên mục chính")).to_be_attached()
    # Mistakes: blanks only in the required fields, no way to reach the sender.
    page.get_by_label("Họ và tên").fill("   ")
    page.get_by_label("Tiêu đề").fill(subject)
    page.get_by_label("Nội dung").fill("  ")
    page.wait_for_timeout(1200)  # longer than the minimum fill time
    with page.expect_navigation() as refused:
        page.get_by_role("button", name="Gửi góp ý").click()
    assert refused.value.status == 400
    name_field = page.locator(".field", has=page.get_by_label("Họ và tên"))
    expect(name_field.locator(".field-error")).to_contain_text("Trường này là bắt buộc")
    message_field = page.locator(".field", has=page.get_by_label("Nội dung"))
    expect(message_field.locator(".field-error")).to_contain_text("Trường này là bắt buộc")
    email_field = page.locator(".field", has=page.get_by_label("Thư điện tử"))
    expect(email_field.locator(".field-error")).to_contain_text("thư điện tử hoặc số điện thoại")
    subject_field = page.locator(".field", has=page.get_by_label("Tiêu đề"))
    expect(subject_field.locator(".field-error")).to_have_count(0)
    expect(page.get_by_label("Tiêu đề")).to_have_value(subject)  # nothing typed is lost
    expect(page.locator("#id_website")).to_be_hidden()
    with django_db_blocker.unblock(), schema_context(schema):
        assert not Feedback.objects.filter(subject=subject).exists()

    page.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    page.get_by_label("Điện thoại", exact=True).fill("0912 345 678")
    page.get_by_label("Nội dung").fill("Ba cột đèn ở đầu thôn 3 tắt từ tuần trước.")
    page.wait_for_timeout(1200)
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Gửi góp ý").click()
    assert sent.value.status == 200
    code = page.locator(".tracking-code").inner_text()
    assert CODE.fullmatch(code), code
    expect(page.locator(".status")).to_have_text("Chờ xử lý")
    expect(page.get_by_role("navigation", name="Chuyên mục chính")).to_be_attached()
    with django_db_blocker.unblock(), schema_context(schema):
        saved = Feedback.objects.get(subject=subject)
    assert (saved.tracking_code, saved.sender_name) == (code, "Lê Thị Hoa")
    # The refused submission's 400 is the one console message; no asset or script failed.
    assert not page.problems.broken_assets and not page.problems.page_errors
