"""The unit's data read on every page (Site, home page, theme settings, view restrictions,
the page a path names) comes from the cache, is retired by the change that matters, and is
never shared between two units."""

import copy

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context
from wagtail.models import PageViewRestriction, Site

from portal.theme.models import ThemeSettings
from sites import page_cache, serving
from tests.conftest import client_for
from tests.sites.factories import publish_article

pytestmark = pytest.mark.django_db

UNITS = ("district_a", "district_b")
SLUG = "tin-cung-duong-dan"


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Every page rendered: what is seen is the unit's data, not a stored page."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def articles(network):
    """In each unit an article at the same path, with the unit's name in its title."""
    urls = {}
    for key in UNITS:
        with schema_context(network.units[key].schema_name):
            article = publish_article(f"Tin của {network.units[key].name}", slug=SLUG)
            urls[key] = article.url
    assert urls["district_a"] == urls["district_b"]
    return urls["district_a"]


def the_article():
    """The fixture's article of the unit whose schema is current, as its specific page."""
    return (
        Site.objects.get(is_default_site=True).root_page.get_descendants().get(slug=SLUG).specific
    )


def visit(network, unit_key, path):
    with CaptureQueriesContext(connection) as queries:
        response = client_for(network, unit_key).get(path)
    return response, len(queries)


def test_a_page_read_again_costs_no_query_and_each_unit_gets_its_own(network, articles):
    for key in UNITS:
        for path in ("/", articles):
            visit(network, key, path)
    for key, other in (("district_a", "district_b"), ("district_b", "district_a")):
        for path in ("/", articles):
            response, queries = visit(network, key, path)
            html = response.content.decode()
            assert response.status_code == 200
            assert queries == 0, (key, path, queries)
            assert f"Tin của {network.units[key].name}" in html
            assert f"Tin của {network.units[other].name}" not in html


def _colour_style(network, unit_key) -> str:
    html = client_for(network, unit_key).get("/").content.decode()
    return html.split("--brand:")[1].split(";")[0].strip()


def test_theme_settings_saved_show_at_once_in_that_unit_only(network, articles):
    before = {key: _colour_style(network, key) for key in UNITS}
    with schema_context(network.units["district_a"].schema_name):
        theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
        theme.primary_colour = "#123456"
        theme.save()
    assert _colour_style(network, "district_a") == "#123456"
    assert _colour_style(network, "district_b") == before["district_b"] != "#123456"


def _primed_site(network, unit_key) -> Site:
    request = RequestFactory(HTTP_HOST=network.domains[unit_key]).get("/")
    request.tenant = network.units[unit_key]
    with schema_context(network.units[unit_key].schema_name):
        serving.prime(request)
        assert request._wagtail_site.root_page.specific_class.__name__ == "HomePage"
        return request._wagtail_site


def test_the_site_is_read_again_after_a_change_and_never_from_another_unit(network):
    sites = {key: _primed_site(network, key) for key in UNITS}
    assert sites["district_a"].hostname == network.domains["district_a"]
    assert sites["district_b"].hostname == network.domains["district_b"]
    with CaptureQueriesContext(connection) as queries:
        assert _primed_site(network, "district_a").site_name == sites["district_a"].site_name
    assert len(queries) == 0
    with schema_context(network.units["district_a"].schema_name):
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Cổng đã đổi tên"
        site.save()
    assert _primed_site(network, "district_a").site_name == "Cổng đã đổi tên"
    assert _primed_site(network, "district_b").site_name == sites["district_b"].site_name


def test_a_view_restriction_applies_at_once_and_only_in_its_unit(network, articles):
    for key in UNITS:
        assert visit(network, key, articles)[0].status_code == 200
    with schema_context(network.units["district_a"].schema_name):
        section = (
            Site.objects.get(is_default_site=True)
            .root_page.get_children()
            .get(slug="tin-tuc-su-kien")
        )
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
    # The article sits below the restricted section: anonymous visitors are sent to sign in.
    response, _ = visit(network, "district_a", articles)
    assert response.status_code == 302 and "login" in response["Location"]
    assert visit(network, "district_b", articles)[0].status_code == 200
    with schema_context(network.units["district_a"].schema_name):
        restriction.delete()
    assert visit(network, "district_a", articles)[0].status_code == 200


def test_a_group_restriction_added_to_a_page_is_checked_by_wagtail(network, articles):
    visit(network, "district_a", articles)
    with schema_context(network.units["district_a"].schema_name):
        article = the_article()
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.first())
    response, _ = visit(network, "district_a", articles)
    assert response.status_code == 302
    assert visit(network, "district_b", articles)[0].status_code == 200


def test_renamed_and_unpublished_pages_leave_their_old_path(network, articles):
    visit(network, "district_a", articles)
    with schema_context(network.units["district_a"].schema_name):
        article = the_article()
        article.slug = "tin-da-doi-ten"
        article.save_revision().publish()
        article.refresh_from_db()
        renamed = article.url
    assert renamed.endswith("/tin-da-doi-ten/")
    assert visit(network, "district_a", articles)[0].status_code == 404
    assert visit(network, "district_a", renamed)[0].status_code == 200
    assert visit(network, "district_b", articles)[0].status_code == 200
    with schema_context(network.units["district_a"].schema_name):
        article.unpublish()
    assert visit(network, "district_a", renamed)[0].status_code == 404
    assert visit(network, "district_b", articles)[0].status_code == 200


def test_an_edit_published_shows_at_once(network, articles):
    visit(network, "district_a", articles)
    with schema_context(network.units["district_a"].schema_name):
        article = the_article()
        article.title = "Tiêu đề mới của bài"
        article.save_revision().publish()
    assert "Tiêu đề mới của bài" in visit(network, "district_a", articles)[0].content.decode()
    assert "Tiêu đề mới của bài" not in visit(network, "district_b", articles)[0].content.decode()


def test_a_request_reads_the_generation_token_once_until_this_process_replaces_it(network):
    """The fragments, the unit's data and the page all ask for the unit's token: a unit
    routed for a request remembers it; another process's change is seen at the next request,
    this process's own at once."""
    routed = copy.copy(network.units["district_a"])
    routed.routing_token = "token-of-this-request"
    schema = routed.schema_name
    connection.set_tenant(routed)
    try:
        first = page_cache.generation()
        cache.set(f"{page_cache.GENERATION_KEY}:{schema}", "set-by-another-process", timeout=None)
        assert page_cache.generation() == first
        page_cache.invalidate_unit(schema)
        replaced = page_cache.generation()
        assert replaced not in (first, "set-by-another-process")
    finally:
        connection.set_schema_to_public()
    with schema_context(schema):  # outside a request nothing is remembered
        assert page_cache.generation() == replaced
        cache.set(f"{page_cache.GENERATION_KEY}:{schema}", "set-by-another-process", timeout=None)
        assert page_cache.generation() == "set-by-another-process"
