"""The consultation module in a real Chromium: a citizen comments on an article of a
province's draft, the editor publishes and answers it, then exports the comments (the
workbook and the Word summary are opened and read).

Like the other plugin journeys it runs in a small province of its own (committed, fresh
codes), removed at the end.
"""

from __future__ import annotations

import datetime
import io
import secrets

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from plugins.consultation.models import Comment
from portal.accounts import roles
from portal.extensions import activation, registry
from portal.tenancy.provisioning import UnitSpec, provision
from tests.browser.conftest import assert_page_healthy, sign_in
from tests.browser.units import remove_committed_units
from tests.conftest import PASSWORD
from tests.plugins.consultation.helpers import DRAFT_LINE, add_consultation_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
PAGE = "/gop-y-du-thao/du-thao-quy-che/"


class Journey:
    def __init__(self, unit, domain, editor):
        self.unit, self.domain, self.editor = unit, domain, editor


@pytest.fixture(scope="module")
def consultation_province(network, django_db_blocker, tmp_path_factory):
    """A province with the module on, an open consultation of two sections, and its editor."""
    token = secrets.token_hex(3)
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("consultation-media")))
    media.enable()
    with django_db_blocker.unblock():
        domain = f"gy-{token}.test.localhost"
        unit = provision(
            UnitSpec(f"Tỉnh Góp Ý {token.upper()}", f"GY{token}", "province", [domain])
        ).unit
        activation.change("enable", registry.get("plugin_consultation"), unit)
        username = f"bientap-gy-{token}"
        editor = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.vn", password=PASSWORD
        )
        with schema_context(unit.schema_name):
            roles.grant(editor, roles.EDITOR)
        add_consultation_in(
            unit.schema_name, closes_at=timezone.now() + datetime.timedelta(days=10, hours=3)
        )
        connection.set_schema_to_public()
    yield Journey(unit, domain, username)
    with django_db_blocker.unblock():
        remove_committed_units(unit)
    media.disable()


def test_citizen_comments_on_an_article_and_the_editor_moderates_and_exports(
    consultation_province, page, url, tmp_path
):
    journey = consultation_province
    page.goto(url(journey.domain))
    banner = page.locator(".consultation-banner")
    expect(banner).to_contain_text("Hạn góp ý:")
    with page.expect_navigation():
        banner.get_by_role("link").click()
    expect(page.locator(".draft-body")).to_contain_text(DRAFT_LINE)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(tmp_path / f"consultation-{width}.png"), full_page=True)

    page.get_by_label("Góp ý vào phần").select_option(label="Điều 5. Trách nhiệm của Nhân dân")
    page.get_by_label("Nội dung góp ý").fill("Đề nghị quy định rõ thời hạn trả lời kiến nghị.")
    page.get_by_label("Họ và tên").fill("Hoàng Văn Nam")
    page.get_by_label("Cơ quan, tổ chức").fill("Chi bộ thôn Bản Mới")
    page.get_by_label("Thư điện tử").fill("nam@example.vn")
    page.wait_for_timeout(4500)  # a person's time to fill the form (the spam trap's minimum)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi góp ý").click()
    code = page.locator(".consultation-code").inner_text().strip()
    assert code.startswith("YK-")
    expect(page.locator(".consultation-comment")).to_contain_text("Điều 5")
    page.screenshot(path=str(tmp_path / "confirmation.png"), full_page=True)

    sign_in(page, url, journey.domain, journey.editor)
    page.goto(url(journey.domain, "/admin/gop-y-du-thao/"))
    with page.expect_navigation():
        page.get_by_role("link", name="Lấy ý kiến dự thảo du-thao-quy-che").click()
    counts = page.locator(".consultation-counts")
    expect(counts.locator("tr", has_text="Điều 5")).to_contain_text("1")
    comment = page.locator(".consultation-comment", has_text=code)
    expect(comment).to_contain_text("nam@example.vn")
    comment.get_by_label("Trạng thái").select_option(label="Đã duyệt")
    comment.get_by_label("Trả lời").fill("Ban soạn thảo tiếp thu, bổ sung vào Điều 5.")
    with page.expect_navigation():
        comment.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã lưu góp ý {code}.")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(tmp_path / "queue-1366.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất toàn bộ góp ý (Excel)").click()
    rows = list(
        openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active.values
    )
    header, row = rows[0], rows[1]
    assert row[header.index("Mã tra cứu")] == code
    assert row[header.index("Phần góp ý")] == "Điều 5. Trách nhiệm của Nhân dân"
    assert row[header.index("Trạng thái")] == "Đã duyệt"
    assert row[header.index("Gửi qua cổng")] == journey.unit.name
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo tổng hợp (Word)").click()
    summary = docx.Document(download.value.path())
    text = "\n".join(paragraph.text for paragraph in summary.paragraphs)
    assert "Hoàng Văn Nam, Chi bộ thôn Bản Mới" in text
    assert "Trả lời: Ban soạn thảo tiếp thu, bổ sung vào Điều 5." in text

    page.goto(url(journey.domain, PAGE))
    public = page.locator(".consultation-comments")
    expect(public).to_contain_text("Đề nghị quy định rõ thời hạn trả lời kiến nghị.")
    expect(public).to_contain_text("Ban soạn thảo tiếp thu")
    expect(public).not_to_contain_text("nam@example.vn")
    with schema_context(journey.unit.schema_name):
        assert Comment.objects.get(code=code).status == "published"
    connection.set_schema_to_public()
    assert_page_healthy(page)
