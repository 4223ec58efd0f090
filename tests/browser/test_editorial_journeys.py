"""Journeys of issue 7 in a real Chromium: feedback and its answer; the network report."""

from __future__ import annotations

import datetime
import re
import secrets
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from portal.publications.models import Publication
from tests.browser.conftest import assert_page_healthy, sign_in

pytestmark = [pytest.mark.browser]

CODE = re.compile(r"GY-[2-9A-Z]{5}-[2-9A-Z]{5}")


@pytest.mark.django_db
def test_citizen_sends_feedback_and_later_reads_the_answer(network, page, url, browser, settings):
    settings.PORTAL_FEEDBACK_MIN_FILL_SECONDS = 1
    domain = network.domains["commune_a"]  # the unit tests of feedback use the districts
    subject = f"Đường làng ngập nước {secrets.token_hex(3)}"

    page.goto(url(domain))
    page.get_by_role("contentinfo").get_by_role("link", name="Góp ý, phản ánh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi góp ý, phản ánh")
    page.get_by_label("Loại").select_option("phan-anh")
    page.get_by_label("Họ và tên").fill("Trần Văn Dân")
    page.get_by_label("Thư điện tử").fill("dan@example.vn")
    page.get_by_label("Tiêu đề").fill(subject)
    page.get_by_label("Nội dung").fill("Đường thôn 2 ngập <b>sau mưa</b>.")
    page.wait_for_timeout(1200)  # a person takes longer than the minimum fill time
    page.get_by_role("button", name="Gửi góp ý").click()
    code_text = page.locator(".tracking-code").inner_text()
    assert CODE.fullmatch(code_text), code_text
    expect(page.locator(".status")).to_have_text("Chờ xử lý")
    expect(page.locator(".feedback-message")).to_contain_text(
        "ngập <b>sau mưa</b>."
    )  # shown as text
    assert_page_healthy(page)

    # The provincial office answers it in the commune's admin.
    office = browser.new_context(locale="vi-VN").new_page()
    sign_in(office, url, domain, "network-admin")
    office.goto(url(domain, "/admin/gop-y/"))
    office.get_by_role("link", name=code_text).click()
    office.get_by_label("Trạng thái").select_option("answered")
    office.get_by_label("Trả lời", exact=True).fill("Xã đã nạo vét cống thôn 2.")
    office.get_by_label("Công khai hỏi đáp").check()
    office.get_by_role("button", name="Lưu").click()
    expect(office.get_by_text(f"Đã lưu góp ý {code_text}.")).to_be_visible()
    office.context.close()

    # Later, in a fresh browser, the citizen looks the answer up with the code.
    citizen = browser.new_context(locale="vi-VN").new_page()
    citizen.goto(url(domain, "/gop-y/tra-cuu/"))
    citizen.get_by_label("Mã tra cứu").fill(code_text.lower())
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.locator(".status")).to_have_text("Đã trả lời")
    expect(citizen.locator(".feedback-answer")).to_contain_text("Xã đã nạo vét cống thôn 2.")
    citizen.goto(url(domain, "/gop-y/hoi-dap/"))
    expect(citizen.get_by_role("heading", name=subject)).to_be_visible()
    expect(citizen.locator("body")).not_to_contain_text("Trần Văn Dân")
    citizen.goto(url(network.domains["commune_b"], "/gop-y/hoi-dap/"))
    expect(citizen.locator("body")).not_to_contain_text(subject)
    citizen.context.close()


@pytest.fixture
def committed_ledger(network, django_db_blocker):
    """Ledger rows the live server can see (committed), removed afterwards; March 2024 only."""
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    token = secrets.randbelow(10**9) + 10**9
    with django_db_blocker.unblock():
        rows = [
            Publication.objects.create(
                unit=network.unit(key),
                kind="article",
                object_id=token + n,
                url=f"https://example.vn/{token + n}/",
                title=f"Tin {n}",
                published_at=datetime.datetime(2024, 3, 5 + n, 9, tzinfo=zone),
                updated_at=datetime.datetime(2024, 3, 5 + n, 9, tzinfo=zone),
                section_title="Tin tức",
                author="Phóng viên",
                image_count=1,
            )
            for n, key in enumerate(["commune_b", "commune_b", "commune_b", "district_a"])
        ]
    yield
    with django_db_blocker.unblock():
        Publication.objects.filter(pk__in=[row.pk for row in rows]).delete()


def test_provincial_office_opens_the_network_report(network, committed_ledger, page, url, tmp_path):
    province = network.domains["province"]
    sign_in(page, url, province, "network-admin")
    page.get_by_role("link", name="Báo cáo mạng lưới").click()
    page.get_by_label(re.compile("Kỳ báo cáo")).fill("2024-13")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("alert")).to_contain_text("Tháng 13 không tồn tại")

    page.get_by_label(re.compile("Kỳ báo cáo")).fill("2024-03")
    page.get_by_role("button", name="Xem").click()
    units = page.locator("table.report-units")
    row_b = units.locator("tr", has=page.get_by_role("link", name="Xã Bình Minh", exact=True))
    expect(row_b.locator("td").nth(1)).to_have_text("3")  # articles
    expect(page.locator("svg.report-chart")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất Excel (.xlsx)").click()
    path = tmp_path / "network.xlsx"
    download_info.value.save_as(path)
    sheet = load_workbook(path)["Theo đơn vị"]
    by_code = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert by_code["TN-HB-X1"][3] == 3 and by_code["TN-HA"][3] == 1
    assert by_code[None][1:5] == ("Tổng cộng", None, 4, 0)

    row_b.get_by_role("link", name="Xã Bình Minh", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xã Bình Minh")
    expect(page.locator("table.report-table").first).to_contain_text("Tin bài")
    expect(page.get_by_text("Phóng viên").first).to_be_visible()
    assert_page_healthy(page)
