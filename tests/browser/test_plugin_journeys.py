"""Journeys through the plugins, in a real Chromium: network and unit administrators turn
modules on, editors publish with them, citizens see the result across the network.

They run in a small province of their own (committed, fresh codes), so the modules they
turn on never reach the session network the other tests rely on.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from portal.accounts import roles
from portal.tenancy.models import Unit
from portal.tenancy.provisioning import UnitSpec, provision
from tests.browser.conftest import assert_page_healthy, sign_in
from tests.browser.units import remove_committed_units
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@dataclass
class JourneyProvince:
    units: dict[str, Unit]
    domains: dict[str, str]
    commune_admin: str

    def schema(self, key: str) -> str:
        return self.units[key].schema_name


@pytest.fixture(scope="module")
def journey(network, django_db_blocker):
    """A province, one district and one commune under it, and the commune's administrator."""
    token = secrets.token_hex(3)
    specs = [
        ("province", f"Tỉnh Hành Trình {token.upper()}", f"HT{token}", "province", None),
        ("district", f"Huyện Hành Trình {token.upper()}", f"HT{token}-H", "district", "province"),
        ("commune", f"Xã Hành Trình {token.upper()}", f"HT{token}-X", "commune", "district"),
    ]
    units, domains, codes = {}, {}, {}
    with django_db_blocker.unblock():
        for key, name, code, level, parent in specs:
            domain = f"ht-{key}-{token}.test.localhost"
            result = provision(UnitSpec(name, code, level, [domain], parent_code=codes.get(parent)))
            units[key], domains[key], codes[key] = result.unit, domain, code
        username = f"quantri-xa-{token}"
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.vn", password=PASSWORD
        )
        with schema_context(units["commune"].schema_name):
            roles.grant(user, roles.SITE_ADMIN)
        connection.set_schema_to_public()
    yield JourneyProvince(units, domains, username)
    with django_db_blocker.unblock():
        remove_committed_units(units["province"])


def network_screen(page, url, journey, plugin: str, action: str, root: str, descendants: bool):
    """As the signed-in network administrator, apply `action` to `plugin` from the screen."""
    page.goto(url(journey.domains["province"], "/admin/plugins/network/"))
    page.get_by_label("Mô-đun").select_option(label=plugin)
    page.get_by_label("Thao tác").select_option(action)
    page.get_by_label(re.compile(r"^\s*Đơn vị")).select_option(str(journey.units[root].pk))
    if descendants:
        page.get_by_label("Cả các đơn vị trực thuộc").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Áp dụng").click()


def set_slug(page, slug: str):
    """The slug sits on the editor's "Promote" tab: set it without switching tabs."""
    page.locator("#id_slug").evaluate("(field, slug) => { field.value = slug; }", slug)


def publish(page):
    """Press the editor's Publish action (it sits in the footer's dropdown)."""
    with page.expect_navigation():
        page.locator('button[name="action-publish"]').evaluate("button => button.click()")
    expect(page.locator(".messages")).to_contain_text(re.compile("xuất bản|published", re.I))


def test_network_admin_turns_on_video_briefs_and_a_district_brief_reaches_the_province(
    journey, page, url
):
    from plugins.video_briefs.models import VideoArchivePage

    sign_in(page, url, journey.domains["province"], "network-admin")
    network_screen(page, url, journey, "Điểm tin video", "enable", "province", descendants=True)
    expect(page.locator(".messages")).to_contain_text("đã thay đổi 2 đơn vị")
    expect(page.locator(".refused")).to_contain_text(journey.units["commune"].name)

    district = journey.domains["district"]
    sign_in(page, url, district, "network-admin")
    with schema_context(journey.schema("district")):
        archive_id = VideoArchivePage.objects.get().pk
    page.goto(url(district, f"/admin/pages/add/plugin_video_briefs/videobriefpage/{archive_id}/"))
    page.locator("#id_title").fill("Điểm tin tháng Chín")
    set_slug(page, "diem-tin-thang-chin")
    page.locator("#id_issue_number").fill("9")
    page.locator("#id_month").fill("9")
    page.locator("#id_year").fill("2025")
    page.locator("#id_embed_url").fill("https://truyenhinh.example.vn/diem-tin-9")
    page.locator("#id_captions").fill(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nMùa vàng trên ruộng bậc thang.\n"
    )
    publish(page)

    page.goto(url(district))
    block = page.locator(".video-brief-block")
    expect(block).to_contain_text("Điểm tin tháng Chín")
    with page.expect_navigation():
        block.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Điểm tin tháng Chín")
    expect(page.locator(".transcript")).to_contain_text("Mùa vàng trên ruộng bậc thang.")

    page.goto(url(journey.domains["province"], "/diem-tin-video/"))
    expect(page.locator(".network-briefs")).to_contain_text("Điểm tin tháng Chín")
    expect(page.locator(".network-briefs")).to_contain_text(journey.units["district"].name)
    assert page.goto(url(journey.domains["commune"], "/diem-tin-video/")).status == 404
    assert_page_healthy(page)


def test_commune_admin_turns_on_the_front_and_its_news_reaches_the_district(
    journey, page, url, portal_server, settings
):
    from plugins.mttq.models import OrganisationPage

    # Ledger URLs take the admin's scheme and port: here, the live server's.
    settings.WAGTAILADMIN_BASE_URL = f"http://localhost:{portal_server.port}"

    sign_in(page, url, journey.domains["province"], "network-admin")
    network_screen(page, url, journey, "Mặt trận và đoàn thể", "allow", "commune", False)
    network_screen(page, url, journey, "Mặt trận và đoàn thể", "enable", "district", False)

    commune = journey.domains["commune"]
    sign_in(page, url, commune, journey.commune_admin)
    page.goto(url(commune, "/admin/plugins/"))
    with page.expect_navigation():
        page.get_by_role("button", name="Bật Mặt trận và đoàn thể").click()
    expect(page.locator(".messages")).to_contain_text("Đã bật Mặt trận và đoàn thể")
    expect(page.get_by_role("button", name="Tắt Mặt trận và đoàn thể")).to_be_visible()

    with schema_context(journey.schema("commune")):
        front_id = OrganisationPage.objects.get(body="mttq").pk
    page.goto(url(commune, f"/admin/pages/add/plugin_mttq/organisationnewspage/{front_id}/"))
    page.locator("#id_title").fill("Ngày hội Đại đoàn kết toàn dân tộc")
    set_slug(page, "ngay-hoi-dai-doan-ket")
    page.locator("#id_lead").fill("Khu dân cư thôn Bản Mới tổ chức ngày hội.")
    publish(page)

    page.goto(url(journey.domains["district"], "/mat-tran-doan-the/mat-tran-to-quoc/"))
    news = page.locator(".network-news")
    expect(news).to_contain_text("Ngày hội Đại đoàn kết toàn dân tộc")
    expect(news).to_contain_text(journey.units["commune"].name)
    with page.expect_navigation():
        news.get_by_role("link", name="Ngày hội Đại đoàn kết toàn dân tộc").click()
    expect(page).to_have_url(re.compile(re.escape(commune)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ngày hội Đại đoàn kết toàn dân tộc")
    assert page.goto(url(journey.domains["province"], "/mat-tran-doan-the/")).status == 404
    assert_page_healthy(page)


def test_commune_reports_new_rural_progress_and_the_province_overview_shows_it(journey, page, url):
    from plugins.nong_thon_moi.models import RuralProgressPage

    sign_in(page, url, journey.domains["province"], "network-admin")
    network_screen(page, url, journey, "Nông thôn mới", "enable", "province", descendants=True)
    expect(page.locator(".messages")).to_contain_text("đã thay đổi 3 đơn vị")

    commune = journey.domains["commune"]
    sign_in(page, url, commune, journey.commune_admin)
    with schema_context(journey.schema("commune")):
        progress_id = RuralProgressPage.objects.get().pk
    page.goto(url(commune, f"/admin/pages/{progress_id}/edit/"))
    for index in range(3):
        page.locator(f'input[name="criteria-{index}-met"]').check(force=True)
    page.locator("#id_target").fill("Đạt chuẩn nông thôn mới năm 2026.")
    publish(page)

    page.goto(url(commune, "/nong-thon-moi/"))
    expect(page.locator(".ntm-count")).to_contain_text("Đã đạt 3/19 tiêu chí")
    page.goto(url(journey.domains["province"], "/nong-thon-moi/"))
    row = page.locator(".ntm-overview tr", has_text=journey.units["commune"].name)
    expect(row).to_contain_text("3/19")
    page.goto(url(journey.domains["province"]))
    expect(page.locator(".ntm-block")).to_contain_text("0/1 xã đạt chuẩn")
    assert_page_healthy(page)
