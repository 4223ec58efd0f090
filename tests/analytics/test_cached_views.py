"""Reading nginx's log of cached views (portal.analytics.cached_views) on plain files:
the page header it relies on, truncation, a log rotated away, no log configured. The
real nginx writes the log in tests/deploy/test_cached_views.py."""

from __future__ import annotations

import io
import json
import os

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Page

from portal.analytics import cached_views, counter
from portal.analytics.models import CachedViewLogPosition, PageViewDay
from sites import page_cache
from tests.conftest import client_for
from tests.sites.factories import publish_article

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def line(host: str, page_id: int) -> bytes:
    entry = {
        "time": timezone.now().isoformat(),
        "host": host,
        "method": "GET",
        "status": "200",
        "cache": "HIT",
        "page": str(page_id),
        "agent": BROWSER,
    }
    return json.dumps(entry).encode() + b"\n"


def views(network, key, page_id) -> int:
    row = PageViewDay.objects.filter(
        unit=network.unit(key), page_id=page_id, day=timezone.localdate()
    ).first()
    return row.views if row else 0


@pytest.fixture
def page(network):
    with schema_context(network.units["commune_a"].schema_name):
        return publish_article("Tin đọc qua bộ đệm").pk


def test_served_pages_name_themselves_also_when_replayed_but_nothing_else_does(
    network, page, settings
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    client = client_for(network, "commune_a")
    with schema_context(network.units["commune_a"].schema_name):
        url = Page.objects.get(pk=page).url
    first = client.get(url, HTTP_USER_AGENT=BROWSER)
    replayed = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert replayed[page_cache.STATUS_HEADER] == "hit"
    assert first[counter.PAGE_HEADER] == replayed[counter.PAGE_HEADER] == str(page)
    robot = client.get(url, HTTP_USER_AGENT="Googlebot/2.1")  # not counted, still named
    assert robot[counter.PAGE_HEADER] == str(page)
    assert counter.PAGE_HEADER not in client.get("/khong-co-trang-nay/")
    assert counter.PAGE_HEADER not in client.get("/admin/login/")


def test_a_log_truncated_in_place_is_read_from_its_start(network, page, tmp_path):
    log = tmp_path / "views.log"
    host = network.domains["commune_a"]
    log.write_bytes(line(host, page) * 3)
    assert cached_views.count_new_views(str(log)) == 3
    log.write_bytes(line(host, page))  # copytruncate, then one new view
    assert cached_views.count_new_views(str(log)) == 1
    assert cached_views.count_new_views(str(log)) == 0
    assert views(network, "commune_a", page) == 4


def test_a_log_rotated_away_is_left_and_the_new_one_read(network, page, tmp_path):
    log = tmp_path / "views.log"
    host = network.domains["commune_a"]
    log.write_bytes(line(host, page))
    assert cached_views.count_new_views(str(log)) == 1
    log.rename(tmp_path / "views.log.2")  # rotated twice: nothing at .1 to finish
    (tmp_path / "views.log.1").write_bytes(line(host, page) * 5)  # another file
    log.write_bytes(line(host, page) * 2)
    assert cached_views.count_new_views(str(log)) == 2
    position = CachedViewLogPosition.objects.get(path=str(log))
    assert (position.inode, position.offset) == (os.stat(log).st_ino, log.stat().st_size)
    assert views(network, "commune_a", page) == 3


def test_a_missing_log_counts_nothing_and_keeps_no_error(network, tmp_path):
    assert cached_views.count_new_views(str(tmp_path / "not-yet.log")) == 0


def test_the_command_without_a_log_says_so(settings):
    settings.PORTAL_FRONTEND_CACHE_VIEW_LOG = ""
    out = io.StringIO()
    call_command("count_cached_views", stdout=out)
    assert "PORTAL_FRONTEND_CACHE_VIEW_LOG" in out.getvalue()
    assert not CachedViewLogPosition.objects.exists()
