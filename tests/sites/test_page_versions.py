"""A publish retires only what it changed: the page, the lists showing it, nothing else.

Seen over HTTP, as visitors of the unit's host see it: the page cache's
status header tells a replayed page from a rendered one, and with the page
cache off the queries of a render tell kept fragments from rendered ones.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context
from wagtail.models import Page

from portal.theme.models import ThemeSettings
from sites import fragment_cache, page_versions
from sites.models import ArticlePage, SectionPage
from sites.page_cache import STATUS_HEADER
from tests.conftest import client_for
from tests.sites.factories import document, home, news_section, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(network):
    """District A: articles A and C in the news section, B in another section; a home page."""
    with schema_context(network.units["district_a"].schema_name):
        sport = home().add_child(instance=SectionPage(title="Thể thao", slug="the-thao"))
        sport.save_revision().publish()
        found = {
            "a": publish_article("Bài A về nông thôn mới"),
            "c": publish_article("Bài C cùng chuyên mục"),
            "b": publish_article("Bài B về thể thao", parent=sport),
        }
        urls = {key: page.url for key, page in found.items()} | {"home": "/"}
    with schema_context(network.units["district_b"].schema_name):
        publish_article("Bài của huyện B")
    return {"urls": urls, "pks": {key: page.pk for key, page in found.items()}}


def visit(network, unit_key, path):
    response = client_for(network, unit_key).get(path)
    assert response.status_code == 200, (unit_key, path, response.status_code)
    return response.headers.get(STATUS_HEADER), response.content.decode()


def warm(network, urls):
    for unit_key, path in [("district_a", url) for url in urls.values()] + [("district_b", "/")]:
        visit(network, unit_key, path)
        assert visit(network, unit_key, path)[0] == "hit", path


def republish(network, pk, **fields):
    with schema_context(network.units["district_a"].schema_name):
        page = ArticlePage.objects.get(pk=pk)
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()


def test_a_publish_retires_the_page_and_the_lists_showing_it_only(network, pages):
    urls = pages["urls"]
    warm(network, urls)
    republish(network, pages["pks"]["a"], title="Bài A đã sửa tiêu đề")
    status, html = visit(network, "district_a", urls["a"])
    assert status == "miss" and "Bài A đã sửa tiêu đề" in html
    status, html = visit(network, "district_a", "/")  # the home page's lists show A
    assert status == "miss" and "Bài A đã sửa tiêu đề" in html
    status, html = visit(network, "district_a", urls["c"])  # "same section" list shows A
    assert status == "miss" and "Bài A đã sửa tiêu đề" in html
    status, html = visit(network, "district_a", urls["b"])  # another section: kept
    assert status == "hit" and "Bài A đã sửa tiêu đề" not in html
    assert visit(network, "district_b", "/")[0] == "hit"  # another unit: untouched


def test_a_draft_retires_nothing(network, pages):
    urls = pages["urls"]
    warm(network, urls)
    with schema_context(network.units["district_a"].schema_name):
        page = ArticlePage.objects.get(pk=pages["pks"]["a"])
        page.title = "Bản nháp chưa xuất bản"
        page.save_revision()
    for path in urls.values():
        status, html = visit(network, "district_a", path)
        assert status == "hit" and "Bản nháp chưa xuất bản" not in html


def test_an_unpublished_article_leaves_its_page_and_lists(network, pages):
    urls = pages["urls"]
    warm(network, urls)
    with schema_context(network.units["district_a"].schema_name):
        ArticlePage.objects.get(pk=pages["pks"]["a"]).unpublish()
    assert client_for(network, "district_a").get(urls["a"]).status_code == 404
    status, html = visit(network, "district_a", "/")
    assert status == "miss" and "Bài A về nông thôn mới" not in html
    assert visit(network, "district_a", urls["b"])[0] == "hit"


def test_unrelated_fragments_stay_when_a_page_is_published(network, pages, settings):
    """Page cache off: B rendered after A's publish costs what B rendered warm did."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    url_b = pages["urls"]["b"]

    def queries_of_b():
        """Queries of B's render, but the marks of the units below (read once a second)."""
        with CaptureQueriesContext(connection) as queries:
            visit(network, "district_a", url_b)
        return [
            query["sql"]
            for query in queries.captured_queries
            if "ledgermark" not in query["sql"] and not query["sql"].startswith("SET ")
        ]

    queries_of_b()
    warm_queries = queries_of_b()
    republish(network, pages["pks"]["a"], title="Bài A đã sửa tiêu đề")
    assert queries_of_b() == warm_queries
    republish(network, pages["pks"]["b"], title="Bài B đã sửa tiêu đề")
    assert len(queries_of_b()) > len(warm_queries)  # B itself: rendered anew


def home_queries(network) -> tuple[list[str], str]:
    """(SQL, html) of district A's home page rendered (page cache off)."""
    with CaptureQueriesContext(connection) as queries:
        html = visit(network, "district_a", "/")[1]
    return [query["sql"] for query in queries.captured_queries], html


def reads_articles(sql: list[str]) -> bool:
    return any("ROW_NUMBER()" in query for query in sql)  # the home's ranked article lists


def reads_documents(sql: list[str]) -> bool:
    return any('FROM "portal_sites_documentpage"' in query for query in sql)


def test_the_home_page_reads_again_only_the_lists_of_the_type_published(network, pages, settings):
    """A document published leaves the home page's news lists; an article, its documents."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    home_queries(network)
    sql, _ = home_queries(network)
    assert not reads_articles(sql) and not reads_documents(sql)  # all from the fragments
    with schema_context(network.units["district_a"].schema_name):
        document("412-TB/HU")
    sql, html = home_queries(network)
    assert reads_documents(sql) and not reads_articles(sql)
    assert "412-TB/HU" in html
    republish(network, pages["pks"]["a"], title="Bài A đã sửa tiêu đề")
    sql, html = home_queries(network)
    assert reads_articles(sql) and not reads_documents(sql)
    assert "Bài A đã sửa tiêu đề" in html and "412-TB/HU" in html
    # A document of district B's retires none of district A's fragments.
    with schema_context(network.units["district_b"].schema_name):
        document("88-TB/HU")
    sql, html = home_queries(network)
    assert not reads_articles(sql) and not reads_documents(sql) and "88-TB/HU" not in html


def test_the_home_pages_own_fragments_stay_when_an_article_is_published(network, pages):
    """Its head and feed links show the home page alone: other home pages are no siblings."""
    schema = network.units["district_a"].schema_name

    def tokens(path):
        with schema_context(schema):
            return page_versions.read(page_versions.page_and_siblings_keys(path))

    with schema_context(schema):
        home_path = home().path
        article_c = ArticlePage.objects.get(pk=pages["pks"]["c"]).path
    before = tokens(home_path), tokens(article_c)
    republish(network, pages["pks"]["a"], title="Bài A đã sửa tiêu đề")
    assert tokens(home_path) == before[0]
    assert tokens(article_c) != before[1]  # C shows its sibling A


@pytest.mark.parametrize(
    "depends", ["type:portal_sites.articlepag", "type:wagtailcore.page", "type:", "articlepage"]
)
def test_a_fragment_naming_no_page_type_fails_loudly(depends):
    """A misspelt type would name a token no publish replaces: the fragment would never change."""
    with pytest.raises(ValueError, match="not 'settings', a page"):
        fragment_cache._page_type(depends)


@pytest.mark.parametrize("change", ["theme", "menu_page"])
def test_a_setting_or_a_menu_page_still_retires_every_page(network, pages, change):
    urls = pages["urls"]
    warm(network, urls)
    with schema_context(network.units["district_a"].schema_name):
        if change == "theme":
            theme = ThemeSettings.for_site(home().get_site())
            theme.footer_text = "Chân trang mới của huyện"
            theme.save()
            shown = "Chân trang mới của huyện"
        else:  # a section in the menu renamed: every page's menu shows it
            section = Page.objects.get(pk=news_section().pk).specific
            section.title = "Tin tức mới đổi tên"
            section.save_revision().publish()
            shown = "Tin tức mới đổi tên"
    status, html = visit(network, "district_a", urls["b"])
    assert status == "miss" and shown in html
    status, html = visit(network, "district_b", "/")
    assert status == "hit" and shown not in html


def test_an_article_taken_out_of_the_menu_retires_the_menu(network, pages):
    """In the menu before the change counts too: the entry must go from every page."""
    with schema_context(network.units["district_a"].schema_name):
        page = ArticlePage.objects.get(pk=pages["pks"]["a"])
        page.show_in_menus = True
        page.save_revision().publish()
    urls = pages["urls"]
    warm(network, urls)
    assert 'href="' + urls["a"] in visit(network, "district_a", urls["b"])[1]
    republish(network, pages["pks"]["a"], show_in_menus=False)
    status, html = visit(network, "district_a", urls["b"])
    assert status == "miss" and urls["a"] not in html  # B's page links to A only in the menu


def test_the_first_render_after_a_publish_costs_at_most_twelve_queries(network, pages):
    """Issue #22: the chrome and the data kept, only the page and its lists are read again."""
    urls = pages["urls"]
    warm(network, urls)
    republish(network, pages["pks"]["a"], title="Bài A đã sửa tiêu đề")
    for path in ("/", urls["a"]):
        with CaptureQueriesContext(connection) as queries:
            status, html = visit(network, "district_a", path)
        assert status == "miss" and "Bài A đã sửa tiêu đề" in html
        assert len(queries) <= 12, (path, [query["sql"] for query in queries.captured_queries])
