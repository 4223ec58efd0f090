"""A citizen opens an album photo in the lightbox, at phone and desktop widths, in Chromium."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tests.browser.conftest import assert_page_healthy
from tests.browser.units import provision_fresh_unit, remove_committed_units
from tests.sites.albums import album

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

CAPTIONS = ["Lễ chào cờ đầu tuần", "Hội nghị giao ban", "Trồng cây dọc tuyến đê"]


@pytest.fixture(scope="module")
def album_unit(network, django_db_blocker):
    """A committed commune with one published album (the live server must see it)."""
    with django_db_blocker.unblock():
        fresh = provision_fresh_unit(network.units["district_a"], "album", role_keys=())
        with schema_context(fresh.unit.schema_name):
            path = album("Album hành trình", CAPTIONS).url
    yield fresh.domain, path
    with django_db_blocker.unblock():
        remove_committed_units(fresh.unit)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_photo_opens_in_the_lightbox_and_closes(page, url, album_unit, width):
    domain, path = album_unit
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url(domain, path))
    assert response is not None and response.status == 200
    grid = page.locator(".album-grid")
    expect(grid.get_by_role("img")).to_have_count(3)

    grid.get_by_role("link").nth(1).click()
    assert page.url.endswith("#anh-2")
    box = page.locator("#anh-2")
    assert box.evaluate("element => element.matches(':target')")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Hội nghị giao ban")
    photo = box.locator("img")  # alt="": the caption beside it says what it shows
    photo.scroll_into_view_if_needed()
    page.wait_for_function(
        "image => image.complete && image.naturalWidth > 0", arg=photo.element_handle()
    )
    # The browser chose a size from the srcset suited to the width.
    assert photo.evaluate("image => image.currentSrc") != ""

    box.get_by_role("link", name="Ảnh sau").click()
    assert page.url.endswith("#anh-3")
    expect(page.locator("#anh-3")).to_contain_text("Trồng cây dọc tuyến đê")
    page.locator("#anh-3").get_by_role("link", name="Đóng").click()
    assert page.url.endswith("#album")
    assert not page.locator("#anh-3").evaluate("element => element.matches(':target')")
    assert_page_healthy(page)
