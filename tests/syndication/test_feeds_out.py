"""Feeds out: every feed parses cleanly with feedparser, carries absolute links and stable ids,
answers conditional GETs, and shows only its own scope."""

import feedparser
import pytest
from django_tenants.utils import schema_context

from tests.conftest import client_for

from .conftest import home_html, news_html, page_of, publish

pytestmark = pytest.mark.django_db


def _parse(response):
    assert response.status_code == 200, response.status_code
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _feeds(client, path_prefix=""):
    return {fmt: _parse(client.get(f"/feeds/{path_prefix}{fmt}/")) for fmt in ("rss", "atom")}


def test_portal_section_kind_and_network_feeds_parse_and_stay_in_scope(network):
    row_a = publish(network, "commune_a", "Tin xã A trong nguồn cấp", "tin-xa-a")
    row_b = publish(network, "commune_b", "Tin xã B trong nguồn cấp", "tin-xa-b")
    commune_a = client_for(network, "commune_a")

    for fmt, feed in _feeds(commune_a).items():
        assert feed.version == {"rss": "rss20", "atom": "atom10"}[fmt]
        titles = [entry.title for entry in feed.entries]
        assert titles == ["Tin xã A trong nguồn cấp"], fmt
        entry = feed.entries[0]
        assert entry.link == row_a.url and entry.link.startswith("http://xa-a.test.localhost")
        assert entry.id.startswith("tag:") and entry.id.endswith(f"article/{row_a.object_id}")
        assert entry.published_parsed is not None
        assert entry.author == network.units["commune_a"].name

    section = _feeds(commune_a, f"chuyen-muc/{row_a.section_id}/")
    assert [e.title for e in section["rss"].entries] == ["Tin xã A trong nguồn cấp"]
    kind = _feeds(commune_a, "loai/article/")
    assert [e.title for e in kind["atom"].entries] == ["Tin xã A trong nguồn cấp"]
    assert _feeds(commune_a, "loai/document/")["rss"].entries == []
    assert commune_a.get("/feeds/loai/unknown/rss/").status_code == 404
    assert commune_a.get(f"/feeds/chuyen-muc/{row_b.section_id + 99999}/rss/").status_code == 404

    network_feed = _feeds(client_for(network, "district_b"), "mang-luoi/")
    titles = {e.title for e in network_feed["rss"].entries}
    assert {"Tin xã A trong nguồn cấp", "Tin xã B trong nguồn cấp"} <= titles
    # commune_b's portal feed holds none of commune_a's rows.
    assert [e.title for e in _feeds(client_for(network, "commune_b"))["rss"].entries] == [
        "Tin xã B trong nguồn cấp"
    ]


def test_ids_are_stable_across_edits(network):
    row = publish(network, "commune_a", "Tin trước khi sửa", "tin-sua")
    client = client_for(network, "commune_a")
    before = _parse(client.get("/feeds/atom/")).entries[0].id
    with schema_context(network.units["commune_a"].schema_name):
        article = page_of(row)
        article.title = "Tin sau khi sửa"
        article.save_revision().publish()
    entry = _parse(client.get("/feeds/atom/")).entries[0]
    assert (entry.title, entry.id) == ("Tin sau khi sửa", before)


def test_conditional_get_and_fresh_content_after_a_change(network):
    publish(network, "commune_a", "Tin một", "tin-mot")
    client = client_for(network, "commune_a")
    first = client.get("/feeds/rss/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag and last_modified
    assert first["Cache-Control"] == "public, no-cache"  # kept by caches, always revalidated
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    # A change elsewhere in the network leaves this portal's feed valid.
    publish(network, "commune_b", "Tin ở xã khác", "tin-khac")
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    publish(network, "commune_a", "Tin hai", "tin-hai")
    fresh = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    assert [e.title for e in _parse(fresh).entries] == ["Tin hai", "Tin một"]


def test_pages_advertise_their_feeds(network):
    row = publish(network, "district_a", "Tin huyện", "tin-huyen")
    home = home_html(network, "district_a")
    for href in (
        "http://huyen-a.test.localhost/feeds/rss/",
        "http://huyen-a.test.localhost/feeds/atom/",
        "http://huyen-a.test.localhost/feeds/mang-luoi/rss/",
    ):
        assert f'href="{href}"' in home
    assert 'rel="alternate" type="application/rss+xml"' in home
    assert 'href="http://huyen-a.test.localhost/feeds/loai/document/rss/"' in home
    section = news_html(network, "district_a")
    assert f'href="http://huyen-a.test.localhost/feeds/chuyen-muc/{row.section_id}/rss/"' in section
    assert "huyen-b.test.localhost" not in home
