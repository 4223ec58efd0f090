"""User journeys through a real Chromium, against the live server and the session's network."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from portal.tenancy.models import Unit
from tests.browser.conftest import assert_page_healthy, sign_in, submit_login_form
from tests.browser.units import remove_committed_units

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

DEFAULT_SECTIONS = ["Tin tức - Sự kiện", "Văn bản", "Giới thiệu", "Liên hệ"]
TRANSPARENT = "rgba(0, 0, 0, 0)"


def expect_portal_home(page, name: str):
    """The page is `name`'s home page: its title, heading, header and default navigation."""
    expect(page).to_have_title(re.compile(re.escape(name)))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    portal_name = f"CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ {name.upper()}"  # the header's official name
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("link", name=portal_name, exact=True)).to_be_visible()
    navigation = page.get_by_role("navigation", name="Chuyên mục chính")
    for section in ["Trang chủ", *DEFAULT_SECTIONS]:
        expect(navigation.get_by_role("link", name=section, exact=True)).to_be_visible()


def test_citizen_sees_each_portal_with_its_own_content(network, page, url):
    names = {key: network.units[key].name for key in ("district_a", "district_b")}
    for key, other in (("district_a", "district_b"), ("district_b", "district_a")):
        response = page.goto(url(network.domains[key]))
        assert response is not None and response.status == 200, (
            f"Home page of {network.domains[key]} answered {response and response.status}"
        )
        expect_portal_home(page, names[key])
        expect(page.locator("body")).not_to_contain_text(names[other])
        # The theme's CSS was served and applied (the header has the brand colour).
        expect(page.get_by_role("banner")).not_to_have_css("background-color", TRANSPARENT)
    assert_page_healthy(page)


@pytest.fixture(scope="module")
def created_codes(django_db_blocker):
    """Codes of the units the server committed; removed once the module's tests are done."""
    codes: list[str] = []
    yield codes
    with django_db_blocker.unblock():
        remove_committed_units(*Unit.objects.filter(code__in=codes))


def test_network_admin_creates_a_commune_and_visits_its_new_portal(
    network, page, url, created_codes
):
    token = secrets.token_hex(3)
    name = f"Xã Trình Duyệt {token.upper()}"
    code = f"TN-HA-B{token.upper()}"
    created_codes.append(code)
    domain = f"xa-browser-{token}.test.localhost"
    district_a = network.units["district_a"]
    province = network.domains["province"]

    sign_in(page, url, province, "network-admin")
    page.get_by_role("link", name="Mạng lưới", exact=True).click()
    expect(page).to_have_url(url(province, "/admin/portal_tenancy/unit/"))
    expect(page.get_by_role("link", name=district_a.name, exact=True)).to_be_visible()

    page.get_by_role("link", name="Thêm đơn vị").click()
    expect(page).to_have_url(url(province, "/admin/portal_tenancy/unit/create/"))
    page.get_by_label("Tên đơn vị").fill(name)
    page.get_by_label("Mã đơn vị").fill(code)
    page.get_by_role("combobox", name=re.compile(r"^\s*Cấp")).select_option("commune")
    page.get_by_role("combobox", name="Đơn vị cấp trên").select_option(str(district_a.pk))
    page.get_by_label("Tên miền").fill(domain)
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page).to_have_url(url(province, "/admin/portal_tenancy/unit/"))
    portal_link = page.get_by_role("link", name=url(domain), exact=True)
    expect(page.get_by_text(f"Đã tạo cổng thông tin {name}")).to_be_visible()
    expect(portal_link).to_be_visible()
    expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()  # in the tree
    unit = Unit.objects.get(code=code)  # committed by the server
    assert unit.get_parent().code == district_a.code

    with page.expect_navigation() as navigation:
        portal_link.click()
    assert navigation.value.status == 200, f"The new portal answered {navigation.value.status}"
    expect(page).to_have_url(url(domain))
    expect_portal_home(page, name)
    assert_page_healthy(page)


def test_district_editor_is_refused_clearly_in_another_districts_admin(network, page, url):
    domain_a, domain_b = network.domains["district_a"], network.domains["district_b"]
    editor = network.users["district_a_editor"].username

    response = sign_in(page, url, domain_a, editor)
    assert response.status == 200, f"The dashboard of {domain_a} answered {response.status}"
    expect(page).to_have_url(url(domain_a, "/admin/"))
    expect(page).to_have_title(re.compile("Trang tổng quan|Dashboard"))
    expect(page.get_by_text("Không có quyền truy cập")).to_have_count(0)

    page.goto(url(domain_b, "/admin/"))
    expect(page).to_have_url(re.compile(re.escape(url(domain_b, "/admin/login/"))))
    response = submit_login_form(page, editor)
    assert response.status == 403, f"{domain_b}/admin/ answered {response.status}, not 403"
    expect(page.get_by_role("heading", level=1)).to_have_text("Không có quyền truy cập")
    expect(page.get_by_role("main")).to_contain_text(editor)
    expect(page.get_by_role("main")).to_contain_text(network.units["district_b"].name)
    expect(page.get_by_role("link", name="Đăng nhập bằng tài khoản khác")).to_be_visible()

    # Signing in at district_b changed nothing at district_a (sessions are per host).
    response = page.goto(url(domain_a, "/admin/"))
    assert response.status == 200, f"Back at {domain_a}/admin/: {response.status}"
    assert_page_healthy(page)


def test_home_page_has_no_serious_accessibility_violations(network, page, url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url(network.domains["commune_a"]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    results = Axe().run(page)
    serious = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    if results.violations_count:
        print("\naxe-core on a unit's home page:\n" + results.generate_snapshot())
    assert not serious, results.generate_report()
