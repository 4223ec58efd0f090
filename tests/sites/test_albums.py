"""Photo albums: the public page with its script-free lightbox, the home page block,
the ledger (syndicated and searched like news)."""

from __future__ import annotations

import re

import feedparser
import pytest
from django_tenants.utils import schema_context

from portal.publications.models import Publication, PublicationStatus
from sites.models import HomePage
from tests.conftest import client_for

from .albums import album
from .factories import home

pytestmark = pytest.mark.django_db

CAPTIONS = ["Lễ chào cờ đầu tuần", "Hội nghị giao ban", "Trồng cây dọc tuyến đê"]


def test_album_page_has_a_grid_and_a_lightbox_per_photo_without_scripts(network):
    with schema_context(network.units["district_a"].schema_name):
        page = album("Một ngày ở Núi Đỏ", CAPTIONS)
    response = client_for(network, "district_a").get(f"/tin-tuc-su-kien/{page.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert page.slug == "mot-ngay-o-nui-do"
    grid = re.search(r'<ul class="album-grid">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'href="#(anh-\d+)"', grid) == ["anh-1", "anh-2", "anh-3"]
    boxes = re.findall(r'<div class="lightbox" id="(anh-\d+)"(.*?)</div>', html, re.S)
    assert [box_id for box_id, _ in boxes] == ["anh-1", "anh-2", "anh-3"]
    for (_box_id, box), caption in zip(boxes, CAPTIONS, strict=True):
        assert caption in box and "Ảnh: Phóng viên" in box
        assert 'href="#album"' in box  # closes the lightbox
        assert re.search(r'srcset="[^"]+ 800w, [^"]+ 1200w"', box)
    assert 'rel="next"' in boxes[0][1] and 'rel="prev"' not in boxes[0][1]
    assert 'rel="prev"' in boxes[2][1] and 'rel="next"' not in boxes[2][1]
    assert all(f'alt="{caption}"' in grid for caption in CAPTIONS)
    assert "<script" not in re.search(r'<article class="album".*?</article>', html, re.S).group(0)
    assert '<meta name="description" content="Giới thiệu Một ngày ở Núi Đỏ">' in html


def test_albums_go_to_the_ledger_feeds_and_search_like_news(network):
    with schema_context(network.units["commune_a"].schema_name):
        page = album("Ngày hội đại đoàn kết ở Đồng Tâm", CAPTIONS)
    row = Publication.objects.get(unit=network.units["commune_a"], object_id=page.pk)
    assert (row.kind, row.status, row.image_count) == ("album", PublicationStatus.LIVE, 3)
    assert row.summary == "Giới thiệu Ngày hội đại đoàn kết ở Đồng Tâm"
    assert row.image_url.endswith(".jpg") and "Trồng cây dọc tuyến đê" in row.body_text

    district = client_for(network, "district_a")
    feed = feedparser.parse(district.get("/feeds/mang-luoi/rss/").content)
    assert page.title in [entry.title for entry in feed.entries]
    found = district.get("/api/search/", {"q": "đại đoàn kết Đồng Tâm", "scope": "network"})
    assert page.title in [hit["title"] for hit in found.json()["results"]]

    with schema_context(network.units["commune_a"].schema_name):
        page.unpublish()
    row.refresh_from_db()
    assert row.status == PublicationStatus.WITHDRAWN
    commune = client_for(network, "commune_a")
    assert commune.get(f"/tin-tuc-su-kien/{page.slug}/").status_code == 404


def test_the_home_page_block_lists_the_newest_albums(network):
    with schema_context(network.units["district_b"].schema_name):
        older = album("Album cũ hơn", CAPTIONS[:1])
        newer = album("Album mới nhất", CAPTIONS[1:])
        hidden = album("Album chưa đăng", CAPTIONS[:1], publish=False)
        page = HomePage.objects.get(pk=home().pk)
        page.body.append(("albums", {"title": "Thư viện ảnh", "count": 1}))
        page.save_revision().publish()
    html = client_for(network, "district_b").get("/").content.decode()
    block = re.search(r'<section class="album-strip".*?</section>', html, re.S).group(0)
    assert "Thư viện ảnh" in block and newer.title in block
    assert older.title not in block and hidden.title not in block  # count 1, and live only
    assert f'href="/tin-tuc-su-kien/{newer.slug}/"' in block and "srcset=" in block
