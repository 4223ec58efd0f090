"""A commune publishes and proposes, its district accepts, a citizen reads it on the district."""

from __future__ import annotations

import re
import secrets

import pytest
from django.db import connection
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from portal.accounts import roles
from portal.tenancy.provisioning import UnitSpec, provision
from tests.browser.conftest import assert_page_healthy, sign_in
from tests.browser.units import remove_committed_units
from tests.conftest import _make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def units(network, django_db_blocker):
    """A district and its commune of their own, committed (the live server must see them)."""
    token = secrets.token_hex(3)
    with django_db_blocker.unblock():
        district = provision(
            UnitSpec(
                f"Huyện Hành Trình {token}",
                f"TN-J{token}",
                "district",
                [f"huyen-j{token}.test.localhost"],
                parent_code=network.units["province"].code,
            )
        ).unit
        commune = provision(
            UnitSpec(
                f"Xã Hành Trình {token}",
                f"TN-J{token}-X",
                "commune",
                [f"xa-j{token}.test.localhost"],
                parent_code=district.code,
            )
        ).unit
        editors = {}
        for key, unit in (("district", district), ("commune", commune)):
            editors[key] = _make_user(f"journey-{key}-{token}")
            with schema_context(unit.schema_name):
                roles.grant(editors[key], roles.EDITOR)
        connection.set_schema_to_public()
    yield {
        "district": (district, f"huyen-j{token}.test.localhost", editors["district"].username),
        "commune": (commune, f"xa-j{token}.test.localhost", editors["commune"].username),
    }
    with django_db_blocker.unblock():
        remove_committed_units(district)


def test_commune_news_proposed_accepted_and_read_on_the_district_portal(units, page, url):
    district, district_host, district_editor = units["district"]
    commune, commune_host, commune_editor = units["commune"]
    title = f"Xã khánh thành nhà văn hóa {secrets.token_hex(2)}"

    # The commune's editor writes and publishes an article in the Wagtail editor.
    sign_in(page, url, commune_host, commune_editor)
    with schema_context(commune.schema_name):
        from wagtail.models import Page

        news_id = Page.objects.get(slug="tin-tuc-su-kien").pk
    connection.set_schema_to_public()
    page.goto(url(commune_host, f"/admin/pages/add/portal_sites/articlepage/{news_id}/"))
    page.locator("#id_title").fill(title)
    page.locator("#id_lead").fill("Nhà văn hóa mới phục vụ bà con trong xã.")
    # The slug (on the "Promote" tab) follows the title only once the editor's scripts
    # catch up, which a loaded machine delays: set it as an editor would.
    page.locator("#id_slug").evaluate(
        "(field, slug) => { field.value = slug; }", f"nha-van-hoa-{title[-4:]}"
    )
    with page.expect_navigation():
        page.locator('button[name="action-publish"]').evaluate("button => button.click()")
    expect(page.locator(".messages")).to_contain_text(title)

    # ... and proposes it to the district.
    page.goto(url(commune_host, "/admin/lien-thong/de-xuat/"))
    choice = page.get_by_label("Tin đề xuất").locator("option", has_text=title)
    page.get_by_label("Tin đề xuất").select_option(choice.get_attribute("value"))
    page.get_by_label("Lời nhắn").fill("Kính đề nghị Huyện đăng tin.")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đề xuất").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã gửi đề xuất lên {district.name}")
    expect(page.get_by_role("row", name=re.compile(re.escape(title)))).to_contain_text(
        "Chờ xem xét"
    )

    # The district's editor finds it in the queue and accepts it into the news section.
    sign_in(page, url, district_host, district_editor)
    page.goto(url(district_host, "/admin/lien-thong/de-xuat-tu-co-so/"))
    row = page.get_by_role("row", name=re.compile(re.escape(title)))
    expect(row).to_contain_text(commune.name)
    with page.expect_navigation():
        row.get_by_role("link", name="Xem xét").click()
    page.get_by_label("Đăng vào chuyên mục").select_option(label="Tin tức - Sự kiện")
    with page.expect_navigation():
        page.get_by_role("button", name="Tiếp nhận và đăng").click()
    expect(page.locator(".messages")).to_contain_text("Đã tiếp nhận tin")

    # A citizen (no session) reads it on the district portal, credited to the commune.
    citizen = page.context.browser.new_context(locale="vi-VN").new_page()
    response = citizen.goto(url(district_host, "/tin-tuc-su-kien/"))
    assert response.status == 200
    syndicated = citizen.get_by_role("region", name="Tin liên thông")
    expect(syndicated.get_by_role("link", name=title)).to_be_visible()
    expect(syndicated).to_contain_text(commune.name)
    with citizen.expect_navigation():
        syndicated.get_by_role("link", name=title).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(title)
    expect(citizen.get_by_text(f"Nguồn: {commune.name}")).to_be_visible()
    canonical = citizen.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical.startswith(f"http://{commune_host}") and "/tin-tuc-su-kien/" in canonical
    # The district's home page also lists it among its communes' news.
    citizen.goto(url(district_host, "/"))
    expect(citizen.get_by_role("region", name="Tin cơ sở")).to_contain_text(title)
    citizen.context.close()
    assert_page_healthy(page)
