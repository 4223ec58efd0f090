"""The writing desk in Chromium: a contributor writes with mistakes and sees them, fixes the
tone marks in one click and submits; the editor asks for changes; the contributor finds
the editor's words on the dashboard."""

from __future__ import annotations

import re

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect
from wagtail.models import Comment, WorkflowState

from sites.models import ArticlePage, SectionPage
from tests.browser.conftest import assert_page_healthy, sign_in
from tests.browser.test_editorial_journey import SUBMIT, open_more_actions
from tests.browser.units import provision_fresh_unit, remove_committed_units

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "Xã tổ chức hội nghị hòa giải ở cơ sở năm 2026"
LEAD = (
    "Ngày 7/12/2026, Ủy ban nhân dân xã tổ chức hội nghị tổng kết công tác hòa giải "
    "với sự tham gia của các nghành, đoàn thể."
)


@pytest.fixture(scope="module")
def newsroom(network, django_db_blocker):
    with django_db_blocker.unblock():
        fresh = provision_fresh_unit(network.unit("district_b"), "banviet")
        with schema_context(fresh.unit.schema_name):
            section_id = SectionPage.objects.get(slug="tin-tuc-su-kien").pk
    yield fresh, section_id
    with django_db_blocker.unblock():
        remove_committed_units(fresh.unit)


def test_contributor_fixes_and_submits_editor_requests_changes(
    newsroom, browser, page, url, tmp_path
):
    fresh, section_id = newsroom
    writer = page  # the harness's page: its console, failed requests and server errors are checked
    writer.set_viewport_size({"width": 1366, "height": 900})
    sign_in(writer, url, fresh.domain, fresh.users["contributor"])
    writer.goto(url(fresh.domain, f"/admin/pages/add/portal_sites/articlepage/{section_id}/"))
    panel = writer.locator(".desk-panel")
    expect(panel.get_by_role("heading", name="Kiểm tra trước khi gửi duyệt")).to_be_visible()
    writer.locator('input[name="title"]').fill(TITLE)
    writer.get_by_role("textbox", name=re.compile(r"^\s*sapo", re.I)).fill(LEAD)
    # The report follows the typing (debounced), rendered by the server.
    expect(panel).to_contain_text("“nghành” không có trong từ điển tiếng Việt")
    expect(panel).to_contain_text("“hòa” đặt dấu khác kiểu của đơn vị: viết “hoà”")
    expect(panel).to_contain_text("“7/12/2026”")
    expect(panel).to_contain_text("Lưu nháp")  # the one-click fix needs a saved draft
    writer.screenshot(path=tmp_path / "writing-desk-panel-1366.png", full_page=False)

    with writer.expect_navigation():
        writer.locator("footer").get_by_role(
            "button", name=re.compile("Lưu nháp|Save draft")
        ).click()
    with schema_context(fresh.unit.schema_name):
        article = ArticlePage.objects.get(title=TITLE)
    expect(panel).to_contain_text("“hòa”")
    fix = panel.get_by_role("button", name=re.compile("Sửa tất cả theo Kiểu cũ"))
    writer.once("dialog", lambda dialog: dialog.accept())
    with writer.expect_navigation():
        fix.click()
    expect(writer.locator(".messages")).to_contain_text("Đã sửa dấu thanh")
    expect(writer.locator('input[name="title"]')).to_have_value(
        "Xã tổ chức hội nghị hoà giải ở cơ sở năm 2026"
    )
    expect(panel).to_contain_text("“nghành”")
    expect(panel).not_to_contain_text("đặt dấu khác kiểu")
    writer.set_viewport_size({"width": 390, "height": 844})
    panel.scroll_into_view_if_needed()
    writer.screenshot(path=tmp_path / "writing-desk-panel-390.png", full_page=False)
    writer.set_viewport_size({"width": 1366, "height": 900})

    # Submitting is allowed with the spelling warning still there.
    open_more_actions(writer)
    with writer.expect_navigation():
        writer.get_by_role("button", name=SUBMIT).click()
    with schema_context(fresh.unit.schema_name):
        state = WorkflowState.objects.get(object_id=str(article.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert_page_healthy(writer)

    reviewer = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    editor = reviewer.new_page()
    sign_in(editor, url, fresh.domain, fresh.users["editor"])
    editor.goto(url(fresh.domain, f"/admin/pages/{article.pk}/edit/"))
    # The editor reviews with the same report...
    expect(editor.locator(".desk-panel")).to_contain_text("“nghành”")
    # ... comments on the lead with Wagtail's commenting (saved with the review's action)...
    editor.locator('[data-contentpath="lead"] [data-comment-add]').click()
    editor.get_by_placeholder(re.compile("Nhập bình luận|Enter your comments")).fill(
        "Sửa “nghành” thành “ngành”."
    )
    editor.locator(".comment__button--primary").first.click()
    # Wagtail autosaves the new comment half a second later, unless autosave has stopped
    # (the writer's session saved the page since this one opened it). A request for changes
    # sent while that autosave is in flight carries the comment again without its new id, and
    # Wagtail stores it twice (an upstream race); a person reading the dialog is slower.
    autosave_settled = editor.locator(
        '#w-autosave-indicator[data-w-autosave-state-value="saved"], '
        '#w-autosave-indicator[data-w-autosave-state-value="paused"], '
        'form[data-w-autosave-active-value="false"]'
    )
    expect(autosave_settled.first).to_be_attached()
    # ... and asks for changes.
    open_more_actions(editor)
    editor.locator('button[data-workflow-action-name="reject"]').click()
    dialog = editor.get_by_role("dialog")
    dialog.locator("textarea").fill("Bài cần sửa chính tả và ngày tháng.")
    with editor.expect_navigation():
        dialog.get_by_role("button", name=re.compile("Yêu cầu chỉnh sửa|Request changes")).click()
    with schema_context(fresh.unit.schema_name):
        assert WorkflowState.objects.get(pk=state.pk).status == "needs_changes"
        assert Comment.objects.get(page_id=article.pk).contentpath == "lead"
    reviewer.close()

    writer.goto(url(fresh.domain, "/admin/"))
    expect(writer.get_by_text("Bài được yêu cầu chỉnh sửa")).to_be_visible()
    expect(writer.get_by_text("Bài cần sửa chính tả và ngày tháng.")).to_be_visible()
    expect(writer.get_by_text("Sửa “nghành” thành “ngành”.")).to_be_visible()
    writer.screenshot(path=tmp_path / "writing-desk-dashboard-1366.png", full_page=False)
    assert_page_healthy(writer)
