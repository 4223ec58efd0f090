"""The editorial workflow: contributors submit, editors approve; contributors never publish."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.text import slugify
from django_tenants.utils import schema_context
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.publications.models import Publication, PublicationStatus
from sites.models import ArticlePage, SectionPage
from tests.conftest import client_for
from tests.sites.factories import news_section, publish_article

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
        reverse_in_admin(
            "wagtailadmin_pages:workflow_action", submitted.pk, "approve", task_state.pk
        ),
        {"comment": "Đạt"},
    )
    assert response.status_code == 302
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


def _logged_actions(page_id) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page_id=page_id)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def _workflow_action(client, page_id, action, comment=""):
    with schema_context(client.unit_schema):
        task_state = Page.objects.get(pk=page_id).current_workflow_task_state
    return client.post(
        reverse_in_admin("wagtailadmin_pages:workflow_action", page_id, action, task_state.pk),
        {"comment": comment},
    )


def test_changes_requested_then_approved_and_every_step_is_in_the_audit_log(network):
    schema = network.units["district_a"].schema_name
    with schema_context(schema):
        section_id = news_section().pk
    contributor = client_for(network, "district_a", network.users["district_a_contributor"])
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    contributor.unit_schema = editor.unit_schema = schema
    add_url = f"/admin/pages/add/portal_sites/articlepage/{section_id}/"
    assert (
        contributor.post(add_url, article_form("Tin cần sửa", "action-submit")).status_code == 302
    )
    with schema_context(schema):
        page_id = ArticlePage.objects.get(title="Tin cần sửa").pk

    _workflow_action(editor, page_id, "reject", "Bổ sung nguồn tin")
    with schema_context(schema):
        state = WorkflowState.objects.get(object_id=str(page_id))
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert not Page.objects.get(pk=page_id).live
    edit_url = f"/admin/pages/{page_id}/edit/"
    assert (
        contributor.post(edit_url, article_form("Tin cần sửa", "action-submit")).status_code == 302
    )
    _workflow_action(editor, page_id, "approve", "Đạt")
    with schema_context(schema):
        page = Page.objects.get(pk=page_id)
        assert page.live
        page.get_latest_revision()
        other_section = news_section().add_child(
            instance=SectionPage(title="Tin trong tỉnh", slug="tin-trong-tinh")
        )
    assert editor.post(f"/admin/pages/{page_id}/unpublish/", {}).status_code == 302
    assert (
        editor.post(f"/admin/pages/{page_id}/move/{other_section.pk}/confirm/", {}).status_code
        == 302
    )

    with schema_context(schema):
        actions = _logged_actions(page_id)
        users = set(PageLogEntry.objects.filter(page_id=page_id).values_list("user_id", flat=True))
    for action in (
        "wagtail.create",
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.workflow.approve",
        "wagtail.publish",
        "wagtail.unpublish",
        "wagtail.move",
    ):
        assert action in actions, (action, actions)
    assert users == {
        network.users["district_a_contributor"].pk,
        network.users["district_a_editor"].pk,
    }
    with schema_context(network.units["district_b"].schema_name):
        assert not PageLogEntry.objects.filter(
            action__startswith="wagtail.workflow", page__title="Tin cần sửa"
        ).exists()

    assert editor.post(f"/admin/pages/{page_id}/delete/", {}).status_code == 302
    with schema_context(schema):
        assert "wagtail.delete" in _logged_actions(page_id)


def test_scheduled_go_live_and_expiry_run_in_every_unit(network):
    now = timezone.now()
    pages = {}
    for key in ("district_a", "district_b"):
        editor = network.users[f"{key}_editor"]
        with schema_context(network.units[key].schema_name):
            coming = news_section().add_child(
                instance=ArticlePage(title=f"Sắp đăng {key}", live=False)
            )
            coming.go_live_at = now + datetime.timedelta(hours=1)
            coming.save_revision(user=editor).publish(user=editor)
            expiring = publish_article(f"Sắp hết hạn {key}")
            expiring.expire_at = now + datetime.timedelta(hours=1)
            expiring.save_revision().publish()
            assert not Page.objects.get(pk=coming.pk).live  # scheduled, not yet live
            pages[key] = (coming.pk, expiring.pk)
    call_command("publish_scheduled_units", stdout=io.StringIO())
    with schema_context(network.units["district_a"].schema_name):
        assert not Page.objects.get(pk=pages["district_a"][0]).live  # not time yet
        assert Page.objects.get(pk=pages["district_a"][1]).live

    # The hour passes: move both dates into the past, as the clock would.
    past = now - datetime.timedelta(minutes=1)
    for key, (coming_id, expiring_id) in pages.items():
        with schema_context(network.units[key].schema_name):
            revision = Revision.page_revisions.get(
                object_id=str(coming_id), approved_go_live_at__isnull=False
            )
            revision.content["go_live_at"] = past.isoformat()
            revision.approved_go_live_at = past
            revision.save()
            Page.objects.filter(pk=expiring_id).update(expire_at=past)
    call_command("publish_scheduled_units", stdout=io.StringIO())
    for key, (coming_id, expiring_id) in pages.items():
        with schema_context(network.units[key].schema_name):
            assert Page.objects.get(pk=coming_id).live
            assert not Page.objects.get(pk=expiring_id).live
            assert Page.objects.get(pk=expiring_id).expired
            assert {"wagtail.publish.schedule", "wagtail.publish.scheduled"} <= set(
                _logged_actions(coming_id)
            )
            assert "wagtail.unpublish.scheduled" in _logged_actions(expiring_id)
        unit = network.units[key]
        assert (
            Publication.objects.get(unit=unit, object_id=coming_id).status == PublicationStatus.LIVE
        )
        assert (
            Publication.objects.get(unit=unit, object_id=expiring_id).status
            == PublicationStatus.WITHDRAWN
        )


def test_scheduling_for_an_unknown_unit_fails_clearly(network):
    with pytest.raises(CommandError, match="KHONG-CO"):
        call_command("publish_scheduled_units", "--unit", "KHONG-CO", stdout=io.StringIO())
