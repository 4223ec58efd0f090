"""Routing below the home page: Wagtail's answers, with the pages on the way read at once."""

import pytest
from django_tenants.utils import schema_context
from wagtail.models import Page

from sites.models import SectionPage
from tests.conftest import client_for
from tests.sites.factories import news_section, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep_article(network):
    """An article three sections down in district A; its URL."""
    with schema_context(network.units["district_a"].schema_name):
        parent = news_section()
        for title, slug in (("Trong huyện", "trong-huyen"), ("Các xã", "cac-xa")):
            parent = parent.add_child(instance=SectionPage(title=title, slug=slug))
            parent.save_revision().publish()
        return publish_article("Tin sâu trong cây trang", parent=parent).url


def test_a_deep_page_is_found_in_its_own_unit_only(network, deep_article):
    assert deep_article.count("/") == 5
    response = client_for(network, "district_a").get(deep_article)
    assert response.status_code == 200
    assert "Tin sâu trong cây trang" in response.content.decode()
    assert client_for(network, "district_b").get(deep_article).status_code == 404


def test_missing_and_misplaced_paths_are_not_found(network, deep_article):
    client = client_for(network, "district_a")
    slug = deep_article.rstrip("/").rsplit("/", 1)[1]
    for path in (
        "/tin-tuc-su-kien/khong-co/",  # no such page
        "/tin-tuc-su-kien/trong-huyen/khong-co/cac-xa/",  # a missing page on the way
        f"/tin-tuc-su-kien/{slug}/",  # the right slug at the wrong place
        deep_article + "them/",  # below a page that has no children
    ):
        assert client.get(path).status_code == 404, path


def test_an_unpublished_page_is_not_found(network, deep_article):
    with schema_context(network.units["district_a"].schema_name):
        Page.objects.get(title="Tin sâu trong cây trang").unpublish()
    assert client_for(network, "district_a").get(deep_article).status_code == 404
