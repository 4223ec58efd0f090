"""The public theme: the portal's official name, today's date, the main menu on every
public page (one entry per subject), the Decree 42 footer, campaign banners and the
home page blocks each unit chooses and orders."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.theme.naming import portal_name, vietnamese_date
from sites.models import SectionPage
from tests.conftest import client_for
from tests.extensions.helpers import disable, enable, home_of, publish_child

from .helpers import theme_settings

pytestmark = pytest.mark.django_db


def menu_of(html: str) -> str:
    found = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert found, "no main menu on the page"
    return found.group(0)


def top_entries(menu: str) -> list[str]:
    """Titles of the menu's top-level entries (the drop-downs' entries left out)."""
    without_submenus = re.sub(r'<ul class="submenu">.*?</ul>', "", menu, flags=re.S)
    return re.findall(r'class="menu-link[^"]*" href="[^"]*"[^>]*>([^<]+)</a>', without_submenus)


def footer_of(html: str) -> str:
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def test_official_name_follows_the_level_or_the_units_choice():
    assert str(portal_name("Tỉnh Sơn Lâm", "province")) == (
        "CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH SƠN LÂM"
    )
    assert portal_name("Huyện Tam Giang", "district").owner == "ĐẢNG BỘ HUYỆN TAM GIANG"
    assert portal_name("Xã Đồng Xuân", "commune").owner == "ĐẢNG BỘ XÃ ĐỒNG XUÂN"
    assert portal_name("Đảng bộ Khối cơ quan", "agency").owner == "ĐẢNG BỘ KHỐI CƠ QUAN"
    chosen = portal_name("Tỉnh Sơn Lâm", "province", "Cổng thông tin điện tử Tỉnh ủy Sơn Lâm")
    assert str(chosen) == "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ỦY SƠN LÂM"


def test_dates_are_written_in_vietnamese():
    assert vietnamese_date(datetime.date(2026, 12, 7)) == "Thứ Hai, ngày 07/12/2026"
    assert vietnamese_date(datetime.date(2026, 12, 13)) == "Chủ Nhật, ngày 13/12/2026"
    assert vietnamese_date(datetime.date(2026, 12, 12)) == "Thứ Bảy, ngày 12/12/2026"


def test_header_shows_the_official_name_emblem_and_todays_date(network):
    html = client_for(network, "district_a").get("/").content.decode()
    assert '<span class="brand-kind">CỔNG THÔNG TIN ĐIỆN TỬ</span>' in html
    assert '<span class="brand-owner">ĐẢNG BỘ HUYỆN NÚI ĐỎ</span>' in html
    assert 'class="emblem" src="/static/portal_theme/emblem.svg"' in html
    today = timezone.localdate()
    assert f'<time datetime="{today:%Y-%m-%d}">{vietnamese_date(today)}</time>' in html
    assert 'class="masthead-art"' in html  # the default artwork: no banner uploaded
    commune = client_for(network, "commune_a").get("/").content.decode()
    assert '<span class="brand-owner">ĐẢNG BỘ XÃ ĐỒNG TÂM</span>' in commune


def test_main_menu_on_every_public_page(network):
    client = client_for(network, "province")
    with schema_context(network.units["province"].schema_name):
        section = SectionPage.objects.get(slug="tin-tuc-su-kien")
        sub = publish_child(
            section,
            SectionPage(title="Tin trong tỉnh", slug="tin-trong-tinh", show_in_menus=True),
        )
        sub_url = sub.url
    pages = {
        "/": 200,
        "/tin-tuc-su-kien/": 200,
        sub_url: 200,
        "/van-ban/": 200,
        "/tim-kiem/?q=ngh%E1%BB%8B+quy%E1%BA%BFt": 200,
        "/gop-y/": 200,
        "/gop-y/hoi-dap/": 200,
        "/gop-y/tra-cuu/": 200,
        "/khong-co-trang-nay/": 404,
    }
    for path, status in pages.items():
        response = client.get(path)
        assert response.status_code == status, path
        menu = menu_of(response.content.decode())
        assert top_entries(menu)[:3] == ["Trang chủ", "Tin tức - Sự kiện", "Văn bản"], path
        # the sub-section is a drop-down entry of its section
        assert f'<li><a href="{sub_url}"' in menu, path
    section_menu = menu_of(client.get(sub_url).content.decode())
    assert f'<a href="{sub_url}" aria-current="page">' in section_menu
    assert 'href="/tin-tuc-su-kien/" aria-current="true">' in section_menu


def test_the_front_module_nests_under_the_matching_section_not_beside_it(network):
    with schema_context(network.units["district_b"].schema_name):
        publish_child(
            home_of(network, "district_b"),
            SectionPage(title="Dân vận - Mặt trận", slug="dan-van", show_in_menus=True),
        )
    enable(network, "district_b", "plugin_mttq")
    try:
        menu = menu_of(client_for(network, "district_b").get("/").content.decode())
        entries = top_entries(menu)
        assert entries.count("Dân vận - Mặt trận") == 1
        assert "Mặt trận và đoàn thể" not in entries
        dan_van = re.search(r'href="/dan-van/".*?</li>\s*</ul>', menu, re.S).group(0)
        assert dan_van.count(">Mặt trận và đoàn thể</a>") == 1
        # On the module's page, the section it nests under is the highlighted entry.
        front = client_for(network, "district_b").get("/mat-tran-doan-the/")
        assert front.status_code == 200
        front_menu = menu_of(front.content.decode())
        assert 'href="/dan-van/" aria-current="true">' in front_menu
        assert '<a href="/mat-tran-doan-the/" aria-current="page">' in front_menu
        assert re.search(
            r'<li class="[^"]*is-current">\s*<a class="menu-link" href="/dan-van/"', front_menu
        )
        # Without a matching section the module keeps its own top-level entry.
        enable(network, "district_a", "plugin_mttq")
        other = top_entries(menu_of(client_for(network, "district_a").get("/").content.decode()))
        assert other.count("Mặt trận và đoàn thể") == 1
    finally:
        disable(network, "district_b", "plugin_mttq")
        disable(network, "district_a", "plugin_mttq")
    after = menu_of(client_for(network, "district_b").get("/").content.decode())
    assert "Mặt trận và đoàn thể" not in after


def test_footer_carries_what_decree_42_asks(network):
    with schema_context(network.units["district_a"].schema_name):
        theme_settings(
            governing_body="Huyện ủy Núi Đỏ",
            responsible_person="Ông Trần Văn Bình, Phó Bí thư Huyện ủy",
            licence_number="Giấy phép số 12/GP-STTTT ngày 01/02/2026",
            contact_address="Số 1 đường Hùng Vương",
            contact_phone="0200 3800 111",
            contact_email="vanphong@nuido.test",
        )
    footer = footer_of(client_for(network, "district_a").get("/tin-tuc-su-kien/").content.decode())
    for label, value in (
        ("Cơ quan chủ quản", "Huyện ủy Núi Đỏ"),
        ("Người chịu trách nhiệm chính", "Ông Trần Văn Bình, Phó Bí thư Huyện ủy"),
        ("Giấy phép", "Giấy phép số 12/GP-STTTT ngày 01/02/2026"),
        ("Địa chỉ", "Số 1 đường Hùng Vương"),
    ):
        assert f"<dt>{label}:</dt> <dd>{value}</dd>" in footer
    assert 'href="tel:02003800111"' in footer and 'href="mailto:vanphong@nuido.test"' in footer
    assert (
        "Ghi rõ nguồn “CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ HUYỆN NÚI ĐỎ” khi phát hành lại "
        "thông tin từ website này." in footer
    )
    assert 'href="http://tinh.test.localhost/"' in footer  # the network's other portals
    # A unit without a licence shows no empty licence line.
    other = footer_of(client_for(network, "district_b").get("/").content.decode())
    assert "Giấy phép" not in other and "Ghi rõ nguồn" in other


def test_campaign_banners_and_the_units_block_order(network):
    with schema_context(network.units["commune_a"].schema_name):
        theme_settings(
            campaign_banners=[
                (
                    "banner",
                    {
                        "title": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                        "url": "https://example.org/hoc-tap",
                        "image": None,
                    },
                )
            ],
            home_blocks=[("block", "documents"), ("block", "campaigns"), ("block", "network")],
        )
    html = client_for(network, "commune_a").get("/").content.decode()
    assert (
        '<a class="campaign" href="https://example.org/hoc-tap">Học tập và làm theo tư tưởng, '
        "đạo đức, phong cách Hồ Chí Minh</a>" in html
    )
    main = html.index('class="home-main"')
    aside = html.index('class="home-aside"')
    assert main < html.index('class="campaigns"') < aside  # campaigns: the main column
    assert aside < html.index('id="documents-heading"') < html.index('id="network-links-heading"')
    for left_out in ('class="headline-list"', 'class="latest-strip"', 'class="section-block"'):
        assert left_out not in html
    with schema_context(network.units["commune_a"].schema_name):
        theme_settings(home_blocks=[("block", "network"), ("block", "documents")])
    reordered = client_for(network, "commune_a").get("/").content.decode()
    assert reordered.index('id="network-links-heading"') < reordered.index('id="documents-heading"')
    assert 'class="campaigns"' not in reordered
