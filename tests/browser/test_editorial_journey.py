"""The editorial journey in Chromium: a contributor writes and submits, an editor approves,
citizens read it on that unit's portal and nowhere else."""

from __future__ import annotations

import re

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect
from wagtail.models import Page

from portal.publications.models import Publication, PublicationStatus
from sites.models import ArticlePage, SectionPage
from tests.browser.conftest import assert_page_healthy, sign_in
from tests.browser.units import provision_fresh_unit, remove_committed_units

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "Xã tổ chức hội thi tìm hiểu pháp luật cho thanh niên"
LEAD = "Hơn một trăm đoàn viên tham gia hội thi với nhiều phần thi sôi nổi."
SUBMIT = re.compile(r"^\s*(Gửi vào quy trình|Submit to) Duyệt tin bài\s*$")


@pytest.fixture(scope="module")
def newsroom(network, django_db_blocker):
    with django_db_blocker.unblock():
        fresh = provision_fresh_unit(network.unit("district_b"), "toasoan")
        with schema_context(fresh.unit.schema_name):
            section_id = SectionPage.objects.get(slug="tin-tuc-su-kien").pk
    yield fresh, section_id
    with django_db_blocker.unblock():
        remove_committed_units(fresh.unit)


def open_more_actions(page):
    page.locator("footer").get_by_role(
        "button", name=re.compile("More actions|Thao tác khác", re.I)
    ).click()


def test_contributor_submits_editor_approves_citizens_read(network, newsroom, browser, page, url):
    fresh, section_id = newsroom
    # Not the parent district: its home page rightly shows its communes' news ("Tin cơ sở").
    other_domain = network.domains["district_a"]

    # A citizen visits before: the home page is now in the page cache.
    page.goto(url(fresh.domain))
    expect(page.get_by_role("heading", level=1)).to_have_text(fresh.unit.name)
    expect(page.get_by_text(TITLE)).to_have_count(0)

    contributor = browser.new_context(locale="vi-VN")
    writer = contributor.new_page()
    sign_in(writer, url, fresh.domain, fresh.users["contributor"])
    writer.goto(url(fresh.domain, f"/admin/pages/add/portal_sites/articlepage/{section_id}/"))
    writer.locator('input[name="title"]').fill(TITLE)
    writer.get_by_role("textbox", name=re.compile(r"^\s*sapo", re.I)).fill(LEAD)
    # The contributor is offered no way to publish.
    expect(writer.locator('button[name="action-publish"]')).to_have_count(0)
    open_more_actions(writer)
    with writer.expect_navigation():
        writer.get_by_role("button", name=SUBMIT).click()
    expect(writer.locator(".messages")).to_contain_text(TITLE)
    contributor.close()

    with schema_context(fresh.unit.schema_name):
        article = ArticlePage.objects.get(title=TITLE)
        assert not article.live and article.current_workflow_task_state is not None
    page.goto(url(fresh.domain))
    expect(page.get_by_text(TITLE)).to_have_count(0)  # not before approval

    reviewer = browser.new_context(locale="vi-VN")
    editor = reviewer.new_page()
    sign_in(editor, url, fresh.domain, fresh.users["editor"])
    expect(editor.get_by_role("link", name=TITLE).first).to_be_visible()  # awaiting review
    editor.goto(url(fresh.domain, f"/admin/pages/{article.pk}/edit/"))
    open_more_actions(editor)
    with editor.expect_navigation():
        # "Approve" without the comment dialog ("Approve with comment" opens one).
        editor.locator(
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        ).click()
    reviewer.close()

    with schema_context(fresh.unit.schema_name):
        assert Page.objects.get(pk=article.pk).live
        article_url = ArticlePage.objects.get(pk=article.pk).url
    entry = Publication.objects.get(unit=fresh.unit, object_id=article.pk)
    assert entry.status == PublicationStatus.LIVE and entry.title == TITLE

    # The citizen now finds it on the home page (the cached copy was dropped) and reads it.
    page.goto(url(fresh.domain))
    link = page.get_by_role("link", name=TITLE).first
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(url(fresh.domain, article_url))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text(LEAD)).to_be_visible()

    # Another unit's portal shows nothing of it, and does not serve its address.
    page.goto(url(other_domain))
    expect(page.get_by_role("heading", level=1)).to_have_text(network.units["district_a"].name)
    expect(page.get_by_text(TITLE)).to_have_count(0)
    response = page.goto(url(other_domain, article_url))
    assert response is not None and response.status == 404
    assert_page_healthy(page)
