"""A contributor can never publish, by any route; nothing they try reaches the portal or the ledger.

Each route is the real admin view (or Wagtail's own action API) a contributor
could call; each is checked in unit A while unit B's contributor, who holds
the same role there, gains nothing in A either.
"""

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import Page

from portal.publications.models import Publication
from sites.models import ArticlePage
from tests.conftest import client_for
from tests.sites.factories import news_section, publish_article
from tests.sites.test_workflow import article_form

pytestmark = pytest.mark.django_db


def draft_article(title: str, user) -> ArticlePage:
    article = news_section().add_child(instance=ArticlePage(title=title, live=False, owner=user))
    article.save_revision(user=user)
    return article


def assert_never_published(network, unit_key: str, page_id: int):
    unit = network.units[unit_key]
    with schema_context(unit.schema_name):
        page = Page.objects.get(pk=page_id)
        assert not page.live
        assert page.first_published_at is None
    assert not Publication.objects.filter(unit=unit, object_id=page_id).exists()


@pytest.fixture
def draft(network):
    contributor = network.users["district_a_contributor"]
    with schema_context(network.units["district_a"].schema_name):
        return draft_article("Bản nháp của cộng tác viên", contributor)


@pytest.fixture
def contributor(network):
    return client_for(network, "district_a", network.users["district_a_contributor"])


def test_the_edit_form_never_publishes(network, draft, contributor):
    form = article_form("Bản nháp của cộng tác viên", "action-publish")
    contributor.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), form)
    assert_never_published(network, "district_a", draft.pk)


def test_the_add_form_never_publishes(network, contributor):
    with schema_context(network.units["district_a"].schema_name):
        section_id = news_section().pk
    url = reverse("wagtailadmin_pages:add", args=["portal_sites", "articlepage", section_id])
    contributor.post(url, article_form("Tin tự xuất bản", "action-publish"))
    with schema_context(network.units["district_a"].schema_name):
        created = ArticlePage.objects.filter(title="Tin tự xuất bản")
        assert not created.filter(live=True).exists()


def test_the_bulk_publish_action_never_publishes(network, draft, contributor):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = contributor.post(f"{url}?id={draft.pk}", {"include_descendants": "on"})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # refused
    assert_never_published(network, "district_a", draft.pk)


def test_copying_with_publish_copies_never_publishes(network, contributor):
    with schema_context(network.units["district_a"].schema_name):
        live = publish_article("Tin đã đăng để sao chép")
        section_id = news_section().pk
    contributor.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {
            "new_title": "Bản sao",
            "new_slug": "ban-sao",
            "new_parent_page": section_id,
            "publish_copies": "on",
            "alias": "",
        },
    )
    with schema_context(network.units["district_a"].schema_name):
        assert not ArticlePage.objects.filter(slug="ban-sao", live=True).exists()


def test_an_alias_is_never_created(network, contributor):
    """Aliases are live with their original, so Wagtail offers them to publishers only."""
    with schema_context(network.units["district_a"].schema_name):
        live = publish_article("Tin đã đăng để tạo bí danh")
        section_id = news_section().pk
    contributor.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {
            "new_title": "Bí danh",
            "new_slug": "bi-danh",
            "new_parent_page": section_id,
            "alias": "on",
        },
    )
    with schema_context(network.units["district_a"].schema_name):
        copies = Page.objects.filter(slug="bi-danh")
        assert not copies.filter(live=True).exists()
        assert not copies.filter(alias_of__isnull=False).exists()


def test_unpublishing_is_refused(network, contributor):
    with schema_context(network.units["district_a"].schema_name):
        live = publish_article("Tin không được gỡ")
    response = contributor.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))
    assert response.status_code == 302 and response["Location"] == "/admin/"  # refused
    with schema_context(network.units["district_a"].schema_name):
        assert Page.objects.get(pk=live.pk).live


def test_the_contributor_cannot_approve_their_own_submission(network, contributor):
    with schema_context(network.units["district_a"].schema_name):
        section_id = news_section().pk
    url = reverse("wagtailadmin_pages:add", args=["portal_sites", "articlepage", section_id])
    contributor.post(url, article_form("Tự duyệt bài mình", "action-submit"))
    with schema_context(network.units["district_a"].schema_name):
        page = ArticlePage.objects.get(title="Tự duyệt bài mình")
        task_state = page.current_workflow_task_state
        assert task_state is not None
    contributor.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert_never_published(network, "district_a", page.pk)


def test_wagtails_publish_action_refuses_the_contributor(network, draft):
    with schema_context(network.units["district_a"].schema_name):
        revision = draft.get_latest_revision()
        with pytest.raises(PublishPermissionError):
            revision.publish(user=network.users["district_a_contributor"])
    assert_never_published(network, "district_a", draft.pk)


def test_another_units_contributor_cannot_even_edit(network, draft):
    other = client_for(network, "district_b", network.users["district_b_contributor"])
    form = article_form("Bản nháp của cộng tác viên", "action-publish")
    response = other.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), form)
    assert response.status_code == 404  # on B's host the id names no page of B
    assert_never_published(network, "district_a", draft.pk)
