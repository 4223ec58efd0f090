"""Fragments of the portal's pages: cached per unit, retired by every change in that unit."""

import re

import pytest
from django.db import connection
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Page

from portal.analytics import figures
from portal.analytics.models import VisitorCounterPreference
from portal.theme.models import ThemeSettings
from sites import fragment_cache, page_cache, page_versions
from sites.models import ArticlePage, SectionPage
from tests.conftest import client_for
from tests.sites.factories import home, news_section, publish_article

pytestmark = pytest.mark.django_db

UNITS = ("district_a", "district_b")
NONCE = re.compile(r'nonce="[^"]*"')


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Every page rendered, so what is seen is the fragments' work."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def articles(network):
    """An article in each unit: {unit key: (its pk, its URL)}."""
    pages = {}
    for key in UNITS:
        with schema_context(network.units[key].schema_name):
            article = publish_article(f"Tin riêng của {network.units[key].name}", featured=True)
            pages[key] = (article.pk, article.url)
    return pages


def render(network, unit_key, path="/"):
    """(queries, html) of one anonymous visit."""
    with CaptureQueriesContext(connection) as queries:
        response = client_for(network, unit_key).get(path)
    assert response.status_code == 200, (unit_key, path, response.status_code)
    assert "X-Portal-Page-Cache" not in response  # rendered, not replayed
    return len(queries), NONCE.sub("", response.content.decode())


def warm(network, unit_key, path="/") -> None:
    """Render once: the fragments are then in the cache."""
    render(network, unit_key, path)


def test_fragments_are_read_back_and_the_page_stays_the_same(network, articles):
    for path in ("/", articles["district_a"][1]):
        first_queries, first = render(network, "district_a", path)
        second_queries, second = render(network, "district_a", path)
        assert second == first
        assert second_queries < first_queries, (path, first_queries, second_queries)


def test_two_units_never_share_a_fragment(network, articles):
    with schema_context(network.units["district_a"].schema_name):
        home_a = home().pk
    with schema_context(network.units["district_b"].schema_name):
        home_b = home().pk
    assert home_a == home_b  # cloned schemas: the same page ids, told apart by the unit alone
    _, html_a = render(network, "district_a")
    _, html_b = render(network, "district_b")
    pairs = (("district_a", "district_b", html_a), ("district_b", "district_a", html_b))
    for key, other, html in pairs:
        assert f"Tin riêng của {network.units[key].name}" in html
        assert f"Tin riêng của {network.units[other].name}" not in html
        footer_name = f"CỔNG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ {network.units[key].name.upper()}"
        assert f'<p class="footer-unit" id="footer-name">{footer_name}</p>' in html
    assert render(network, "district_b")[1] == html_b


def _unpublish(network, articles):
    Page.objects.get(pk=articles["district_a"][0]).specific.unpublish()


def _move(network, articles):
    section = SectionPage(title="Tin trong huyện", slug="tin-trong-huyen")
    target = news_section().add_child(instance=section)
    Page.objects.get(pk=articles["district_a"][0]).move(target, pos="last-child")


def _theme(network, articles):
    theme = ThemeSettings.for_site(home().get_site())
    theme.footer_text = "Chân trang mới của huyện"
    theme.save()


def _visitor_counter(network, articles):
    """A unit setting kept in the public schema (saved as the admin view does)."""
    unit = network.unit("district_a")
    VisitorCounterPreference.objects.update_or_create(unit=unit, defaults={"show_total": True})
    figures.forget_total(unit)


def _publish(network, articles):
    publish_article("Tin mới vừa xuất bản", featured=True)


CHANGES = {
    # change: (make it, path to look at, text that must appear, text that must be gone)
    "publish": (_publish, lambda a: "/", "Tin mới vừa xuất bản", None),
    "unpublish": (_unpublish, lambda a: "/", None, "Tin riêng của Huyện Núi Đỏ"),
    "move": (_move, lambda a: "/", None, None),
    "theme": (_theme, lambda a: "/", "Chân trang mới của huyện", None),
    "visitor_counter": (_visitor_counter, lambda a: "/", "Lượt truy cập", None),
}


def unit_state(network, unit_key) -> tuple:
    """The unit's state and its pages' version: one of them changes with any change."""
    with schema_context(network.units[unit_key].schema_name):
        pages = page_versions.read([page_versions.pages_key()])
        return (*page_cache.unit_state(), *pages.values())


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_retires_the_units_fragments_and_only_them(network, articles, change):
    make, path, shown, gone = CHANGES[change]
    cold_b, _ = render(network, "district_b")
    warm(network, "district_a")
    states = {key: unit_state(network, key) for key in UNITS}
    _, before = render(network, "district_a")
    if gone:
        assert gone in before
    if shown:
        assert shown not in before
    with schema_context(network.units["district_a"].schema_name):
        make(network, articles)
    assert unit_state(network, "district_a") != states["district_a"]
    assert unit_state(network, "district_b") == states["district_b"]
    _, after = render(network, "district_a", path(articles))
    if shown:
        assert shown in after
    if gone:
        assert gone not in after
    queries_b, html_b = render(network, "district_b")
    assert queries_b < cold_b, "the other unit's fragments were kept"
    assert "Tin mới vừa xuất bản" not in html_b and "Chân trang mới của huyện" not in html_b


def test_a_change_in_the_network_retires_the_network_links(network, articles):
    """A child unit renamed (public schema, routing token): its parent's links follow."""
    _, before = render(network, "district_a")
    assert "Xã Đồng Tâm" in before  # district A's commune, in its network links
    with schema_context(get_public_schema_name()):
        commune = network.unit("commune_a")
        commune.name = "Xã Đồng Tâm Mới"
        commune.save()
    _, after = render(network, "district_a")
    assert "Xã Đồng Tâm Mới" in after
    assert "Xã Đồng Tâm Mới" not in render(network, "district_b")[1]


def test_a_moved_article_shows_its_new_place(network, articles):
    old_url = articles["district_a"][1]
    warm(network, "district_a", old_url)
    with schema_context(network.units["district_a"].schema_name):
        _move(network, articles)
        new_url = ArticlePage.objects.get(pk=articles["district_a"][0]).url
    assert new_url != old_url
    redirect = client_for(network, "district_a").get(old_url)
    assert redirect.status_code == 301 and redirect["Location"] == new_url
    _, html = render(network, "district_a", new_url)
    breadcrumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Tin trong huyện" in breadcrumbs


def test_previews_show_the_draft_not_the_cached_fragment(network, articles):
    path = articles["district_a"][1]
    warm(network, "district_a", path)
    with schema_context(network.units["district_a"].schema_name):
        draft = ArticlePage.objects.get(pk=articles["district_a"][0])
        draft.lead = "Sapo bản nháp chưa xuất bản"
        preview = draft.make_preview_request()
    assert preview.status_code == 200
    assert "Sapo bản nháp chưa xuất bản" in preview.content.decode()
    assert "Sapo bản nháp chưa xuất bản" not in render(network, "district_a", path)[1]


def test_a_fragment_holding_a_csrf_token_is_never_stored(network):
    unit = network.unit("district_a")
    renders = []

    def with_token(request):
        def render_fragment():
            renders.append(1)
            return f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'

        return render_fragment

    with schema_context(unit.schema_name):
        for _ in range(2):
            request = RequestFactory().get("/", HTTP_HOST=network.domains["district_a"])
            request.tenant = unit
            fragment_cache.render(request, "form", [], with_token(request))
        assert len(renders) == 2
        plain = RequestFactory().get("/", HTTP_HOST=network.domains["district_a"])
        plain.tenant = unit
        for _ in range(2):
            fragment_cache.render(plain, "plain", [], lambda: renders.append(1) or "<p>x</p>")
        assert len(renders) == 3


def test_no_fragments_when_turned_off(network, articles, settings):
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    render(network, "district_a")  # renditions, routing and the like made once
    second, html = render(network, "district_a")
    assert render(network, "district_a") == (second, html)


def test_the_print_view_keeps_its_own_header(network, articles):
    """?print=1 leaves the search box out of the header: that header is never the pages' one."""
    path = articles["district_a"][1]
    _, printed = render(network, "district_a", path + "?print=1")
    _, shown = render(network, "district_a", path)
    _, printed_again = render(network, "district_a", path + "?print=1")
    assert 'id="search-box-q"' not in printed and 'id="search-box-q"' not in printed_again
    assert 'id="search-box-q"' in shown
