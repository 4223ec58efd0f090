"""The editorial workflow: contributors submit, editors approve; contributors never publish."""

import pytest
from django.utils.text import slugify
from django_tenants.utils import schema_context
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from sites.models import ArticlePage
from tests.conftest import client_for
from tests.sites.factories import news_section

pytestmark = pytest.mark.django_db


def article_form(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": "bai-" + slugify(title.replace("đ", "d")),
            "lead": "Sapo",
            "date": "2025-07-22 08:00",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung</p>"))]),
            "tags": "",
            "featured_image_caption": "",
            "author": "Cộng tác viên",
            "source": "",
            action: action,
        }
    )


def reverse_in_admin(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


def _form_errors(response):
    form = response.context and response.context.get("form")
    return form.errors if form is not None else response.status_code


def test_contributor_submits_and_editor_approves(network):
    with schema_context(network.units["district_a"].schema_name):
        section_id = news_section().pk
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    add_url = f"/admin/pages/add/portal_sites/articlepage/{section_id}/"

    # Asking to publish directly is ignored: a contributor has no publish permission.
    contributor.post(add_url, article_form("Tin thử xuất bản", "action-publish"))
    response = contributor.post(add_url, article_form("Tin gửi duyệt", "action-submit"))
    assert response.status_code == 302, _form_errors(response)
    with schema_context(network.units["district_a"].schema_name):
        assert not ArticlePage.objects.filter(live=True, title__startswith="Tin thử").exists()
        submitted = ArticlePage.objects.get(title="Tin gửi duyệt")
        assert not submitted.live
        state = WorkflowState.objects.get(object_id=str(submitted.pk), status="in_progress")
        task_state = state.current_task_state

    editor = client_for(network, "district_a", network.users["district_a_editor"])
    response = editor.post(
        reverse_in_admin("wagtailadmin_pages:workflow_action", submitted.pk, "approve", task_state.pk),
        {"comment": "Đạt"},
    )
    assert response.status_code in (200, 302)
    with schema_context(network.units["district_a"].schema_name):
        assert Page.objects.get(pk=submitted.pk).live
    section_page = client_for(network, "district_a").get("/tin-tuc-su-kien/")
    assert "Tin gửi duyệt" in section_page.content.decode()


def test_editor_of_another_unit_cannot_approve(network):
    with schema_context(network.units["district_a"].schema_name):
        section = news_section()
        article = section.add_child(instance=ArticlePage(title="Chờ duyệt", live=False))
        article.save_revision(user=network.users["district_a_contributor"])
    other = client_for(network, "district_b", network.users["district_b_editor"])
    assert other.get(f"/admin/pages/{article.pk}/edit/").status_code in (403, 404)
