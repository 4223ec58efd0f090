"""Feeds out: RSS 2.0 and Atom of a portal, one of its sections, one kind, or the whole network.

Items come from the ledger only. Each response carries an ETag and a
Last-Modified taken from the scope's change mark, answers conditional GETs
with 304, and is cached under that mark, so a ledger write shows at once.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.publications import registry
from portal.publications.models import Publication, PublicationStatus
from portal.tenancy.addresses import absolute, portal_url, seen_from
from portal.tenancy.models import Unit, UnitStatus

from . import marks

ITEMS = 30
CACHE_SECONDS = 3600
FORMATS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


def _unit(request) -> Unit:
    unit = getattr(request, "tenant", None)
    if not isinstance(unit, Unit):
        raise Http404
    return unit


def _scope(request, scope: str, value: str | None):
    """(title, rows, mark scope) of the feed asked for, or 404."""
    unit = _unit(request)
    live = Publication.objects.filter(status=PublicationStatus.LIVE, unit__status=UnitStatus.ACTIVE)
    if scope == "network":
        return _("Toàn mạng lưới"), live, marks.NETWORK
    own = live.filter(unit=unit)
    if scope == "portal":
        return unit.name, own, marks.unit_scope(unit)
    if scope == "section":
        rows = own.filter(section_id=value)
        first = rows.first()
        if first is None:
            raise Http404
        return f"{unit.name} — {first.section_title}", rows, marks.unit_scope(unit)
    labels = {kind.slug: kind.label for kind in registry.kinds()}
    if value not in labels:
        raise Http404
    return f"{unit.name} — {labels[value]}", own.filter(kind=value), marks.unit_scope(unit)


def guid(row: Publication) -> str:
    """A tag URI that never changes for this row, whatever its title or address."""
    return (
        f"tag:{row.unit.code.lower()}.portal,{row.published_at:%Y-%m-%d}:{row.kind}/{row.object_id}"
    )


def _render(request, feed_format: str, title: str, rows) -> tuple[bytes, str]:
    unit = _unit(request)
    domain = unit.primary_domain()
    home = portal_url(domain, request) if domain else absolute("/", request)
    feed = FORMATS[feed_format](
        title=title,
        link=home,
        description=_("Tin mới từ %(name)s") % {"name": title},
        language="vi",
        feed_url=absolute(request.path, request),
        feed_guid=absolute(request.path, request),
    )
    for row in rows.select_related("unit").order_by("-published_at", "-pk")[:ITEMS]:
        feed.add_item(
            title=row.title,
            link=seen_from(row.url, request),
            description=row.summary or row.title,
            unique_id=guid(row),
            unique_id_is_permalink=False,
            pubdate=row.published_at,
            updateddate=row.updated_at,
            author_name=row.unit.name,
            categories=[row.section_title] if row.section_title else None,
        )
    return feed.writeString("utf-8").encode("utf-8"), feed.content_type


@require_GET
def feed_view(request, feed_format: str, scope: str, value: str | None = None):
    if feed_format not in FORMATS:
        raise Http404
    title, rows, mark_scope = _scope(request, scope, value)
    mark = marks.read(mark_scope)
    key = f"{absolute(request.path, request)}|{mark_scope}|{mark.counter}"
    etag = quote_etag(hashlib.sha1(key.encode()).hexdigest())
    last_modified = int(mark.changed_at.timestamp()) if mark.changed_at else None
    if _not_modified(request, etag, last_modified):
        response = HttpResponseNotModified()
    else:
        cache_key = f"syndication:feed:{hashlib.sha1(key.encode()).hexdigest()}"
        cached = cache.get(cache_key)
        if cached is None:
            cached = _render(request, feed_format, title, rows)
            cache.set(cache_key, cached, CACHE_SECONDS)
        body, content_type = cached
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # Caches may keep the feed but must revalidate it (cheap: ETag), so a change shows at once.
    response["Cache-Control"] = "public, no-cache"
    return response


def _not_modified(request, etag: str, last_modified: int | None) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return (
            etag in [tag.strip() for tag in if_none_match.split(",")]
            or if_none_match.strip() == "*"
        )
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified is not None and last_modified <= since
