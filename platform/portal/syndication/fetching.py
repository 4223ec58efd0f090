"""Feeds in: fetch a subscription's feed safely and store its entries as credited links.

Defences: connect/read timeouts and an overall deadline (a server dripping bytes
is cut off), a size limit, only http(s), no private or loopback addresses unless
PORTAL_FEEDS_ALLOW_PRIVATE_HOSTS, conditional GET (ETag, Last-Modified),
deduplication by entry id, HTML sanitised with nh3. Any failure is stored on
the subscription for the admin and never reaches a page.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import feedparser
import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from urllib3 import exceptions as urllib3_errors

from . import sanitise
from .models import ExternalItem, FeedSubscription

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5
MAX_ENTRIES = 50
USER_AGENT = "PortalNetwork-FeedFetcher/1.0"
ADMIN_LANGUAGE = "vi"


class FetchError(Exception):
    """Why a feed could not be read: in Vietnamese for the admin, in English on the CLI."""

    def __init__(self, message, **params):
        super().__init__(message)
        self.message, self.params = message, params

    def text(self, language: str) -> str:
        with translation.override(language):
            return str(self.message) % self.params if self.params else str(self.message)


@dataclass
class FetchResult:
    status: str  # "updated", "not-modified" or "failed"
    new_items: int = 0
    error: FetchError | None = None


def check_address(url: str) -> None:
    """Refuse anything but http(s) to a public address (unless private hosts are allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_("Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://."))
    if settings.PORTAL_FEEDS_ALLOW_PRIVATE_HOSTS:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchError(_("Không tìm thấy máy chủ %(host)s."), host=parts.hostname) from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(
                _("Không được lấy tin từ địa chỉ nội bộ %(address)s."), address=address
            )


def download(subscription: FeedSubscription) -> bytes | None:
    """The feed's bytes, or None if the server says it has not changed since last time."""
    check_address(subscription.url)
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, */*"}
    if subscription.etag:
        headers["If-None-Match"] = subscription.etag
    if subscription.last_modified:
        headers["If-Modified-Since"] = subscription.last_modified
    deadline = time.monotonic() + settings.PORTAL_FEEDS_DEADLINE_SECONDS
    max_bytes = settings.PORTAL_FEEDS_MAX_BYTES
    try:
        with requests.get(
            subscription.url,
            headers=headers,
            timeout=(CONNECT_TIMEOUT, settings.PORTAL_FEEDS_READ_TIMEOUT),
            stream=True,
            allow_redirects=False,
        ) as response:
            if response.status_code == 304:
                return None
            if response.status_code != 200:
                raise FetchError(_("Máy chủ trả lời mã %(code)s."), code=response.status_code)
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_("Nguồn tin quá lớn (hơn %(size)s byte)."), size=max_bytes)
            chunks, size = [], 0
            # read1: whatever arrived (at most one socket read), so a server
            # dripping bytes meets the deadline instead of filling a buffer.
            while chunk := response.raw.read1(16 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_("Nguồn tin quá lớn (hơn %(size)s byte)."), size=max_bytes)
                if time.monotonic() > deadline:
                    raise FetchError(_("Máy chủ trả lời quá chậm."))
                chunks.append(chunk)
            subscription.etag = response.headers.get("ETag", "")[:300]
            subscription.last_modified = response.headers.get("Last-Modified", "")[:100]
            return b"".join(chunks)
    except (requests.Timeout, urllib3_errors.ReadTimeoutError, TimeoutError) as error:
        raise FetchError(_("Máy chủ trả lời quá chậm.")) from error
    except (requests.RequestException, OSError, urllib3_errors.HTTPError) as error:
        raise FetchError(_("Không kết nối được tới nguồn tin.")) from error


def _entry_time(entry) -> datetime.datetime:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        stamp = datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)
        return min(stamp, timezone.now())  # a feed cannot pin itself on top with a future date
    return timezone.now()


def parse(body: bytes) -> list[dict]:
    """The feed's entries as clean values; FetchError if it is not a readable feed."""
    feed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not feed.version or (feed.bozo and not feed.entries):
        raise FetchError(_("Nguồn tin không phải RSS/Atom hợp lệ."))
    entries = []
    for entry in feed.entries[:MAX_ENTRIES]:
        link = sanitise.safe_link(entry.get("link", ""))
        title = sanitise.plain_text(entry.get("title", ""), 500)
        if not link or not title:
            continue
        identity = entry.get("id") or link
        entries.append(
            {
                "guid_hash": hashlib.sha256(identity.encode("utf-8", "replace")).hexdigest(),
                "title": title,
                "link": link[:2000],
                "summary": sanitise.summary_html(entry.get("summary", "")),
                "published_at": _entry_time(entry),
            }
        )
    if feed.bozo and not entries:
        raise FetchError(_("Nguồn tin không phải RSS/Atom hợp lệ."))
    return entries


@transaction.atomic
def store(subscription: FeedSubscription, entries: list[dict]) -> int:
    """Add new entries, update known ones, keep the newest `max_items`; returns how many are new."""
    known = set(subscription.items.values_list("guid_hash", flat=True))
    new = 0
    for values in entries:
        guid_hash = values.pop("guid_hash")
        if guid_hash in known:
            subscription.items.filter(guid_hash=guid_hash).update(**values)
        else:
            ExternalItem.objects.create(subscription=subscription, guid_hash=guid_hash, **values)
            known.add(guid_hash)
            new += 1
    keep = subscription.items.order_by("-published_at", "-pk").values_list("pk", flat=True)[
        : subscription.max_items
    ]
    subscription.items.exclude(pk__in=list(keep)).delete()
    return new


def fetch(subscription: FeedSubscription) -> FetchResult:
    """Fetch one subscription and record the outcome on it; never raises for a bad feed."""
    subscription.last_checked_at = timezone.now()
    try:
        body = download(subscription)
        if body is None:
            result = FetchResult("not-modified")
        else:
            result = FetchResult("updated", new_items=store(subscription, parse(body)))
        subscription.last_success_at = subscription.last_checked_at
        subscription.last_error, subscription.failures = "", 0
    except FetchError as error:
        result = FetchResult("failed", error=error)
        subscription.last_error = error.text(ADMIN_LANGUAGE)
        subscription.failures += 1
        logger.warning("Feed %s (%s): %s", subscription.pk, subscription.url, error.text("en"))
    subscription.save(
        update_fields=[
            "last_checked_at",
            "last_success_at",
            "last_error",
            "failures",
            "etag",
            "last_modified",
        ]
    )
    return result
