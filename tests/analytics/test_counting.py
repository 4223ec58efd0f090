"""Visitor counting: buffered in the cache, flushed in batches, no robots, nothing personal."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.analytics import counter, figures
from portal.analytics.models import PageViewDay
from portal.publications.ledger import UnitLedger
from sites import page_cache
from tests.conftest import client_for
from tests.sites.factories import publish_article

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def _long_flush_interval(settings):
    settings.PORTAL_PAGE_VIEW_FLUSH_SECONDS = 3600


def article(network, key, title):
    with schema_context(network.units[key].schema_name):
        page = publish_article(title)
        return page.pk, page.url


def views(network, key, page_id):
    row = PageViewDay.objects.filter(
        unit=network.unit(key), page_id=page_id, day=timezone.localdate()
    ).first()
    return row.views if row else 0


def visit(network, key, url, times=1, agent=BROWSER):
    client = client_for(network, key)
    for _ in range(times):
        response = client.get(url, HTTP_USER_AGENT=agent)
        assert response.status_code == 200
    return response


def test_views_are_buffered_then_flushed_per_unit(network):
    a_id, a_url = article(network, "district_a", "Tin được đọc")
    b_id, b_url = article(network, "district_b", "Tin huyện B")
    visit(network, "district_a", a_url)  # the first view of the interval also flushes
    assert views(network, "district_a", a_id) == 1
    with CaptureQueriesContext(connection) as queries:
        visit(network, "district_a", a_url, times=4)
    assert not [q for q in queries.captured_queries if "pageviewday" in q["sql"].lower()]
    assert views(network, "district_a", a_id) == 1  # four views wait in the cache
    visit(network, "district_b", b_url, times=2)
    assert counter.flush_all() == 4 + 1  # district_b's first view flushed itself
    assert views(network, "district_a", a_id) == 5 and views(network, "district_b", b_id) == 2
    assert counter.flush_all() == 0  # nothing counted twice
    b_rows = PageViewDay.objects.filter(unit=network.unit("district_b")).values_list(
        "page_id", "views"
    )
    assert list(b_rows) == [(b_id, 2)]  # page ids repeat across schemas: rows never mix


def test_robots_tools_and_editors_are_not_counted(network):
    page_id, url = article(network, "district_a", "Tin cho máy")
    for agent in (
        "Mozilla/5.0 (compatible; Googlebot/2.1)",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
    ):
        visit(network, "district_a", url, agent=agent)
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    editor.get(url, HTTP_USER_AGENT=BROWSER)
    counter.flush_all()
    assert views(network, "district_a", page_id) == 0
    visit(network, "district_a", url)
    counter.flush_all()
    assert views(network, "district_a", page_id) == 1


def test_nothing_personal_is_kept(network):
    page_id, url = article(network, "district_a", "Tin riêng tư")
    response = visit(network, "district_a", url)
    assert "Set-Cookie" not in response.headers and not response.cookies
    counter.flush_all()
    fields = {field.name for field in PageViewDay._meta.get_fields()}
    assert fields == {"id", "unit", "page_id", "day", "views"}
    assert views(network, "district_a", page_id) == 1


def test_most_read_uses_the_ledger_and_stays_in_its_unit(network):
    first, first_url = article(network, "district_a", "Đọc nhiều nhất")
    second, second_url = article(network, "district_a", "Đọc nhì")
    gone, gone_url = article(network, "district_a", "Đã gỡ")
    other, other_url = article(network, "district_b", "Tin của huyện B")
    visit(network, "district_a", first_url, 3)
    visit(network, "district_a", second_url, 2)
    visit(network, "district_a", gone_url, 5)
    visit(network, "district_b", other_url, 9)
    with schema_context(network.units["district_a"].schema_name):
        from wagtail.models import Page

        page = Page.objects.get(pk=gone).specific
        page.unpublish()
        UnitLedger(network.unit("district_a")).sync(page)
    counter.flush_all()
    ranked = figures.most_read(network.unit("district_a"))
    assert [(item.title, item.views) for item in ranked] == [("Đọc nhiều nhất", 3), ("Đọc nhì", 2)]
    home = visit(network, "district_a", "/").content.decode()
    listed = home[home.index('class="most-read"') :]
    listed = listed[: listed.index("</ol>")]
    assert listed.index("Đọc nhiều nhất</a>") < listed.index("Đọc nhì</a>")
    assert "Đã gỡ" not in listed and "Tin của huyện B" not in home


def test_visitor_total_only_where_the_unit_wants_it(network):
    page_id, url = article(network, "district_a", "Tin đếm")
    visit(network, "district_a", url, 3)
    counter.flush_all()
    assert "Lượt truy cập" not in visit(network, "district_a", "/").content.decode()
    admin = client_for(network, "district_a", network.users["district_a_admin"])
    assert admin.post("/admin/luot-xem/", {"show_total": "on"}).status_code == 302
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    assert (
        editor.post("/admin/luot-xem/", {}).status_code == 302
    )  # refused: editors cannot change it
    home = visit(network, "district_a", "/").content.decode()
    assert "Lượt truy cập: 3" in home
    assert "Lượt truy cập" not in visit(network, "district_b", "/").content.decode()
    assert "Tin đếm" in editor.get("/admin/luot-xem/").content.decode()


def test_the_flush_command(network):
    page_id, url = article(network, "district_b", "Tin lệnh")
    visit(network, "district_b", url, 3)
    out = io.StringIO()
    call_command("flush_page_views", stdout=out)
    assert out.getvalue().strip() == "Flushed 2 page views."
    assert views(network, "district_b", page_id) == 3


def test_pages_replayed_by_the_page_cache_are_counted(network, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    a_id, a_url = article(network, "district_a", "Tin đọc từ bộ nhớ đệm")
    visit(network, "district_a", a_url)
    replayed = visit(network, "district_a", a_url, times=3)
    assert replayed[page_cache.STATUS_HEADER] == "hit"
    counter.flush_all()
    assert views(network, "district_a", a_id) == 4
    _, b_url = article(network, "district_b", "Tin huyện B đọc từ bộ nhớ đệm")
    visit(network, "district_b", b_url, agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    robot = visit(
        network, "district_b", b_url, agent="Googlebot/2.1 (+http://www.google.com/bot.html)"
    )
    assert robot[page_cache.STATUS_HEADER] == "hit"
    counter.flush_all()
    assert not PageViewDay.objects.filter(unit=network.unit("district_b")).exists()
