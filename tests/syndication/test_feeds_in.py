"""Feeds in: real HTTP to a local server; hostile feeds never break a page, show in the admin."""

import time

import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

from portal.syndication.fetching import fetch
from portal.syndication.models import ExternalItem, FeedSubscription
from tests.conftest import client_for
from tests.publications.pages import news

from .conftest import news_html
from .feed_server import FeedServer, Handler

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_server(settings):
    settings.PORTAL_FEEDS_ALLOW_PRIVATE_HOSTS = True
    settings.PORTAL_FEEDS_MAX_BYTES = 512 * 1024
    settings.PORTAL_FEEDS_DEADLINE_SECONDS = 2
    settings.PORTAL_FEEDS_READ_TIMEOUT = 2
    with FeedServer() as server:
        yield server


def subscribe(network, unit_key: str, url: str, name: str = "Báo Tỉnh") -> FeedSubscription:
    unit = network.units[unit_key]
    with schema_context(unit.schema_name):
        section = news()
    return FeedSubscription.objects.create(
        unit=unit, section_id=section.pk, section_title=section.title, name=name, url=url
    )


def test_good_feed_is_shown_sanitised_and_credited_in_its_section_only(network, feed_server):
    subscription = subscribe(network, "commune_a", feed_server.url("/good.xml"))
    result = fetch(subscription)
    assert (result.status, result.new_items, result.error) == ("updated", 2, None)
    titles = set(subscription.items.values_list("title", flat=True))
    assert titles == {"Khai mạc kỳ họp HĐND", "Tin thứ hai"}  # no javascript: link, no script
    html = news_html(network, "commune_a")
    assert "Khai mạc kỳ họp HĐND" in html and "Báo Tỉnh" in html
    assert 'href="https://baotinh.example/ky-hop"' in html
    # The page's own scripts (static files, in the header) are not the feed's.
    section = html.split("<main", 1)[1].split("</main>", 1)[0]
    for hostile in ("<script", "alert(", "onerror", "onclick", "javascript:"):
        assert hostile not in section, hostile
    assert "<b>thứ 20</b>" in html
    # Another commune's section shows none of it.
    assert "Khai mạc kỳ họp" not in news_html(network, "commune_b")


def test_conditional_get_and_deduplication(network, feed_server):
    with_etag = subscribe(network, "commune_a", feed_server.url("/good.xml"))
    fetch(with_etag)
    assert with_etag.etag == '"tin-v1"'
    assert fetch(with_etag).status == "not-modified"
    without = subscribe(network, "commune_a", feed_server.url("/no-etag.xml"), "Báo khác")
    fetch(without)
    second = fetch(without)
    assert (second.status, second.new_items) == ("updated", 0)
    assert ExternalItem.objects.filter(subscription=without).count() == 2
    atom = subscribe(network, "commune_a", feed_server.url("/atom.xml"), "Cổng quốc gia")
    assert fetch(atom).new_items == 1


@pytest.mark.parametrize(
    "path, problem",
    [
        ("/malformed.xml", "không phải RSS/Atom hợp lệ"),
        ("/page.html", "không phải RSS/Atom hợp lệ"),
        ("/huge.xml", "quá lớn"),
        ("/huge-declared.xml", "quá lớn"),
        ("/slow.xml", "quá chậm"),
        ("/missing.xml", "mã 404"),
    ],
)
def test_hostile_feeds_are_reported_and_never_break_the_page(network, feed_server, path, problem):
    subscription = subscribe(network, "commune_a", feed_server.url(path))
    started = time.monotonic()
    result = fetch(subscription)
    assert time.monotonic() - started < 10
    subscription.refresh_from_db()
    assert result.status == "failed"
    assert problem in subscription.last_error
    assert subscription.failures == 1 and not subscription.items.exists()
    assert news_html(network, "commune_a")  # renders (200) all the same
    editor = network.users["network_admin"]
    admin = client_for(network, "commune_a", editor).get("/admin/lien-thong/nguon-tin/")
    page = admin.content.decode()
    assert "subscription-problem" in page and problem in page


def test_loopback_addresses_are_refused_by_default(network, feed_server, settings):
    settings.PORTAL_FEEDS_ALLOW_PRIVATE_HOSTS = False
    subscription = subscribe(network, "commune_a", feed_server.url("/good.xml"))
    assert fetch(subscription).status == "failed"
    assert "địa chỉ nội bộ" in subscription.last_error
    assert Handler.hits.get("/good.xml") is None  # never contacted


def test_management_command_fetches_enabled_feeds_and_reports(network, feed_server, capsys):
    good = subscribe(network, "commune_a", feed_server.url("/good.xml"))
    bad = subscribe(network, "commune_b", feed_server.url("/malformed.xml"))
    paused = subscribe(network, "commune_b", feed_server.url("/atom.xml"))
    paused.enabled = False
    paused.save()
    call_command("fetch_feeds", min_interval=0)
    out, err = capsys.readouterr()
    assert "updated (2 new)" in out and "1 feed(s) failed" in out
    assert "not a valid RSS/Atom feed" in err
    assert good.items.count() == 2 and not bad.items.exists() and not paused.items.exists()
    call_command("fetch_feeds")  # everything was just checked: nothing fetched again
    assert Handler.hits["/good.xml"] == 1


def test_subscription_admin_is_per_unit_and_for_editors(network, feed_server, editor_of):
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    with schema_context(network.units["district_a"].schema_name):
        section = news()
    response = editor.post(
        "/admin/lien-thong/nguon-tin/them/",
        {"name": "Báo Tỉnh", "url": "ftp://example.vn/rss", "max_items": 5, "section": section.pk},
    )
    assert response.status_code == 200 and "http:// hoặc https://" in response.content.decode()
    response = editor.post(
        "/admin/lien-thong/nguon-tin/them/",
        {
            "name": "Báo Tỉnh",
            "url": feed_server.url("/good.xml"),
            "max_items": 5,
            "section": section.pk,
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    subscription = FeedSubscription.objects.get(unit=network.units["district_a"])
    assert subscription.section_title == "Tin tức - Sự kiện"
    other = client_for(network, "district_b", network.users["district_b_editor"])
    assert "Báo Tỉnh" not in other.get("/admin/lien-thong/nguon-tin/").content.decode()
    assert other.post(f"/admin/lien-thong/nguon-tin/{subscription.pk}/xoa/").status_code == 404
    editor.post(f"/admin/lien-thong/nguon-tin/{subscription.pk}/lay-tin/")
    assert subscription.items.count() == 2
    editor.post(f"/admin/lien-thong/nguon-tin/{subscription.pk}/lay-tin/")  # too soon: refused
    assert Handler.hits["/good.xml"] == 1
